/**
 * One small interface over both databases the server runs on: PostgreSQL through `pg` (DATABASE_URL) and the
 * embedded PGlite (SERVER_DATA_DIR). Both speak the same SQL, so repositories never know which one they use.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { hardenDataDir } from './files';
import { acquireDirLock } from './lock';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbConfig {
  databaseUrl?: string;
  dataDir?: string;
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC' });
  // An idle client losing its connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(sql: string, p?: unknown[]) => (await client.query(sql, p)).rows as T[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // PGlite is one process's private database: a second process opening the folder would corrupt it.
  const release = acquireDirLock(dataDir);
  let lite: PGlite;
  try {
    lite = await PGlite.create(dataDir);
    hardenDataDir(dataDir);
  } catch (error) {
    release();
    throw error;
  }
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn({ query: async <T>(sql: string, p?: unknown[]) => (await tx.query<T>(sql, p)).rows }),
      ),
    close: async () => {
      try {
        await lite.close();
        hardenDataDir(dataDir);
      } finally {
        release();
      }
    },
  };
}

export function describeDb(config: DbConfig): string {
  if (config.databaseUrl) return 'PostgreSQL (DATABASE_URL)';
  return `PGlite in ${config.dataDir}`;
}

export async function openDb(config: DbConfig): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  if (!config.dataDir) throw new Error('Set DATABASE_URL or SERVER_DATA_DIR.');
  return openPglite(config.dataDir);
}
