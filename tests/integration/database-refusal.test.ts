/**
 * A database that is gone, emptied or damaged while the library still holds the inspector's recordings must stop
 * the start with words that name the file, say what happened and how to get the work back, never quietly become a
 * new, empty library (which the next import would then build on, with the old calls orphaned in the folder).
 */
import { copyFileSync, existsSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { StartupError } from '../../electron/core/errors';
import { describeStartupProblem, type StartupProblem } from '../../shared/startup';
import { wavBytes } from '../fixtures/calls';
import { runQa } from '../support/cli';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let dbPath: string;

function tone(seconds: number, hz: number): Int16Array {
  return Int16Array.from({ length: seconds * 8000 }, (_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );
}

beforeEach(() => {
  temp = makeTempDir('qa-refusal-');
  dataDir = join(temp.dir, 'data');
  dbPath = join(dataDir, 'qa.sqlite');
});
afterEach(() => temp.cleanup());

/** An inspector's history: a recording imported, then a later day's start that took the daily backup of it. */
async function libraryWithBackup(): Promise<string> {
  const first = createCore({ dataDir, autoBackup: true });
  const firstBackup = await first.backup;
  writeFileSync(join(temp.dir, 'call.wav'), wavBytes([tone(3, 440)]));
  const result = await first.call('recordings.import', { paths: [join(temp.dir, 'call.wav')] });
  expect(result.imported).toHaveLength(1);
  first.close();
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  utimesSync(firstBackup!, twoDaysAgo, twoDaysAgo);
  const next = createCore({ dataDir, autoBackup: true });
  const backup = await next.backup;
  next.close();
  expect(backup).toBeDefined();
  return backup!;
}

function refusal(): StartupProblem {
  try {
    createCore({ dataDir }).close();
  } catch (error) {
    if (error instanceof StartupError) return error.problem;
    throw error;
  }
  throw new Error('the core started');
}

describe('a refused start', () => {
  it('refuses an emptied database while the library holds recordings, and its advice gets the work back', async () => {
    const backup = await libraryWithBackup();
    truncateSync(dbPath, 0);
    const problem = refusal();
    expect(problem).toMatchObject({ code: 'database_empty', path: dbPath, backup, count: 1 });
    expect(statSync(dbPath).size).toBe(0);
    const text = describeStartupProblem(problem, 'en');
    expect(text).toContain(dbPath);
    expect(text).toContain(`copy the newest automatic backup ${backup} to ${dbPath}`);
    expect(describeStartupProblem(problem, 'zh-CN')).toContain(backup);

    // The qa command says the same, with a code scripts can branch on.
    const cli = runQa(dataDir, ['app.info', '{}']);
    expect(cli.status).toBe(1);
    const printed = JSON.parse(cli.stderr.trim()) as { message: string };
    expect(printed).toMatchObject({ code: 'unavailable', reason: 'database_empty' });
    // In the terminal's language, which the test does not fix.
    expect([text, describeStartupProblem(problem, 'zh-CN')]).toContain(printed.message);

    copyFileSync(backup, dbPath);
    const restored = createCore({ dataDir });
    expect((await restored.call('recordings.list', {})).total).toBe(1);
    restored.close();
  });

  it('refuses a deleted database while the library holds recordings', async () => {
    const backup = await libraryWithBackup();
    rmSync(dbPath);
    expect(refusal()).toMatchObject({ code: 'database_missing', path: dbPath, backup, count: 1 });
    expect(existsSync(dbPath)).toBe(false);
  });

  it('starts a new database when both it and the library are empty', () => {
    createCore({ dataDir }).close();
    rmSync(join(dataDir, 'library'), { recursive: true, force: true });
    truncateSync(dbPath, 0);
    createCore({ dataDir }).close();
    expect(statSync(dbPath).size).toBeGreaterThan(0);
  });

  it.each([
    ['a row deleted', 'DELETE FROM schema_migrations WHERE version = 1'],
    ['emptied', 'DELETE FROM schema_migrations'],
    ['dropped', 'DROP TABLE schema_migrations'],
  ])('refuses a database whose migration ledger was %s, and leaves it as it was', (_what, damage) => {
    createCore({ dataDir }).close();
    const db = new BetterSqlite3(dbPath);
    db.exec(damage);
    db.close();
    const before = statSync(dbPath).mtimeMs;
    const problem = refusal();
    expect(problem).toMatchObject({ code: 'database_ledger_damaged', path: dbPath });
    expect(describeStartupProblem(problem, 'en')).toMatch(/schema_migrations\) is missing entries/);
    expect(statSync(dbPath).mtimeMs).toBe(before);
  });

  it('names the file and the way back for a file that is not a database', async () => {
    const backup = await libraryWithBackup();
    writeFileSync(dbPath, Buffer.alloc(8192, 'not a database '));
    rmSync(`${dbPath}-wal`, { force: true });
    const problem = refusal();
    expect(problem).toMatchObject({ code: 'database_not_sqlite', path: dbPath, backup });
    expect(describeStartupProblem(problem, 'en')).toMatch(/is not a database this app can read/);
  });
});
