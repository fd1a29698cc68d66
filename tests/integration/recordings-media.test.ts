import { mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../electron/core/audio/probe';
import { BufferSource } from '../../electron/core/audio/source';
import { createCore, type Core } from '../../electron/core/core';
import { libraryDirOf } from '../../electron/core/recordings/importer';
import { parseRange, serveMedia } from '../../electron/core/recordings/media';
import { startHost, type RunningHost } from '../../electron/web/http-host';
import { buildCall, cleanCall, convert } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-media-');
let core: Core;
let host: RunningHost;
const ids: Record<string, string> = {};
let pcm: Buffer;

/** The same call played `times` over in one WAV: long enough that a dropped request leaves most of it unread. */
function repeated(wav: Buffer, times: number): Buffer {
  const data = Buffer.concat(Array.from({ length: times }, () => wav.subarray(44)));
  const header = Buffer.from(wav.subarray(0, 44));
  header.writeUInt32LE(36 + data.length, 4);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

async function drain(body: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const dir = join(temp.dir, 'in');
  mkdirSync(dir);
  pcm = buildCall(cleanCall).wav;
  writeFileSync(join(dir, 'pcm.wav'), pcm);
  writeFileSync(join(dir, 'long.wav'), repeated(pcm, 40));
  convert(join(dir, 'pcm.wav'), join(dir, 'alaw.wav'), 'alaw');
  convert(join(dir, 'pcm.wav'), join(dir, 'mp3.mp3'), 'mp3');
  convert(join(dir, 'pcm.wav'), join(dir, 'f32.wav'), 'float32');
  core = createCore({ dataDir: join(temp.dir, 'data') });
  const r = await core.call('recordings.import', { paths: [dir] });
  for (const i of r.imported) ids[i.path.split('/').pop()!] = i.id;
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startHost({ core, rendererDir, port: 0 });
}, 60_000);

afterAll(async () => {
  await host?.close();
  core?.close();
  temp.cleanup();
});

const serve = (name: string, range?: string) => serveMedia(core.db, core.dataDir, ids[name], range);

describe('media serving', () => {
  it('parses ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('invalid');
    expect(parseRange('bytes=5-2', 1000)).toBe('invalid');
    expect(parseRange('bytes=abc', 1000)).toBe('invalid');
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeUndefined();
    expect(parseRange(undefined, 1000)).toBeUndefined();
  });

  it('serves the stored file whole and by range', async () => {
    const whole = serve('pcm.wav');
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({
      'content-type': 'audio/wav',
      'accept-ranges': 'bytes',
      'content-length': String(pcm.length),
    });
    expect((await drain(whole.body)).equals(pcm)).toBe(true);
    const part = serve('pcm.wav', 'bytes=1000-1999');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${pcm.length}`);
    expect((await drain(part.body)).equals(pcm.subarray(1000, 2000))).toBe(true);
    const mp3 = serve('mp3.mp3', 'bytes=0-3');
    expect(mp3.headers['content-type']).toBe('audio/mpeg');
    expect((await drain(mp3.body)).length).toBe(4);
  });

  it('answers 416 for a range outside the file', async () => {
    const r = serve('pcm.wav', `bytes=${pcm.length}-`);
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${pcm.length}`);
  });

  it('transcodes A-law and float WAV to PCM16, consistently across ranges', async () => {
    for (const name of ['alaw.wav', 'f32.wav']) {
      const whole = await drain(serve(name).body);
      const info = probe(new BufferSource(whole));
      expect(info.codec).toBe('pcm_s16le');
      expect(info.channels).toBe(2);
      expect(whole.length).toBe(pcm.length);
      for (const [a, b] of [
        [0, 43],
        [40, 5000],
        [12_345, 67_891],
        [whole.length - 7, whole.length - 1],
      ]) {
        const part = serve(name, `bytes=${a}-${b}`);
        expect(part.status).toBe(206);
        expect(part.headers['content-range']).toBe(`bytes ${a}-${b}/${whole.length}`);
        expect((await drain(part.body)).equals(whole.subarray(a, b + 1)), `${name} ${a}-${b}`).toBe(true);
      }
    }
    // float32 → PCM16 is lossless for 16-bit sources
    expect((await drain(serve('f32.wav').body)).subarray(44).equals(pcm.subarray(44))).toBe(true);
  });

  it('refuses unknown recordings and files outside the library', async () => {
    expect(serveMedia(core.db, core.dataDir, 'nope', undefined).status).toBe(404);
    core.db.prepare('UPDATE recordings SET library_path = ? WHERE id = ?').run('../../etc/passwd', ids['mp3.mp3']);
    expect(serve('mp3.mp3').status).toBe(403);
  });

  it('is served at /media/<id> behind the browser-mode token', async () => {
    const url = `${host.url}media/${ids['pcm.wav']}`;
    expect((await fetch(url)).status).toBe(401);
    const response = await fetch(url, { headers: { authorization: `Bearer ${host.token}`, range: 'bytes=0-11' } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toBe('RIFF' + pcm.toString('latin1', 4, 12));
  });

  it('closes the library file when the player drops a request half-way (every seek does)', async () => {
    const { library_path: stored } = core.db
      .prepare('SELECT library_path FROM recordings WHERE id = ?')
      .get(ids['long.wav']) as { library_path: string };
    const file = join(libraryDirOf(core.dataDir), stored);
    const openHandles = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = request(`${host.url}media/${ids['long.wav']}`, {
          headers: { authorization: `Bearer ${host.token}` },
        });
        req.on('response', (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', reject);
        req.end();
      });
    }
    await expect.poll(openHandles, { timeout: 5_000 }).toBe(0);
  });
});
