// `npm run bench`: runs every tests/bench/*.bench.ts in turn; each prints its figures with PASS or MISS per target.
// `npm run bench -- import` runs only the files whose name contains "import".
// Exits 1 when a benchmark crashes or any target is missed (a line with MISS); `--no-gate` reports misses without
// failing, for exploring.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const gate = !args.includes('--no-gate');
const filter = args.find((a) => !a.startsWith('--'));
const dir = join('tests', 'bench');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.log('no benchmarks found');
  process.exit(0);
}
// The player bench drives the built renderer: build it from the sources as they are, never measure a stale copy.
if (files.some((f) => f.startsWith('player'))) {
  const build = spawnSync('npm', ['run', 'build:renderer', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Runs one benchmark, passing its output through; resolves to its exit code and whether it printed a MISS. */
function runBench(file) {
  return new Promise((resolve) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), [join(dir, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let missed = false;
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const text = tail + chunk.toString();
      if (/\bMISS\b/.test(text)) missed = true;
      tail = text.slice(-8);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, missed }));
  });
}

const crashed = [];
const missed = [];
for (const file of files) {
  console.log(`\n##### ${file}`);
  const result = await runBench(file);
  if (result.missed) missed.push(file);
  // A benchmark that exits non-zero because of its own misses is a miss, not a crash.
  else if (result.code !== 0) crashed.push(file);
}
console.log(
  `\nbenchmarks: ${files.length - crashed.length - missed.length} met every target, ${missed.length} missed one ` +
    `(${missed.join(', ') || 'none'}), ${crashed.length} failed to run (${crashed.join(', ') || 'none'})` +
    (gate ? '' : '; --no-gate: misses do not fail the run'),
);
process.exit(crashed.length || (gate && missed.length) ? 1 : 0);
