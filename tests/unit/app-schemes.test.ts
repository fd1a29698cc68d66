import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { createAppProtocolHandler } from '../../electron/security/app-protocol';
import { contentSecurityPolicy } from '../../electron/security/csp';
import { createMediaProtocolHandler, type MediaSource } from '../../electron/security/media-protocol';
import { recordingMediaUrl } from '../../shared/media-url';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let renderer: string;

beforeEach(() => {
  temp = makeTempDir('qa-scheme-');
  renderer = join(temp.dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>QA</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(temp.dir, 'secret.txt'), 'outside');
});
afterEach(() => temp.cleanup());

describe('app:// page handler', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler(renderer)(new Request(url, { method }));

  it('serves the page with the CSP, and the same page for client-side routes', async () => {
    for (const url of ['app://qa/', 'app://qa/library', 'app://qa/reports/monthly']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(await response.text()).toContain('<title>QA</title>');
    }
  });

  it('serves assets with their type and the CSP', async () => {
    const response = await get('app://qa/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).toBe('console.log(1)');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const url of [
      'app://qa/..%2fsecret.txt',
      'app://qa/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://qa/assets/..%5c..%5csecret.txt',
      'app://qa/%2fetc%2fhosts.txt',
    ]) {
      const response = await get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('outside');
    }
    // Without an extension it is a client-side route: the page, never the named file.
    expect(await (await get('app://qa/%2fetc%2fpasswd')).text()).toContain('<title>QA</title>');
  });

  it('answers 404 for a missing asset and another host, 405 for writes', async () => {
    expect((await get('app://qa/assets/missing.js')).status).toBe(404);
    expect((await get('app://other/')).status).toBe(404);
    expect((await get('app://qa/', 'POST')).status).toBe(405);
  });
});

describe('qa-media:// handler', () => {
  const calls: [string, string | null][] = [];
  const source: MediaSource = async (id, range, _method) => {
    calls.push([id, range]);
    if (id === 'missing') throw new AppError('not_found', 'no such recording');
    if (id === 'escape') throw new AppError('forbidden', 'outside the library');
    return range
      ? {
          status: 206,
          headers: { 'Content-Type': 'audio/wav', 'Content-Range': 'bytes 0-3/10', 'Accept-Ranges': 'bytes' },
          body: Readable.from([Buffer.from('RIFF')]),
        }
      : {
          status: 200,
          headers: { 'Content-Type': 'audio/wav' } as Record<string, string>,
          body: new Uint8Array([1, 2, 3]),
        };
  };
  const handler = createMediaProtocolHandler(source);
  beforeEach(() => (calls.length = 0));

  it('passes the recording id and Range header to the core and streams the answer', async () => {
    const response = await handler(
      new Request(recordingMediaUrl('rec_01-AB', 'electron'), { headers: { Range: 'bytes=0-3' } }),
    );
    expect(calls).toEqual([['rec_01-AB', 'bytes=0-3']]);
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 0-3/10');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('RIFF');
  });

  it('serves byte bodies and no body for HEAD', async () => {
    const full = await handler(new Request('qa-media://recording/abc'));
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    const head = await handler(new Request('qa-media://recording/abc', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses ids that are not plain ids before reaching the core', async () => {
    for (const url of [
      'qa-media://recording/..%2f..%2fsecret.txt',
      'qa-media://recording/a%2fb',
      'qa-media://recording/',
      'qa-media://recording/a/b',
      `qa-media://recording/${'x'.repeat(65)}`,
    ]) {
      expect((await handler(new Request(url))).status).toBe(400);
    }
    expect((await handler(new Request('qa-media://elsewhere/abc'))).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('maps the core refusing a path or missing a file to 403 and 404', async () => {
    expect((await handler(new Request('qa-media://recording/escape'))).status).toBe(403);
    expect((await handler(new Request('qa-media://recording/missing'))).status).toBe(404);
  });
});
