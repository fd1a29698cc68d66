/** Browser mode's answers: JSON results and errors in the dispatcher's shape, and the built page's files. */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { ApiResult, ErrorCode } from '../../shared/errors';
import { AppError } from '../core/errors';
import { rendererFile } from '../renderer-files';
import { contentSecurityPolicy } from '../security/csp';

export const statusByCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

/**
 * On every answer: nothing is embedded in or read by another origin's page (an <audio> or <script> pointing here
 * from another port gets nothing), and the address (with its token or media key) is never sent on as a Referer.
 */
export const commonHeaders = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...commonHeaders,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  const body: ApiResult<never> = { ok: false, error: { code, message } };
  sendJson(res, statusByCode[code], body);
}

/** A path segment as the client meant it, or undefined for a malformed %-escape (a client error, not a crash). */
export function decodePath(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The built page and its assets (renderer-files.ts decides which file, the same way for every transport). */
export async function serveStatic(rendererDir: string, pathname: string, res: ServerResponse): Promise<void> {
  let found;
  try {
    found = await rendererFile(rendererDir, pathname);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'not_found' && (pathname === '/' || extname(pathname) === '')) {
      res.writeHead(503, { ...commonHeaders, 'content-type': 'text/plain; charset=utf-8' });
      res.end('The page has not been built. Run `npm run build:renderer` (npm run web does it for you).');
      return;
    }
    const messages: Partial<Record<ErrorCode, string>> = {
      invalid_input: 'Malformed address.',
      forbidden: 'Path outside the app.',
    };
    sendError(res, error.code, messages[error.code] ?? 'No such file.');
    return;
  }
  const headers: Record<string, string> = { ...commonHeaders, 'content-type': found.contentType };
  if (found.page) {
    headers['content-security-policy'] = contentSecurityPolicy;
    headers['cache-control'] = 'no-store';
    // A window another site opens on the app gets no handle back to it.
    headers['cross-origin-opener-policy'] = 'same-origin';
    headers['x-frame-options'] = 'DENY';
  } else if (found.hashedAsset) {
    // Vite names every built asset by its content hash, so a cached copy is never stale.
    headers['cache-control'] = 'private, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  createReadStream(found.file).pipe(res);
}
