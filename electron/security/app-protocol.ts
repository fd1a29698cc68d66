/**
 * Serves the bundled page on app://qa/. Pure Node (web Request/Response), so its guarantees are unit-tested:
 * only files inside the renderer folder, every HTML answer carries the CSP, unknown routes fall back to index.html
 * (the page routes on the client).
 */
import { readFile } from 'node:fs/promises';
import { AppError } from '../core/errors';
import { rendererFile } from '../renderer-files';
import { contentSecurityPolicy } from './csp';
import { appHost } from './origin';

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders } });
}

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return plain(404, 'unknown host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    try {
      const found = await rendererFile(rendererDir, url.pathname);
      const body = await readFile(found.file);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { 'Content-Type': found.contentType, ...securityHeaders },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') return plain(403, 'forbidden');
      if (error instanceof AppError && error.code === 'not_found') return plain(404, 'not found');
      if (error instanceof AppError && error.code === 'invalid_input') return plain(400, 'malformed address');
      throw error;
    }
  };
}
