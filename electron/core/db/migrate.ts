import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { StartupError } from '../errors';
import { backupBeforeMigration, backupsDirOf, newestBackup } from './backup';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
}

const fileNamePattern = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const migrations = files.map((file) => {
    const match = fileNamePattern.exec(file);
    if (!match) throw new Error(`Migration file name "${file}" must look like 001_name.sql`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version: Number(match[1]), name: file, sql, checksum: sha256(sql) };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3… without gaps; found ${m.name} at position ${i + 1}`);
    }
  });
  return migrations;
}

function ensureLedger(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
}

/** The app's own tables (not SQLite's, not the ledger): a database with any is not a new one. */
export function appTableCount(db: Database): number {
  return db
    .prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
    )
    .pluck()
    .get() as number;
}

function readLedger(db: Database): AppliedMigration[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return [];
  return db
    .prepare('SELECT version, name, checksum, applied_at AS appliedAt FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

export function appliedMigrations(db: Database): AppliedMigration[] {
  ensureLedger(db);
  return readLedger(db);
}

export interface MigrateOptions {
  /** The database file, copied into the data folder's backups before the first pending migration runs. */
  databasePath?: string;
  /** Where backups go (its `backups` folder); the database file's folder by default. */
  dataDir?: string;
  now?: () => Date;
}

export interface MigrateResult {
  applied: number[];
  schemaVersion: number;
  backupPath?: string;
}

/**
 * Refuses to touch a database whose history disagrees with the files we ship: an edited or missing migration, or
 * a ledger that lost rows its tables still show, means the schema is not what the code expects, and guessing
 * (e.g. running 001 again: "table settings already exists") would risk the inspector's data.
 */
export function migrate(db: Database, files: MigrationFile[], options: MigrateOptions = {}): MigrateResult {
  const path = options.databasePath ?? db.name;
  const dataDir = options.dataDir ?? dirname(path);
  const refuse = (code: ConstructorParameters<typeof StartupError>[0]['code'], extra: object = {}): never => {
    throw new StartupError({ code, path, backup: newestBackup(dataDir), backupsDir: backupsDirOf(dataDir), ...extra });
  };
  const applied = readLedger(db);
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) refuse('database_from_newer_app', { migration: row.name });
    else if (file.checksum !== row.checksum) refuse('database_migration_changed', { migration: row.name });
  }
  const done = new Set(applied.map((a) => a.version));
  const pending = files.filter((f) => !done.has(f.version));
  const lastApplied = applied.at(-1)?.version ?? 0;
  // Steps run in order, so a pending one below the last applied means rows went missing from the ledger; an empty
  // (or dropped) ledger beside the app's tables likewise.
  if (pending.some((p) => p.version < lastApplied) || (applied.length === 0 && appTableCount(db) > 0)) {
    refuse('database_ledger_damaged');
  }
  let backupPath: string | undefined;
  if (pending.length > 0 && applied.length > 0) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    backupPath = backupBeforeMigration(path, dataDir, options.now?.());
  }
  // Only when there is something to apply: creating it is a write, which must not wait on another process's.
  if (pending.length > 0) ensureLedger(db);
  const now = options.now ?? (() => new Date());
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const file of pending) {
    try {
      db.transaction(() => {
        db.exec(file.sql);
        record.run(file.version, file.name, file.checksum, now().toISOString());
      })();
    } catch (error) {
      throw new StartupError({
        code: 'database_migration_failed',
        path,
        migration: file.name,
        backup: backupPath,
        backupsDir: backupsDirOf(dataDir),
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const last = files.at(-1);
  return { applied: pending.map((p) => p.version), schemaVersion: last ? last.version : 0, backupPath };
}
