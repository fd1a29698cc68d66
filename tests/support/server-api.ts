/** HTTP calls to a server process the way the app makes them (protocol header, bearer token), for server suites. */
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type Change, type PullPage, type PushItem } from '../../shared/sync';

export interface ApiResponse {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

export interface ApiOptions {
  token?: string;
  body?: unknown;
  raw?: string;
  /** null: no protocol header. */
  protocol?: string | null;
  method?: string;
}

export function serverApi(url: string) {
  async function api(path: string, init: ApiOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (init.protocol !== null) headers[PROTOCOL_HEADER] = init.protocol ?? String(PROTOCOL_VERSION);
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // left empty: asserted by the caller
    }
    return { status: res.status, text, json };
  }
  const push = (token: string, items: PushItem[]) => api('/v1/sync/push', { token, body: { items } });
  /** Every page from `since` on, as the app pulls them. */
  async function pullAll(token: string, since = '0', limit?: number) {
    const pages: PullPage[] = [];
    const texts: string[] = [];
    for (let cursor = since; ;) {
      const res = await api(`/v1/sync/pull?since=${cursor}${limit ? `&limit=${limit}` : ''}`, { token });
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${res.text}`);
      const page = res.json as unknown as PullPage;
      pages.push(page);
      texts.push(res.text);
      cursor = page.cursor;
      if (!page.more) break;
    }
    const changes: Change[] = pages.flatMap((p) => p.changes);
    return { pages, texts, changes, cursor: pages[pages.length - 1].cursor };
  }
  return { api, push, pullAll };
}
