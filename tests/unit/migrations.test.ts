import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { readMigrations } from '../../electron/core/db/migrate';
import { defaultMigrationsDir } from '../../electron/core/paths';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let migrationsDir: string;
let dbPath: string;

beforeEach(() => {
  temp = makeTempDir();
  migrationsDir = join(temp.dir, 'migrations');
  cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
  dbPath = join(temp.dir, 'data', 'qa.sqlite');
});
afterEach(() => temp.cleanup());

const shipped = () => readMigrations(defaultMigrationsDir());

describe('migration runner', () => {
  it('applies every shipped migration to a fresh database and records its checksum', () => {
    const { db, migration } = openDatabase(dbPath, migrationsDir);
    const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(migration.schemaVersion).toBe(shipped().length);
    expect(rows).toEqual(shipped().map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    expect(migration.backupPath).toBeUndefined();
  });

  it('sets WAL, foreign keys and synchronous=FULL on the connection', () => {
    const { db } = openDatabase(dbPath, migrationsDir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades an existing database with only the new migration and backs the file up first', () => {
    const first = openDatabase(dbPath, migrationsDir);
    first.db.prepare("INSERT INTO settings (key, value_json) VALUES ('language', '\"en\"')").run();
    first.db.close();

    const next = shipped().length + 1;
    const name = `${String(next).padStart(3, '0')}_add_notes.sql`;
    writeFileSync(join(migrationsDir, name), 'CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY) STRICT;');

    const second = openDatabase(dbPath, migrationsDir);
    expect(second.migration.applied).toEqual([next]);
    expect(second.migration.schemaVersion).toBe(next);
    expect(second.db.prepare("SELECT value_json FROM settings WHERE key = 'language'").pluck().get()).toBe('"en"');
    second.db.close();

    const backupPath = second.migration.backupPath;
    expect(backupPath).toBeDefined();
    expect(existsSync(backupPath!)).toBe(true);
    const backup = new BetterSqlite3(backupPath!, { readonly: true });
    const tables = backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    const settingsInBackup = backup.prepare('SELECT count(*) FROM settings').pluck().get();
    backup.close();
    expect(tables).not.toContain('upgrade_probe');
    expect(settingsInBackup).toBe(1);
  });

  it('refuses to start when an applied migration was edited, naming it, and leaves the data alone', () => {
    openDatabase(dbPath, migrationsDir).db.close();
    const file = join(migrationsDir, '001_init.sql');
    writeFileSync(file, 'CREATE TABLE settings (key TEXT);');
    expect(() => openDatabase(dbPath, migrationsDir)).toThrow(/001_init\.sql has changed/);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(shipped().length);
    db.close();
    expect(readdirSync(join(temp.dir, 'data')).some((f) => f.startsWith('backup-'))).toBe(false);
  });

  it('refuses a database migrated by a newer app whose migration this app lacks', () => {
    const next = shipped().length + 1;
    const name = `${String(next).padStart(3, '0')}_future.sql`;
    writeFileSync(join(migrationsDir, name), 'CREATE TABLE future_table (id INTEGER) STRICT;');
    openDatabase(dbPath, migrationsDir).db.close();
    const olderApp = join(temp.dir, 'older');
    cpSync(defaultMigrationsDir(), olderApp, { recursive: true });
    expect(() => openDatabase(dbPath, olderApp)).toThrow(new RegExp(`${name}.*does not have`));
  });

  it('rejects migration files with gaps in their numbering', () => {
    const gap = String(readMigrations(migrationsDir).length + 2).padStart(3, '0');
    writeFileSync(join(migrationsDir, `${gap}_gap.sql`), 'SELECT 1;');
    expect(() => openDatabase(dbPath, migrationsDir)).toThrow(/without gaps/);
  });
});
