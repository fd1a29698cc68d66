/**
 * Serves the bundled page on app://qa/. Pure Node (web Request/Response), so its guarantees are unit-tested:
 * only files inside the renderer folder, every HTML answer carries the CSP, unknown routes fall back to index.html
 * (the page routes on the client).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../core/errors';
import { resolveLibraryFile } from '../core/media/library-path';
import { contentSecurityPolicy } from './csp';
import { appHost } from './origin';

/** Content types of the built page's files, for the app: scheme and browser mode alike. */
export const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders } });
}

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  async function fileResponse(relativePath: string): Promise<Response> {
    const file = await resolveLibraryFile(rendererDir, relativePath);
    const body = await readFile(file);
    const type = mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(new Uint8Array(body), { status: 200, headers: { 'Content-Type': type, ...securityHeaders } });
  }

  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return plain(404, 'unknown host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const relativePath = url.pathname.replace(/^\/+/, '');
    // Client-side routes (no extension) get the page itself.
    const wantsPage = relativePath === '' || !/\.[A-Za-z0-9]+$/.test(relativePath);
    try {
      return await fileResponse(wantsPage ? 'index.html' : relativePath);
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') return plain(403, 'forbidden');
      if (error instanceof AppError && error.code === 'not_found') return plain(404, 'not found');
      throw error;
    }
  };
}
