/**
 * What another account on the same computer could read: the data folder and everything in it, and the sync token
 * (now, and every token configured before it). Checked on the real files, byte by byte.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { SecretStore } from '../../electron/core/sync/secret-store';
import { wavBytes } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let core: Core | undefined;
beforeEach(() => {
  temp = makeTempDir('qa-private-');
  dataDir = join(temp.dir, 'data');
});
afterEach(() => {
  core?.close();
  core = undefined;
  temp.cleanup();
});

const mode = (path: string) => statSync(path).mode & 0o777;
const token = (letter: string) => `qai_${letter.repeat(43)}`;
const bytesOf = (path: string) => (existsSync(path) ? readFileSync(path).toString('latin1') : '');

/** Every regular file under `dir`, with its mode. */
function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = mode(path);
  }
  return out;
}

describe('the data folder', () => {
  it('is readable by this account only: folders 0700, files 0600, old installs included', async () => {
    // As an older version left it: world-readable folder and database.
    mkdirSync(dataDir, { mode: 0o755 });
    core = createCore({ dataDir, autoBackup: true });
    await core.backup;
    core.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'qa.sqlite'), 0o644);
    writeFileSync(join(temp.dir, 'call.wav'), wavBytes([new Int16Array(8000).fill(1000)]), { mode: 0o644 });

    core = createCore({ dataDir });
    await core.call('recordings.import', { paths: [join(temp.dir, 'call.wav')] });
    core.logger.info('a line in the log');
    const all = modes(dataDir);
    for (const [path, bits] of Object.entries(all)) {
      const isDir = statSync(join(dataDir, path)).isDirectory();
      expect(`${path} ${bits.toString(8)}`).toBe(`${path} ${(isDir ? 0o700 : 0o600).toString(8)}`);
    }
    expect(mode(dataDir)).toBe(0o700);
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['qa.sqlite', 'qa.sqlite-wal', 'logs/app.log']));
    expect(Object.keys(all).some((p) => p.startsWith('backups/daily-'))).toBe(true);
    expect(Object.keys(all).some((p) => /^library\/..\/.+\.wav$/.test(p))).toBe(true);
  });
});

describe('the sync token at rest', () => {
  it('leaves no earlier token in the database or its WAL after re-configuring', async () => {
    core = createCore({ dataDir, transport: 'cli' });
    const db = join(dataDir, 'qa.sqlite');
    for (const letter of ['A', 'B', 'C']) {
      await core.call('sync.configure', { serverUrl: 'http://127.0.0.1:9', token: token(letter) });
    }
    const files = bytesOf(db) + bytesOf(`${db}-wal`);
    expect(files).not.toContain(token('A'));
    expect(files).not.toContain(token('B'));
    // Browser mode and the qa command have no keychain: the current token is kept as is, and the app says so.
    expect(files).toContain(token('C'));
    expect(await core.call('sync.status', {})).toMatchObject({ tokenSaved: true, tokenProtection: 'none' });
  });

  it('says os_keychain, and stores no token in the clear, when the desktop app seals it', async () => {
    // The seam the desktop app fills with safeStorage (electron/native/secret-store.ts, unit-tested there).
    const sealed: SecretStore = {
      kind: 'electron-safe-storage',
      seal: (secret) => Promise.resolve(Buffer.from(secret).reverse().toString('base64')),
      open: (value) => Promise.resolve(Buffer.from(value, 'base64').reverse().toString()),
    };
    core = createCore({ dataDir, transport: 'cli', sync: { secretStore: sealed } });
    await core.call('sync.configure', { serverUrl: 'http://127.0.0.1:9', token: token('D') });
    expect(await core.call('sync.status', {})).toMatchObject({ tokenProtection: 'os_keychain' });
    const db = join(dataDir, 'qa.sqlite');
    expect(bytesOf(db) + bytesOf(`${db}-wal`)).not.toContain(token('D'));
  });

  it('keeps no token in the automatic backups', async () => {
    core = createCore({ dataDir, transport: 'cli' });
    await core.call('sync.configure', { serverUrl: 'http://127.0.0.1:9', token: token('E') });
    core.close();
    core = createCore({ dataDir, autoBackup: true, transport: 'cli' });
    const backup = await core.backup;
    expect(backup).toBeDefined();
    expect(bytesOf(backup!)).not.toContain(token('E'));
    expect(existsSync(`${backup!}-journal`)).toBe(false);
  });
});
