import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Core } from '../core/core';
import { serveMedia } from '../core/recordings/media';
import { RequestGuard, type Refusal } from './guard';
import { commonHeaders, decodePath, sendError, sendJson, serveStatic, statusByCode } from './respond';

export interface HostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The URL to open: the page takes the token from it (and drops it from the address bar). */
  loginUrl: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const maxBodyBytes = 8 * 1024 * 1024;
const recordingId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const notSignedIn = 'Not signed in: open the address printed when browser mode started.';

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

function refuse(res: ServerResponse, refusal: NonNullable<Refusal>): void {
  if (refusal === 'cross_origin') sendError(res, 'forbidden', 'Requests from other sites are refused.');
  else sendError(res, 'unauthorized', notSignedIn);
}

/**
 * Browser mode: the same dispatcher as Electron's IPC, over HTTP on 127.0.0.1 only. A per-run token, handed to the
 * page once in the printed address and sent by it in a header (never a cookie: see guard.ts), stops other local
 * pages and users from calling the core.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { core, rendererDir } = options;
  const token = options.token ?? randomBytes(24).toString('hex');
  // Both depend on the port, known once listening.
  const bound: { guard?: RequestGuard; hosts: Set<string> } = { hosts: new Set() };
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = core.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  async function api(req: IncomingMessage, res: ServerResponse, method: string, check: RequestGuard): Promise<void> {
    const refusal = check.api(req);
    if (refusal) return refuse(res, refusal);
    if (method === 'events' && req.method === 'GET') {
      res.writeHead(200, {
        ...commonHeaders,
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'POST') return sendError(res, 'invalid_input', 'API calls are POST requests with a JSON body.');
    if (method === 'sync.configure' && !check.ownPage(req)) {
      return sendError(res, 'forbidden', 'The sync server is set from the app’s own page (or the qa command).');
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      const tooLarge = error instanceof Error && error.message === 'too_large';
      return sendError(
        res,
        'invalid_input',
        tooLarge ? 'Request body is too large.' : 'Request body is not valid JSON.',
      );
    }
    const result = await core.dispatch(method, input);
    sendJson(res, result.ok ? 200 : statusByCode[result.error.code], result);
  }

  function media(req: IncomingMessage, res: ServerResponse, url: URL, check: RequestGuard): void {
    const refusal = check.media(req, url.searchParams.get('key'));
    if (refusal) return refuse(res, refusal);
    const id = recordingId.safeParse(decodePath(url.pathname.slice('/media/'.length)));
    if (!id.success) return sendError(res, 'invalid_input', 'Malformed recording address.');
    const answer = serveMedia(
      core.db,
      core.dataDir,
      id.data,
      req.headers.range,
      req.method === 'HEAD' ? 'HEAD' : 'GET',
    );
    res.writeHead(answer.status, { ...answer.headers, ...commonHeaders, 'cache-control': 'no-store' });
    // pipeline, not pipe: when the player drops a range request (every seek does) the file's reader is ended too,
    // so its handle is closed instead of being left to the garbage collector.
    if (answer.body) pipeline(answer.body, res, () => undefined);
    else res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a hostile site resolving its own name to 127.0.0.1 must not reach the API.
    const guard = bound.guard;
    if (!guard || !bound.hosts.has(req.headers.host ?? '')) {
      sendError(res, 'forbidden', 'Unexpected Host header.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice('/api/'.length), guard);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 'invalid_input', 'Method not allowed.');
      return;
    }
    if (url.pathname.startsWith('/media/')) return media(req, res, url, guard);
    const login = url.searchParams.get('token');
    if (login !== null && !guard.login(login)) {
      sendError(res, 'unauthorized', 'Wrong token: open the address printed when browser mode started.');
      return;
    }
    await serveStatic(rendererDir, url.pathname, res);
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
  bound.guard = new RequestGuard(token, port);
  bound.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
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
