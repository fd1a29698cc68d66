import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StartupError } from '../errors';
import { ensurePrivateDir, ensurePrivateFile } from '../private-files';
import { backupsDirOf, newestBackup } from './backup';
import { appTableCount, migrate, readMigrations, type MigrateResult } from './migrate';

export interface OpenedDatabase {
  db: Database;
  path: string;
  migration: MigrateResult;
}

export interface OpenOptions {
  /** The data folder (backups go in its `backups` folder); the database file's folder by default. */
  dataDir?: string;
  /** The library folder: while it holds recordings, a missing or empty database is refused, never recreated. */
  libraryDir?: string;
}

/**
 * WAL for concurrent readers; synchronous=FULL because NORMAL can lose a commit we told the user was saved;
 * secure_delete so what is deleted or replaced (a previous sync token above all) is overwritten, not left behind
 * in free space; analysis_limit so the statistics the app keeps (keepStatistics) cost milliseconds, not a scan.
 */
export function configureConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.pragma('analysis_limit = 1000');
}

/**
 * The query planner's statistics, kept up to date by the app itself as SQLite advises for a long-lived connection:
 * at open, after work that changes a table's size a lot (a large import, a lead's first pull) and at close. 0x10002
 * looks at every table, not only those this connection has queried (an import writes tables it never reads);
 * optimize re-analyses only those whose statistics are missing or stale, and analysis_limit keeps each one short.
 * It never waits for the write lock: while another process commits (an importer beside the app), a start-up that
 * waited its busy timeout twice (open and close) made that importer's own wait time out and its import fail.
 */
export function keepStatistics(db: Database): void {
  if (!db.open) return;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('optimize = 0x10002');
  } catch {
    // statistics are an optimisation: failing to refresh them must never fail the work that asked
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Recordings in the library folder (its hidden work folders aside). */
function countRecordings(libraryDir: string | undefined): number {
  if (!libraryDir || !existsSync(libraryDir)) return 0;
  return readdirSync(libraryDir, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && !/(^|[/\\])\./.test(join(entry.parentPath, entry.name).slice(libraryDir.length)),
  ).length;
}

const sqliteProblems: [RegExp, 'database_not_sqlite' | 'database_corrupt' | 'database_unopenable'][] = [
  [/^SQLITE_NOTADB/, 'database_not_sqlite'],
  [/^SQLITE_CORRUPT/, 'database_corrupt'],
  [/^SQLITE_(CANTOPEN|READONLY|IOERR|FULL|PERM|BUSY|LOCKED|AUTH)/, 'database_unopenable'],
];

/** SQLite's and the file system's errors at open, as a refused start that names the file and what to do. */
function asStartupError(error: unknown, path: string, dataDir: string): unknown {
  if (error instanceof StartupError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const found = sqliteProblems.find(([pattern]) => pattern.test(code));
  const problem = found?.[1] ?? (/^E[A-Z]+$/.test(code) ? 'database_unopenable' : undefined);
  if (!problem) return error;
  return new StartupError({
    code: problem,
    path,
    backup: newestBackup(dataDir),
    backupsDir: backupsDirOf(dataDir),
    detail: `${code}: ${(error as Error).message}`,
  });
}

export function openDatabase(path: string, migrationsDir: string, options: OpenOptions = {}): OpenedDatabase {
  const dataDir = options.dataDir ?? dirname(path);
  try {
    ensurePrivateDir(dirname(path));
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code;
    throw new StartupError({ code: 'data_folder_unusable', path: dirname(path), detail });
  }
  const files = readMigrations(migrationsDir);
  const refuseIfLibraryFull = (code: 'database_missing' | 'database_empty') => {
    const count = countRecordings(options.libraryDir);
    if (count === 0) return;
    const backup = newestBackup(dataDir);
    throw new StartupError({
      code,
      path,
      library: options.libraryDir,
      count,
      backup,
      backupsDir: backupsDirOf(dataDir),
    });
  };
  // Before SQLite sees it: opening a missing or 0-byte file silently makes a new, empty database.
  if (!existsSync(path)) refuseIfLibraryFull('database_missing');
  else if (statSync(path).size === 0) refuseIfLibraryFull('database_empty');
  let db: Database | undefined;
  try {
    ensurePrivateFile(path);
    for (const side of ['-wal', '-shm']) if (existsSync(path + side)) ensurePrivateFile(path + side);
    db = new BetterSqlite3(path);
    configureConnection(db);
    if (appTableCount(db) === 0) refuseIfLibraryFull('database_empty');
    const migration = migrate(db, files, { databasePath: path, dataDir });
    keepStatistics(db);
    return { db, path, migration };
  } catch (error) {
    db?.close();
    throw asStartupError(error, path, dataDir);
  }
}
