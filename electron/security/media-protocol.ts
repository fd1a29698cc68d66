/**
 * qa-media://recording/<id>: streams a recording to the page's <audio> element with HTTP Range support, so seeking
 * in an hour-long call reads only what is played. The handler only parses and checks the URL; finding and reading
 * the file (inside the library folder, never outside) is the core's media source. Pure, so it is unit-tested.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { mediaHost } from '../../shared/media-url';
import { AppError } from '../core/errors';

/** What the core's media source returns; `body` may be a web stream, a Node stream or bytes. */
export interface MediaReply {
  status: number;
  headers: Record<string, string>;
  body?: ReadableStream<Uint8Array> | NodeJS.ReadableStream | Uint8Array | null;
}

export type MediaSource = (
  recordingId: string,
  rangeHeader: string | null,
  method: 'GET' | 'HEAD',
) => Promise<MediaReply>;

const recordingIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const statusByCode: Partial<Record<string, number>> = { forbidden: 403, not_found: 404, invalid_input: 400 };

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

type ResponseBody = ConstructorParameters<typeof Response>[0];

function toWebBody(body: MediaReply['body']): ResponseBody {
  if (body === null || body === undefined) return null;
  if (body instanceof Uint8Array) return body as Uint8Array<ArrayBuffer>;
  if (body instanceof ReadableStream) return body;
  return Readable.toWeb(Readable.from(body as AsyncIterable<Uint8Array>)) as ReadableStream<Uint8Array>;
}

export function createMediaProtocolHandler(source: MediaSource): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== mediaHost) return plain(404, 'unknown media host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const parsed = recordingIdSchema.safeParse(url.pathname.replace(/^\//, ''));
    if (!parsed.success) return plain(400, 'bad recording id');
    try {
      const method = request.method === 'HEAD' ? 'HEAD' : 'GET';
      const reply = await source(parsed.data, request.headers.get('range'), method);
      const body = method === 'HEAD' ? null : toWebBody(reply.body);
      return new Response(body, {
        status: reply.status,
        headers: { ...reply.headers, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
      });
    } catch (error) {
      if (error instanceof AppError) return plain(statusByCode[error.code] ?? 500, error.message);
      throw error;
    }
  };
}
