/**
 * Numbered SQL files in server/migrations, applied in order and recorded with a SHA-256 checksum, like the app's.
 * An edited or missing applied migration stops start-up instead of guessing. An advisory lock lets several
 * server instances start at once against one PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db';

export const serverMigrationsDir = join(import.meta.dirname, 'migrations');
const fileNamePattern = /^(\d{3,})_([a-z0-9_]+)\.sql$/;
const migrationLockKey = 727_001;

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readServerMigrations(dir = serverMigrationsDir): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = fileNamePattern.exec(file);
      if (!match) throw new Error(`Migration file name "${file}" must look like 001_name.sql`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version: Number(match[1]), name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version - b.version);
  files.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Server migrations must be numbered without gaps; found ${m.name}`);
  });
  return files;
}

export async function migrateServer(
  db: Db,
  dir = serverMigrationsDir,
): Promise<{ applied: number[]; version: number }> {
  const files = readServerMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.query(`CREATE TABLE IF NOT EXISTS server_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      checksum   TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM server_migrations ORDER BY version',
    );
    const byVersion = new Map(files.map((f) => [f.version, f]));
    for (const row of rows) {
      const file = byVersion.get(row.version);
      if (!file) throw new Error(`The database was migrated with ${row.name}, which this server does not have.`);
      if (file.checksum !== row.checksum) throw new Error(`Migration ${row.name} changed after it was applied.`);
    }
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const file of files.filter((f) => !done.has(f.version))) {
      for (const statement of splitStatements(file.sql)) await tx.query(statement);
      await tx.query('INSERT INTO server_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        file.version,
        file.name,
        file.checksum,
      ]);
      applied.push(file.version);
    }
    return { applied, version: files.at(-1)?.version ?? 0 };
  });
}

/** Our migrations hold plain statements (no functions with bodies), so splitting on ";" at line ends is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
