/**
 * Files an import must not trust: pipes, devices and sockets (which block or never end when read), and WAVs whose
 * header promises more audio than they hold. Each is reported with a code, the rest of the import carries on, and
 * the browser-mode host still stops when told to.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { ImportResult } from '../../shared/recording';
import { wavBytes } from '../fixtures/calls';
import { startBrowserMode, type BrowserModeProcess } from '../support/browser-mode';
import { repoRoot } from '../support/cli';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-odd-');
const folder = join(temp.dir, 'calls');
const fifo = join(folder, 'pipe.wav');
let socketServer: Server;
let core: Core;
let app: BrowserModeProcess | undefined;

function tone(frames: number): Int16Array {
  return Int16Array.from({ length: frames }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
}

/** A 16-bit mono WAV with `frames` of audio whose data chunk claims `declared` bytes. */
function wavClaiming(declared: number, frames: number): Buffer {
  const wav = wavBytes([tone(frames)]);
  wav.writeUInt32LE(declared, 40);
  return wav;
}

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  symlinkSync('/dev/zero', join(folder, 'zero.wav'));
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer.listen(join(folder, 'socket.wav'), resolve));
  writeFileSync(join(folder, 'good.wav'), wavBytes([tone(16_000)]));
  writeFileSync(join(folder, 'claims-1mb.wav'), wavClaiming(1024 * 1024, 50));
  writeFileSync(join(folder, 'claims-4gb.wav'), wavClaiming(0xffffffff, 8_000));
  core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
});

afterAll(async () => {
  core?.close();
  await new Promise((resolve) => socketServer?.close(resolve));
  if (app?.child.exitCode === null) app.child.kill('SIGKILL');
  temp.cleanup();
});

describe('importing odd files', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await core.call('recordings.import', { paths: [folder] });
  });

  it('reports pipes, devices and sockets in a folder as skipped, and imports the rest', () => {
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.path.split('/').pop(), s.code]));
    expect(skipped).toEqual({ 'pipe.wav': 'special_file', 'zero.wav': 'special_file', 'socket.wav': 'special_file' });
    expect(result.failed).toEqual([]);
    expect(result.imported.map((i) => i.path.split('/').pop()).sort()).toEqual([
      'claims-1mb.wav',
      'claims-4gb.wav',
      'good.wav',
    ]);
  });

  it('keeps the audio of a WAV shorter than its header says, with a truncated warning', async () => {
    const byName = Object.fromEntries(result.imported.map((i) => [i.path.split('/').pop(), i]));
    expect(byName['good.wav'].warning).toBeUndefined();
    expect(byName['claims-1mb.wav'].warning).toEqual({
      code: 'truncated',
      declaredBytes: 1024 * 1024,
      availableBytes: 100,
    });
    expect(byName['claims-4gb.wav'].warning).toEqual({
      code: 'truncated',
      declaredBytes: 0xffffffff,
      availableBytes: 16_000,
    });
    const detail = await core.call('recordings.get', { id: byName['claims-4gb.wav'].id });
    expect(detail.durationMs).toBe(1000);
  });

  it('never blocks on a pipe put where the scan saw a file: the reader opens without waiting', () => {
    // In a child process: on a blocking open() the thread could not be stopped, and the test run would hang.
    const script = `import { FileSource } from ${JSON.stringify(join(repoRoot, 'electron/core/audio/source.ts'))};
      try { new FileSource(${JSON.stringify(fifo)}); console.log('opened'); } catch (e) { console.log(e.code, e.message); }`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stdout.trim()).toBe('unreadable Not a regular file (a pipe, device or socket).');
  });

  it('answers an import of a pipe named as a path at once, and browser mode then stops on SIGTERM', async () => {
    app = await startBrowserMode(join(temp.dir, 'host-data'));
    const response = await fetch(`${app.url}api/recordings.import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${new URL(app.loginUrl).searchParams.get('token')}` },
      body: JSON.stringify({ paths: [fifo] }),
      signal: AbortSignal.timeout(20_000),
    });
    const answer = (await response.json()) as { data: ImportResult };
    expect(answer.data).toMatchObject({ imported: [], failed: [], skipped: [{ path: fifo, code: 'special_file' }] });
    const exited = new Promise((resolve) => app!.child.once('exit', (code, signal) => resolve({ code, signal })));
    app.child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
