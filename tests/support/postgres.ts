/**
 * A throwaway PostgreSQL server for suites and benchmarks that need a real one (several server processes on one
 * database) when DATABASE_URL names none: initdb into a temp folder, started on a free port on 127.0.0.1 only,
 * stopped and deleted afterwards. As root the server runs as the `postgres` user, as .ci/run does.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, postgresUrl } from './sync-server';

export interface Postgres {
  url: string;
  /** True when this helper started it (and stop() ends it). */
  own: boolean;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length)
    throw new Error('PostgreSQL is not installed (apt-get install postgresql) and DATABASE_URL is not set.');
  versions.sort((a, b) => Number(a) - Number(b));
  return join(root, versions[versions.length - 1], 'bin');
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/**
 * DATABASE_URL's server when set; otherwise a new one. `settings` are postgres -c options (tests turn fsync off:
 * their data is thrown away, and durability is not what they measure).
 */
export async function usePostgres(settings: Record<string, string> = {}): Promise<Postgres> {
  if (postgresUrl) return { url: postgresUrl, own: false, stop: async () => undefined };
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'qa-postgres-'));
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  const options = [`-h 127.0.0.1 -p ${port} -k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)];
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options.join(' '), 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    own: true,
    stop: async () => {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
