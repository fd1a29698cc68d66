/**
 * Automatic copies of the database in <data folder>/backups, so a refused start (a deleted, emptied or damaged
 * database) always has something to restore, and the message can name it. Two kinds, each keeping its newest few:
 * `before-migration-*` (a plain file copy, taken synchronously before an upgrade touches the file) and `daily-*`
 * (SQLite's online backup, taken in the background at start when the newest is a day old).
 *
 * Backups never hold the sync device token: it is blanked in each copy (with secure_delete, so its bytes are gone),
 * and a restored database asks for the token again. Files are 0600 in a 0700 folder, like the database.
 */
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Logger } from '../logger';
import { ensurePrivateDir } from '../private-files';

export const backupsDirOf = (dataDir: string) => join(dataDir, 'backups');

const kept = 3;
const dailyEveryMs = 24 * 60 * 60 * 1000;

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

function listBackups(dir: string, prefix: string): { path: string; mtimeMs: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.sqlite'))
    .map((name) => ({ path: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** The newest backup of either kind: what a refused start tells the user to restore. */
export function newestBackup(dataDir: string): string | undefined {
  return listBackups(backupsDirOf(dataDir), '')[0]?.path;
}

function prune(dir: string, prefix: string): void {
  for (const old of listBackups(dir, prefix).slice(kept)) rmSync(old.path, { force: true });
}

/** An empty file only we can read, for a copy to go into: SQLite and copyFile would create it world-readable. */
function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'w', 0o600));
  chmodSync(path, 0o600);
}

/** Blanks the device token in a copy, overwriting its bytes, and leaves the copy a single self-contained file. */
function scrubSecrets(path: string): void {
  const copy = new BetterSqlite3(path);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma('secure_delete = ON');
    const hasSync = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
    if (hasSync) copy.prepare('UPDATE sync_state SET token_sealed = NULL, token_protection = NULL').run();
  } finally {
    copy.close();
  }
}

/** Before migrating: the checkpointed database file, copied as it is (the caller holds the only writer). */
export function backupBeforeMigration(databasePath: string, dataDir: string, now = new Date()): string {
  const dir = backupsDirOf(dataDir);
  ensurePrivateDir(dir);
  const target = join(dir, `before-migration-${stamp(now)}.sqlite`);
  const part = `${target}.part`;
  createPrivateFile(part);
  copyFileSync(databasePath, part);
  chmodSync(part, 0o600);
  scrubSecrets(part);
  renameSync(part, target);
  prune(dir, 'before-migration-');
  return target;
}

/**
 * A daily copy through SQLite's online backup, which copies a few pages per turn of the event loop so the app
 * stays responsive while it runs. Resolves with the copy's path, or undefined when none was due; never rejects (a
 * failed backup is logged, and the next start tries again).
 */
export async function backupDaily(
  db: Database,
  dataDir: string,
  logger: Logger,
  now = new Date(),
): Promise<string | undefined> {
  const dir = backupsDirOf(dataDir);
  const newest = listBackups(dir, 'daily-')[0];
  if (newest && now.getTime() - newest.mtimeMs < dailyEveryMs) return undefined;
  const target = join(dir, `daily-${stamp(now)}.sqlite`);
  const part = `${target}.part`;
  try {
    ensurePrivateDir(dir);
    createPrivateFile(part);
    await db.backup(part);
    scrubSecrets(part);
    renameSync(part, target);
    prune(dir, 'daily-');
    return target;
  } catch (error) {
    rmSync(part, { force: true });
    // Closing the app mid-backup ends it; that is not worth a line in the log.
    if (db.open) logger.error('automatic database backup failed', error);
    return undefined;
  }
}
