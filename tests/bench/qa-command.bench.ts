/**
 * The qa command's start (`npm run qa -- app.info`, issue 22): the bundled command (scripts/qa.mjs →
 * dist-electron/cli.js, built first if stale) answering app.info on a data folder, beside a bare `node -e ''` on
 * the same machine in the same run. Whole processes, median of 9 runs each. Target ≤ 300 ms.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/cli';
import { makeTempDir } from '../support/temp';

const runs = 9;
const target = 300;
const temp = makeTempDir('qa-command-bench-');

function median(command: string[], env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(command[0], command.slice(1), { env, cwd: repoRoot, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

try {
  const qa = [process.execPath, join(repoRoot, 'scripts', 'qa.mjs'), 'app.info', '{}'];
  // first call builds the bundle if a source changed since; the figure is every call after it
  median(qa.slice(0, 2).concat(['--help']), { ...process.env, QA_DATA_DIR: temp.dir });
  const bare = median([process.execPath, '-e', '']);
  const info = median(qa, { ...process.env, QA_DATA_DIR: temp.dir });
  console.log(
    `node -e '': ${bare.toFixed(0)} ms; qa app.info: ${info.toFixed(0)} ms (median of ${runs} whole processes)`,
  );
  console.log(`  qa app.info vs ${target} ms target: ${info <= target ? 'PASS' : 'MISS'}`);
  if (info > target) process.exitCode = 1;
} finally {
  temp.cleanup();
}
