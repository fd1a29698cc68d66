import type { Page } from 'playwright-core';

/** Calls the app core from the page as the page itself does (browser mode's API with the run's token). */
export async function pageCall<T = unknown>(page: Page, method: string, input: object): Promise<T> {
  return page.evaluate(
    async ([m, body]) => {
      const token = sessionStorage.getItem('qa.browserToken');
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const json = (await r.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!json.ok) throw new Error(json.error?.message ?? 'call failed');
      return json.data;
    },
    [method, input] as const,
  ) as Promise<T>;
}
