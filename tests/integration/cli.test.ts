import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQa } from '../support/cli';
import { shippedSchemaVersion } from '../support/schema';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

describe('qa command', () => {
  it('prints app.info as JSON: version, data folder and schema version', () => {
    const run = runQa(temp.dir, ['app.info', '{}']);
    expect(run.status).toBe(0);
    const info = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({
      version: '0.1.0',
      dataDir: temp.dir,
      schemaVersion: shippedSchemaVersion,
      transport: 'cli',
    });
  });

  it('prints {code, message} on stderr and exits 1 for malformed JSON', () => {
    const run = runQa(temp.dir, ['app.info', '{oops']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr.trim())).toEqual({
      code: 'invalid_input',
      message: 'The input for app.info is not valid JSON: {oops',
    });
  });

  it('exits 1 with a clear error for input that breaks the schema or an unknown method', () => {
    const bad = runQa(temp.dir, ['settings.update', '{"deadAirSeconds":-3}']);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr.trim())).toMatchObject({ code: 'invalid_input' });
    const unknown = runQa(temp.dir, ['nope.nothing', '{}']);
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stderr.trim())).toMatchObject({ code: 'unknown_method' });
  });

  it('keeps settings between runs in the same data folder', () => {
    expect(runQa(temp.dir, ['settings.update', '{"language":"en"}']).status).toBe(0);
    const run = runQa(temp.dir, ['settings.get']);
    expect(JSON.parse(run.stdout)).toMatchObject({ language: 'en' });
  });

  it('refuses to start on a tampered migration checksum, naming the migration', () => {
    expect(runQa(temp.dir, ['app.info', '{}']).status).toBe(0);
    const db = new BetterSqlite3(join(temp.dir, 'qa.sqlite'));
    db.prepare("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1").run();
    db.close();
    const run = runQa(temp.dir, ['app.info', '{}']);
    expect(run.status).toBe(1);
    const printed = JSON.parse(run.stderr.trim()) as { message: string };
    expect(printed).toMatchObject({ code: 'unavailable', reason: 'database_migration_changed' });
    expect(printed.message).toContain('001_init.sql');
  });
});
