/**
 * The page's one door to the core: Electron's preload bridge when present, otherwise browser mode's HTTP API.
 * Both return the same ApiResult, so features never know which transport they run on.
 */
import { eventSchemas, type EventName, type EventPayload, type Input, type Method, type Output } from '../shared/api';
import { isApiError, type ApiError, type ApiResult } from '../shared/errors';

interface Bridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    qa?: Bridge;
  }
}

export class ApiCallError extends Error implements ApiError {
  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
  }
}

function unwrap<T>(result: unknown): T {
  const r = result as ApiResult<T> | undefined;
  if (r && r.ok === true) return r.data;
  if (r && r.ok === false && isApiError(r.error)) throw new ApiCallError(r.error.code, r.error.message);
  throw new ApiCallError('internal', 'The app returned an unreadable answer.');
}

async function invokeHttp(method: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiCallError('unavailable', 'Cannot reach the app core. Is browser mode still running?');
  }
  try {
    return await response.json();
  } catch {
    throw new ApiCallError('internal', `The app core answered ${response.status} without a readable body.`);
  }
}

export const transport: 'electron' | 'browser' = typeof window !== 'undefined' && window.qa ? 'electron' : 'browser';

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const raw = window.qa ? await window.qa.invoke(method, input) : await invokeHttp(method, input);
  return unwrap<Output<M>>(raw);
}

type AnyListener = (event: EventName, payload: unknown) => void;
const listeners = new Set<AnyListener>();
let connected = false;

function connectEvents(): void {
  if (connected) return;
  connected = true;
  if (window.qa) {
    window.qa.on((event, payload) => listeners.forEach((l) => l(event as EventName, payload)));
    return;
  }
  const source = new EventSource('/api/events', { withCredentials: true });
  const forward = (name: EventName) =>
    source.addEventListener(name, (e) => {
      const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
      listeners.forEach((l) => l(name, payload));
    });
  (Object.keys(eventSchemas) as EventName[]).forEach(forward);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  connectEvents();
  const wrapped: AnyListener = (name, payload) => {
    if (name === event) listener(payload as EventPayload<E>);
  };
  listeners.add(wrapped);
  return () => listeners.delete(wrapped);
}
