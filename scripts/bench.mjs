// `npm run bench`: runs every tests/bench/*.bench.ts in turn (each prints its own figures and ratios).
// `npm run bench -- import` runs only the files whose name contains "import".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv[2];
const dir = join('tests', 'bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.log('no benchmarks found');
  process.exit(0);
}
let failed = 0;
// The player bench drives the built renderer: build it from the sources as they are, never measure a stale copy.
if (files.some((f) => f.startsWith('player'))) {
  const build = spawnSync('npm', ['run', 'build:renderer', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
for (const file of files) {
  console.log(`\n##### ${file}`);
  const result = spawnSync(join('node_modules', '.bin', 'tsx'), [join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
