/**
 * Imports in more than one process on one data folder (the app and a `qa` command beside it), and importers that
 * die mid-import: no process deletes another's copies in progress, and audio left without a row by a killed
 * importer is cleaned up at the next start, never audio that a running importer is about to commit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { ImportResult } from '../../shared/recording';
import { wavBytes } from '../fixtures/calls';
import { repoRoot } from '../support/cli';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(() => {
  temp = makeTempDir('qa-procs-');
  dataDir = join(temp.dir, 'data');
  createCore({ dataDir }).close();
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  temp.cleanup();
});

function call(name: string, seconds: number, hz: number): string {
  const path = join(temp.dir, name);
  const tone = Int16Array.from({ length: seconds * 8000 }, (_, i) =>
    Math.round(6000 * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );
  writeFileSync(path, wavBytes([tone]));
  return path;
}

interface Importer {
  child: ChildProcessWithoutNullStreams;
  go(): void;
  result(): Promise<ImportResult>;
  exited: Promise<void>;
}

/** Starts an importer process and resolves once its core is open (it imports when `go` is called). */
async function importer(paths: string[]): Promise<Importer> {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    join(repoRoot, 'tests/support/import-child.ts'),
    dataDir,
    ...paths,
  ]);
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`importer exited with ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const result = () => exited.then(() => JSON.parse(out.slice('ready\n'.length)) as ImportResult);
  await ready;
  return { child, go: () => child.stdin.end('go\n'), result, exited };
}

const library = () => join(dataDir, 'library');
/** Audio in the library proper (not the importers' work folders). */
const audioFiles = () =>
  existsSync(library())
    ? readdirSync(library(), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.parentPath.includes('.incoming'))
        .map((e) => join(e.parentPath, e.name))
    : [];
const partFiles = () =>
  existsSync(join(library(), '.incoming'))
    ? readdirSync(join(library(), '.incoming'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.part'))
        .map((e) => join(e.parentPath, e.name))
    : [];

/** Holds the database's write lock, so an importer's commit waits: its audio is placed, its row not yet written. */
function holdWriteLock(): () => void {
  const db = new BetterSqlite3(join(dataDir, 'qa.sqlite'));
  db.exec('BEGIN IMMEDIATE');
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

describe('imports in several processes', () => {
  it('cleans up at start the audio an importer killed between placing it and committing its row left behind', async () => {
    const wav = call('call.wav', 3, 440);
    const child = await importer([wav]);
    const release = holdWriteLock();
    child.go();
    await expect.poll(() => audioFiles().length, { timeout: 30_000, interval: 5 }).toBe(1);
    child.child.kill('SIGKILL');
    await child.exited;
    release();
    const [orphan] = audioFiles();

    const core = createCore({ dataDir });
    try {
      expect(existsSync(orphan)).toBe(false);
      expect(readdirSync(join(library(), '.incoming'))).toEqual([]);
      // Importing it again is a fresh import, not a "duplicate" of a recording that does not exist.
      const again = await core.call('recordings.import', { paths: [wav] });
      expect(again.imported).toHaveLength(1);
      expect(existsSync(orphan)).toBe(true);
    } finally {
      core.close();
    }
  }, 60_000);

  it('leaves a running importer’s placed audio alone when another process starts', async () => {
    const child = await importer([call('call.wav', 3, 523)]);
    const release = holdWriteLock();
    child.go();
    await expect.poll(() => audioFiles().length, { timeout: 30_000, interval: 5 }).toBe(1);
    createCore({ dataDir }).close();
    expect(audioFiles()).toHaveLength(1);
    release();
    const result = await child.result();
    expect(result.imported).toHaveLength(1);
    const core = createCore({ dataDir });
    try {
      const detail = await core.call('recordings.get', { id: result.imported[0].id });
      expect(existsSync(join(library(), ...detail.sha256.slice(0, 2).split('/'), `${detail.sha256}.wav`))).toBe(true);
    } finally {
      core.close();
    }
  }, 60_000);

  it('does not delete another process’s copies in progress when a second core starts', async () => {
    // Ten-minute calls, so each copy is on disk long enough to be caught before it is moved into the library.
    const paths = [330, 349, 392, 440, 494, 523].map((hz) => call(`${hz}.wav`, 600, hz));
    const child = await importer(paths);
    child.go();
    // Pause the importer while one of its copies is still a .part file (try again if it was moved meanwhile).
    let caught = false;
    for (const until = Date.now() + 60_000; !caught && Date.now() < until;) {
      const parts = partFiles();
      if (parts.length === 0) continue;
      child.child.kill('SIGSTOP');
      caught = parts.some((p) => existsSync(p));
      if (!caught) child.child.kill('SIGCONT');
    }
    expect(caught).toBe(true);
    createCore({ dataDir }).close();
    child.child.kill('SIGCONT');
    const result = await child.result();
    expect(result.failed).toEqual([]);
    expect(result.imported).toHaveLength(paths.length);
  }, 120_000);
});
