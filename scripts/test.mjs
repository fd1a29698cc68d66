// `npm test`: typecheck, lint, builds, Electron security and packaging checks, unit + integration, then the
// Chromium e2e suite, ending with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join('tests', '.tmp');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The head-office server runs on PGlite or PostgreSQL. The main run uses PGlite; when DATABASE_URL names a
// PostgreSQL server (.ci/run starts one), its own step runs the server suites again on it.
const databaseUrl = process.env.DATABASE_URL;
const withoutPostgres = { ...process.env };
delete withoutPostgres.DATABASE_URL;
// Every suite that talks to the server is named server-*.test.ts or sync-*.test.ts, so a new one runs on both
// databases without being listed here.
const serverSuites = readdirSync(join('tests', 'integration'))
  .filter((f) => /^(server|sync)-.*\.test\.ts$/.test(f))
  .sort()
  .map((f) => join('tests', 'integration', f));
const steps = [
  { name: 'typecheck', cmd: [npm, 'run', 'typecheck'] },
  { name: 'lint', cmd: [npm, 'run', 'lint'] },
  { name: 'build renderer', cmd: [npm, 'run', 'build:renderer'] },
  { name: 'build electron', cmd: [npm, 'run', 'build:electron'] },
  // electronegativity exits 0 even with HIGH findings; this script fails on anything above informational.
  { name: 'electron security', cmd: ['node', 'scripts/check-electronegativity.mjs'] },
  { name: 'packaging config', cmd: ['node', 'scripts/check-builder-config.mjs'] },
  { name: 'packaging dry run', cmd: ['node', 'scripts/check-packaging.mjs'] },
  {
    name: 'unit + integration',
    env: withoutPostgres,
    cmd: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reportDir, 'unit.json')}`,
    ],
    report: 'unit.json',
  },
  {
    name: 'server suites on PostgreSQL',
    skip: databaseUrl ? null : 'DATABASE_URL is not set',
    cmd: [
      'npx',
      'vitest',
      'run',
      ...serverSuites,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reportDir, 'postgres.json')}`,
    ],
    report: 'postgres.json',
  },
  {
    name: 'e2e (Chromium)',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--config',
      'tests/e2e/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reportDir, 'e2e.json')}`,
    ],
    report: 'e2e.json',
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps = [];
for (const step of steps) {
  if (step.skip) {
    console.log(`\n=== ${step.name}: not run (${step.skip})`);
    continue;
  }
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: step.env ?? process.env });
  console.log(
    `=== ${step.name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) failedSteps.push(step.name);
  if (step.report) {
    const file = join(reportDir, step.report);
    if (existsSync(file)) {
      const report = JSON.parse(readFileSync(file, 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    } else if (result.status !== 0) failed += 1;
  }
}
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length && failed === 0) failed = failedSteps.length;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length ? 1 : 0);
