import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';

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

export function appliedMigrations(db: Database): AppliedMigration[] {
  ensureLedger(db);
  return db
    .prepare('SELECT version, name, checksum, applied_at AS appliedAt FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

export interface MigrateOptions {
  /** Where the copy of the database goes before the first pending migration runs. */
  backupPath?: string;
  databasePath?: string;
  now?: () => Date;
}

export interface MigrateResult {
  applied: number[];
  schemaVersion: number;
  backupPath?: string;
}

/**
 * Refuses to touch a database whose history disagrees with the files we ship: an edited or missing migration
 * means the schema is not what the code expects, and guessing would risk the inspector's data.
 */
export function migrate(db: Database, files: MigrationFile[], options: MigrateOptions = {}): MigrateResult {
  const applied = appliedMigrations(db);
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new AppError(
        'internal',
        `Database was migrated with ${row.name}, which this version of the app does not have. ` +
          'Use a newer version of the app; the database was left untouched.',
      );
    }
    if (file.checksum !== row.checksum) {
      throw new AppError(
        'internal',
        `Migration ${row.name} has changed since it was applied to this database (checksum mismatch). ` +
          'The database was left untouched.',
      );
    }
  }
  const done = new Set(applied.map((a) => a.version));
  const pending = files.filter((f) => !done.has(f.version));
  let backupPath: string | undefined;
  if (pending.length > 0 && applied.length > 0 && options.backupPath && options.databasePath) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (existsSync(options.databasePath)) {
      copyFileSync(options.databasePath, options.backupPath);
      backupPath = options.backupPath;
    }
  }
  const now = options.now ?? (() => new Date());
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const file of pending) {
    db.transaction(() => {
      db.exec(file.sql);
      record.run(file.version, file.name, file.checksum, now().toISOString());
    })();
  }
  const last = files.at(-1);
  return { applied: pending.map((p) => p.version), schemaVersion: last ? last.version : 0, backupPath };
}
