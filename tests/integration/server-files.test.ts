/**
 * The server's data on disk: the PGlite folder (token hashes, every evaluation) is 0700 with 0600 files even though
 * PGlite writes its files 0666 whatever the umask; and the one-process lock is taken over from a dead process,
 * including a zombie that kill(pid, 0) still reports as alive.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDirLock, DataDirLockedError, processAlive } from '../../server/lock';
import { startServer } from '../support/sync-server';

const root = mkdtempSync(join(tmpdir(), 'qa-server-files-'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every path under `dir` whose mode is not 0700 (folders) or 0600 (files). */
function looseModes(dir: string): string[] {
  const loose: string[] = [];
  const walk = (path: string) => {
    const st = statSync(path);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== 0o700) loose.push(`${path} ${mode.toString(8)}`);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (mode !== 0o600) loose.push(`${path} ${mode.toString(8)}`);
  };
  walk(dir);
  return loose;
}

describe('server data folder', () => {
  it('is private: folder 0700 and files 0600 while the server runs and after it stops', async () => {
    const dataDir = join(root, 'data');
    const server = await startServer({ config: { dataDir }, open: () => Promise.reject(), cleanup: async () => {} });
    try {
      expect(readdirSync(dataDir).length).toBeGreaterThan(10);
      expect(looseModes(dataDir)).toEqual([]);
    } finally {
      await server.stop();
    }
    expect(looseModes(dataDir)).toEqual([]);
  }, 120_000);
});

describe('data folder lock', () => {
  it('takes over a lock whose process is a zombie (exited, not reaped)', async () => {
    // sh starts a short sleep, then becomes a long sleep that never reaps it: the short one stays a zombie
    const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = await new Promise<number>((resolve) =>
        parent.stdout!.once('data', (d: Buffer) => resolve(Number(d))),
      );
      for (let i = 0; i < 200 && !/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(/\) Z /);
      expect(() => process.kill(pid, 0)).not.toThrow(); // what the old check relied on
      expect(processAlive(pid)).toBe(false);
      const dir = mkdtempSync(join(root, 'lock-'));
      writeFileSync(join(dir, 'server.lock'), String(pid));
      const release = acquireDirLock(dir);
      expect(readFileSync(join(dir, 'server.lock'), 'utf8')).toBe(String(process.pid));
      release();
    } finally {
      parent.kill();
    }
  });

  it('still refuses a lock held by a live process', () => {
    const dir = mkdtempSync(join(root, 'lock-'));
    writeFileSync(join(dir, 'server.lock'), String(process.ppid));
    expect(processAlive(process.ppid)).toBe(true);
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
  });
});
