/** Browser mode's answers: JSON results and errors in the dispatcher's shape, and the built page's files. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiResult, ErrorCode } from '../../shared/errors';
import { mimeTypes } from '../security/app-protocol';
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

/** The built page: index.html for '/' (the app routes by hash), assets by name, nothing outside `rendererDir`. */
export function serveStatic(rendererDir: string, pathname: string, res: ServerResponse): void {
  const decoded = decodePath(pathname);
  if (decoded === undefined) {
    sendError(res, 'invalid_input', 'Malformed address.');
    return;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(rendererDir, relative);
  if (!file.startsWith(rendererDir + sep) && file !== rendererDir) {
    sendError(res, 'forbidden', 'Path outside the app.');
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // The app routes by hash, so only '/' needs the page; a missing file (an old bundle, favicon.ico) is a 404,
    // not HTML under a script's name.
    if (extname(relative) !== '') {
      sendError(res, 'not_found', 'No such file.');
      return;
    }
    file = join(rendererDir, 'index.html');
  }
  if (!existsSync(file)) {
    res.writeHead(503, { ...commonHeaders, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The page has not been built. Run `npm run build:renderer` (npm run web does it for you).');
    return;
  }
  const type = mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { ...commonHeaders, 'content-type': type };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = contentSecurityPolicy;
    headers['cache-control'] = 'no-store';
    // A window another site opens on the app gets no handle back to it.
    headers['cross-origin-opener-policy'] = 'same-origin';
    headers['x-frame-options'] = 'DENY';
  } else if (relative.startsWith(`assets${sep}`)) {
    // Vite names every built asset by its content hash, so a cached copy is never stale.
    headers['cache-control'] = 'private, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}
