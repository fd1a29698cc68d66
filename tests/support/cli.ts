import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run qa -- <method> <input>` the way a script would (through tsx, without npm's banner). */
export function runQa(dataDir: string, args: string[]): CliRun {
  const result = spawnSync(tsx, [join(repoRoot, 'electron', 'cli.ts'), ...args], {
    env: { ...process.env, QA_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
