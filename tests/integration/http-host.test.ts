import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { mediaKeyFor } from '../../electron/web/guard';
import { startHost, type RunningHost } from '../../electron/web/http-host';
import { shippedSchemaVersion } from '../support/schema';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;
let host: RunningHost;

beforeEach(async () => {
  temp = makeTempDir();
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>QA</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'index-Ab12Cd.js'), 'console.log(1)');
  core = createCore({ dataDir: join(temp.dir, 'data') });
  host = await startHost({ core, rendererDir, port: 0 });
});
afterEach(async () => {
  await host.close();
  core.close();
  temp.cleanup();
});

const api = (method: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}api/${method}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
const bearer = () => ({ authorization: `Bearer ${host.token}` });

describe('browser-mode host', () => {
  it('serves the page uncached, hashed assets cached for good, and a 404 for a missing file', async () => {
    const page = await fetch(host.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const asset = await fetch(`${host.url}assets/index-Ab12Cd.js`);
    expect(await asset.text()).toBe('console.log(1)');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    for (const missing of ['favicon.ico', 'assets/index-Old999.js']) {
      const response = await fetch(`${host.url}${missing}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).not.toMatch(/html/);
    }
  });

  it('binds to 127.0.0.1 only', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('refuses API calls without the token', async () => {
    const response = await api('app.info', '{}');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await api('app.info', '{}', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('answers API calls with the token, through the same dispatcher', async () => {
    const response = await api('app.info', '{}', bearer());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, data: { schemaVersion: shippedSchemaVersion } });
  });

  it('serves the page at the login address without a cookie, and refuses a wrong token there', async () => {
    const login = await fetch(host.loginUrl, { redirect: 'manual' });
    expect(login.status).toBe(200);
    expect(login.headers.get('content-type')).toMatch(/text\/html/);
    // Cookies ignore ports: one would reach every other server on 127.0.0.1 (see electron/web/guard.ts).
    expect(login.headers.get('set-cookie')).toBeNull();
    expect(login.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${host.url}?token=wrong`)).status).toBe(401);
    const cookieOnly = await api('settings.get', '{}', { cookie: `qa_token_${host.port}=${host.token}` });
    expect(cookieOnly.status).toBe(401);
  });

  it('refuses calls a browser sent from another origin, token or not', async () => {
    const otherPort = { origin: 'http://127.0.0.1:18999', ...bearer() };
    expect((await api('settings.update', '{"language":"en"}', otherPort)).status).toBe(403);
    expect((await api('app.info', '{}', { 'sec-fetch-site': 'same-site', ...bearer() })).status).toBe(403);
    expect((await api('app.info', '{}', { origin: 'null', ...bearer() })).status).toBe(403);
    const events = await fetch(`${host.url}api/events`, { headers: { 'sec-fetch-site': 'cross-site', ...bearer() } });
    expect(events.status).toBe(403);
    const own = { origin: host.url.replace(/\/$/, ''), 'sec-fetch-site': 'same-origin', ...bearer() };
    expect((await api('app.info', '{}', own)).status).toBe(200);
  });

  it('lets only the app’s own page set the sync server', async () => {
    const input = JSON.stringify({ serverUrl: 'http://127.0.0.1:18999', token: `qai_${'A'.repeat(43)}` });
    expect((await api('sync.configure', input, bearer())).status).toBe(403);
    const own = { origin: host.url.replace(/\/$/, ''), 'sec-fetch-site': 'same-origin', ...bearer() };
    expect((await api('sync.configure', input, own)).status).toBe(200);
  });

  it('serves media to the page’s media key or the token, never to another origin', async () => {
    const media = (key: string, headers: Record<string, string> = {}) =>
      fetch(`${host.url}media/no-such-recording?key=${key}`, { headers });
    // 404: past the guard, and no such recording.
    expect((await media(mediaKeyFor(host.token))).status).toBe(404);
    expect((await media('guess')).status).toBe(401);
    expect((await media(host.token)).status).toBe(401);
    expect((await media(mediaKeyFor(host.token), { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await media(mediaKeyFor(host.token), { 'sec-fetch-site': 'none' })).status).toBe(404);
  });

  it('answers malformed bodies and inputs with 400 and a message, never 500', async () => {
    const notJson = await api('app.info', '{"a":', bearer());
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { message: 'Request body is not valid JSON.' } });
    const wrong = await api('settings.update', '{"language":42}', bearer());
    expect(wrong.status).toBe(400);
    expect((await api('no.such', '{}', bearer())).status).toBe(404);
  });

  it('answers a malformed percent-encoding in a path with 400, and logs no crash', async () => {
    expect((await fetch(`${host.url}%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${host.url}assets/%E0%A4%A.js`)).status).toBe(400);
    const media = await fetch(`${host.url}media/%E0%A4%A`, { headers: bearer() });
    expect(media.status).toBe(400);
    expect(await media.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const log = join(temp.dir, 'data', 'logs', 'app.log');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').not.toMatch(/URIError|request failed/);
  });

  it('refuses requests whose Host header is not the loopback address (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/app.info',
          method: 'POST',
          headers: { host: 'evil.example:80', ...bearer() },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the page with a Content-Security-Policy', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('streams core events to the page over server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}api/events`, { headers: bearer(), signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment
    await api('settings.update', '{"language":"en"}', bearer());
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: settings.changed\ndata: {"language":"en"}');
    controller.abort();
  });
});
