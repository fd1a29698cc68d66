/**
 * The page's one door to the core: Electron's preload bridge when present, otherwise browser mode's HTTP API.
 * Both return the same ApiResult, so features never know which transport they run on.
 */
import { eventSchemas, type EventName, type EventPayload, type Input, type Method, type Output } from '../shared/api';
import { isApiError, type ApiError, type ApiErrorDetail, type ApiResult } from '../shared/errors';
import type { QaBridge } from '../shared/bridge';
import { mediaKeyLabel, recordingMediaUrl } from '../shared/media-url';

declare global {
  interface Window {
    /** The desktop app's preload bridge (electron/preload.ts); absent in browser mode. */
    qa?: QaBridge<File>;
  }
}

export class ApiCallError extends Error implements ApiError {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly reason?: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
  }
}

function unwrap<T>(result: unknown): T {
  const r = result as ApiResult<T> | undefined;
  if (r && r.ok === true) return r.data;
  if (r && r.ok === false && isApiError(r.error))
    throw new ApiCallError(r.error.code, r.error.message, r.error.reason, r.error.details);
  throw new ApiCallError('internal', 'The app returned an unreadable answer.');
}

export const transport: 'electron' | 'browser' = typeof window !== 'undefined' && window.qa ? 'electron' : 'browser';

/**
 * Browser mode's credentials (see electron/web/guard.ts): the run's token, from the address the host printed and
 * then from sessionStorage, which no page on another port can read; and the media key derived from it.
 */
const tokenKey = 'qa.browserToken';
let browserToken: string | null = null;
let mediaKey: string | undefined;

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Browser mode, before the app renders: takes the token out of the address bar (so it is not in history). */
export async function signIn(): Promise<void> {
  if (transport !== 'browser') return;
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress) {
    sessionStorage.setItem(tokenKey, fromAddress);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  browserToken = sessionStorage.getItem(tokenKey);
  if (!browserToken) return;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(browserToken),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  mediaKey = base64url(await crypto.subtle.sign('HMAC', key, encoder.encode(mediaKeyLabel)));
}

function authHeaders(): Record<string, string> {
  return browserToken ? { authorization: `Bearer ${browserToken}` } : {};
}

/** The address of a recording's audio on this transport (browser mode's carries the media key). */
export function recordingMedia(recordingId: string): string {
  return recordingMediaUrl(recordingId, transport, mediaKey);
}

async function invokeHttp(method: string, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      credentials: 'omit',
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
  void streamEvents((name, payload) => listeners.forEach((l) => l(name, payload)));
}

/**
 * Server-sent events read through fetch rather than EventSource, which cannot send the Authorization header.
 * Reconnects like EventSource does, backing off while the host is away.
 */
async function streamEvents(emit: AnyListener): Promise<void> {
  for (let failures = 0; ; failures++) {
    try {
      const response = await fetch('/api/events', { headers: authHeaders(), credentials: 'omit', cache: 'no-store' });
      if (response.ok && response.body) {
        failures = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          buffer += chunk.value;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const frame = parseFrame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (frame) emit(frame.name, frame.payload);
          }
        }
      }
    } catch {
      // the host went away or the page is unloading: try again below
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5))));
  }
}

function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventSchemas, name);
}

function parseFrame(frame: string): { name: EventName; payload: unknown } | null {
  let name = '';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice('event: '.length);
    else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
  }
  if (!isEventName(name) || data.length === 0) return null;
  try {
    const parsed = eventSchemas[name].safeParse(JSON.parse(data.join('\n')));
    return parsed.success ? { name, payload: parsed.data } : null;
  } catch {
    return null;
  }
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  connectEvents();
  const wrapped: AnyListener = (name, payload) => {
    if (name === event) listener(payload as EventPayload<E>);
  };
  listeners.add(wrapped);
  return () => listeners.delete(wrapped);
}
