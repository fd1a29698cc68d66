/**
 * A real head-office server process for the sync tests, on PGlite (a fresh copy of a migrated template folder) or,
 * when DATABASE_URL is set, on a fresh PostgreSQL database per test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db, type DbConfig } from '../../server/db';
import { migrateServer, readServerMigrations } from '../../server/migrate';
import { repoRoot } from './cli';

/** The arguments after `node` in `npm run server`, so tests and benchmarks run the server as it ships. */
export function serverNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = pkg.scripts.server.split(/\s+/);
  if (command !== 'node') throw new Error(`npm run server should start node, not ${command}`);
  return args;
}

/** The PostgreSQL server the suites use, if any (CI starts one on 127.0.0.1:55432). */
export const postgresUrl: string | undefined = process.env.DATABASE_URL || undefined;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** initdb takes seconds, so one migrated PGlite folder per migration set is copied for each test. */
async function pgliteTemplate(): Promise<string> {
  const key = readServerMigrations()
    .map((m) => m.checksum.slice(0, 8))
    .join('-');
  const dir = join(tmpdir(), `qa-sync-pglite-template-${key}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = mkdtempSync(join(tmpdir(), 'qa-sync-template-build-'));
  const db = await openDb({ dataDir: building });
  await migrateServer(db);
  await db.close();
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another worker won the race; its copy is identical
  }
  return dir;
}

export interface TestDatabase {
  config: DbConfig;
  /** Opens the database in this process (with PGlite only while no server process runs on it). */
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

/** A fresh database on `postgresUrl` (default: DATABASE_URL), or on PGlite when there is none (or it is null). */
export async function createTestDatabase(options: { postgresUrl?: string | null } = {}): Promise<TestDatabase> {
  const base = options.postgresUrl === undefined ? postgresUrl : (options.postgresUrl ?? undefined);
  if (base) {
    const name = `qa_sync_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const config = { databaseUrl: url.toString() };
    const db = await openDb(config);
    await migrateServer(db);
    await db.close();
    return {
      config,
      open: () => openDb(config),
      cleanup: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-sync-server-'));
  cpSync(await pgliteTemplate(), dataDir, { recursive: true });
  return {
    config: { dataDir },
    open: () => openDb({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM and wait (in-flight requests finish), or SIGKILL for a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(
  db: TestDatabase,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.SERVER_DATA_DIR;
  if (db.config.databaseUrl) env.DATABASE_URL = db.config.databaseUrl;
  else env.SERVER_DATA_DIR = db.config.dataDir!;
  // Exactly the npm script's node command (its V8 flags included), run directly so the pid we signal is the server.
  const proc = spawn(process.execPath, serverNodeArgs(), {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    proc,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

export interface StoredRevision {
  evaluation_id: string;
  revision: number;
  hash: string;
  inspector_id: string;
}

export async function storedRevisions(db: Db): Promise<StoredRevision[]> {
  return db.query<StoredRevision>(
    'SELECT evaluation_id, revision, hash, inspector_id FROM evaluation_revisions ORDER BY evaluation_id, revision',
  );
}
