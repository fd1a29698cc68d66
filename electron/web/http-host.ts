import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiResult, ErrorCode } from '../../shared/errors';
import type { Core } from '../core/core';
import { serveMedia } from '../core/recordings/media';
import { contentSecurityPolicy } from '../security/csp';

export interface HostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The URL to open: it hands the token to the browser once, as a cookie. */
  loginUrl: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const maxBodyBytes = 8 * 1024 * 1024;

const statusByCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  const body: ApiResult<never> = { ok: false, error: { code, message } };
  sendJson(res, statusByCode[code], body);
}

/** A path segment as the client meant it, or undefined for a malformed %-escape (a client error, not a crash). */
function decodePath(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new Error('too_large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the same dispatcher as Electron's IPC, over HTTP on 127.0.0.1 only. A per-run token, handed over
 * once in the login URL and kept in an HttpOnly cookie, stops other local pages and users from calling the core.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { core, rendererDir } = options;
  const token = options.token ?? randomBytes(24).toString('hex');
  let cookieName = 'qa_token';
  let allowedHosts = new Set<string>();
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = core.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ') && sameSecret(header.slice(7), token)) return true;
    const cookie = readCookie(req, cookieName);
    return cookie !== undefined && sameSecret(cookie, token);
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
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
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The page has not been built. Run `npm run build:renderer` (npm run web does it for you).');
      return;
    }
    const type = mimeTypes[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = contentSecurityPolicy;
      headers['cache-control'] = 'no-store';
    } else if (relative.startsWith(`assets${sep}`)) {
      // Vite names every built asset by its content hash, so a cached copy is never stale.
      headers['cache-control'] = 'private, max-age=31536000, immutable';
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a hostile site resolving its own name to 127.0.0.1 must not reach the API.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendError(res, 'forbidden', 'Unexpected Host header.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (req.method === 'GET' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
        sendError(res, 'unauthorized', 'Wrong token: open the address printed when browser mode started.');
        return;
      }
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authorised(req)) {
        sendError(res, 'unauthorized', 'Not signed in: open the address printed when browser mode started.');
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method !== 'POST') {
        sendError(res, 'invalid_input', 'API calls are POST requests with a JSON body.');
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch (error) {
        const tooLarge = error instanceof Error && error.message === 'too_large';
        sendError(res, 'invalid_input', tooLarge ? 'Request body is too large.' : 'Request body is not valid JSON.');
        return;
      }
      const result = await core.dispatch(method, input);
      sendJson(res, result.ok ? 200 : statusByCode[result.error.code], result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 'invalid_input', 'Method not allowed.');
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      // The audio element sends the cookie, so media sits behind the same token as the API.
      if (!authorised(req)) {
        sendError(res, 'unauthorized', 'Not signed in: open the address printed when browser mode started.');
        return;
      }
      const id = decodePath(url.pathname.slice('/media/'.length));
      if (id === undefined) {
        sendError(res, 'invalid_input', 'Malformed address.');
        return;
      }
      const media = serveMedia(core.db, core.dataDir, id, req.headers.range, req.method === 'HEAD' ? 'HEAD' : 'GET');
      res.writeHead(media.status, media.headers);
      if (media.body) media.body.on('error', () => res.destroy()).pipe(res);
      else res.end();
      return;
    }
    serveStatic(url.pathname, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.logger.error('browser-mode request failed', error);
      if (!res.headersSent) sendError(res, 'internal', 'The request failed; details were written to the log.');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  cookieName = `qa_token_${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    loginUrl: `${url}?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of sseClients) client.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
