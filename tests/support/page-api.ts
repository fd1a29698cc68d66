import type { Page } from 'playwright-core';
import { pageApi } from './browser-mode';

/** Calls the app core from the page as the page itself does, and returns its data (a refusal throws). */
export async function pageCall<T = unknown>(page: Page, method: string, input: object): Promise<T> {
  const answer = await pageApi(page, method, input);
  if (!answer.ok) throw new Error(`${method} refused: ${answer.error?.code ?? 'unknown'}`);
  return answer.data as T;
}
