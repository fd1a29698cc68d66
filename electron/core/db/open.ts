import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate, readMigrations, type MigrateResult } from './migrate';

export interface OpenedDatabase {
  db: Database;
  path: string;
  migration: MigrateResult;
}

/** WAL for concurrent readers; synchronous=FULL because NORMAL can lose a commit we told the user was saved. */
export function configureConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openDatabase(path: string, migrationsDir: string): OpenedDatabase {
  mkdirSync(dirname(path), { recursive: true });
  const files = readMigrations(migrationsDir);
  const db = new BetterSqlite3(path);
  try {
    configureConnection(db);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const migration = migrate(db, files, {
      databasePath: path,
      backupPath: join(dirname(path), `backup-before-migration-${stamp}.sqlite`),
    });
    return { db, path, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}
