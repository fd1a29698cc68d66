// Packaging dry run that works without Electron's binary (which this CI cannot download): electron-builder packs
// the real app for Linux (--dir) around a stand-in "Electron" file that carries only the fuse wire, then we check
// what an installer would contain: the asar holds the bundles, page, migrations and no node_modules but
// better-sqlite3's; the native addon is unpacked; after-pack.cjs flipped and verified the fuses.
// Needs `npm run build` first. better-sqlite3 is not rebuilt here (npmRebuild=false): that step needs Electron's
// headers and is what `npm run dist` adds.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { listPackage } = require('@electron/asar');
const { getCurrentFuseWire } = require('@electron/fuses');
const { SENTINEL } = require('@electron/fuses/dist/constants');
const { wrongFuses } = require('./fuses.cjs');

for (const built of ['dist/renderer/index.html', 'dist-electron/main.js', 'dist-electron/preload.cjs']) {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'qa-package-'));
const problems = [];
try {
  // Stand-in Electron: the fuse sentinel, wire version 1, 8 fuses all at Electron's defaults.
  const fakeDist = join(work, 'electron-dist');
  mkdirSync(join(fakeDist, 'resources'), { recursive: true });
  const wire = Buffer.from([1, 8, ...'10110000'.split('').map((c) => c.charCodeAt(0))]);
  writeFileSync(join(fakeDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), wire]));
  chmodSync(join(fakeDist, 'electron'), 0o755);
  writeFileSync(join(fakeDist, 'version'), require('electron/package.json').version);

  const out = join(work, 'release');
  const cli = require.resolve('electron-builder/cli.js');
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${fakeDist}`,
      `-c.electronVersion=${require('electron/package.json').version}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (run.status !== 0) throw new Error(`electron-builder failed:\n${run.stdout}\n${run.stderr}`);

  const appDir = join(out, 'linux-unpacked');
  const files = new Set(
    listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')),
  );
  const required = [
    '/package.json',
    '/dist-electron/main.js',
    '/dist-electron/preload.cjs',
    '/dist/renderer/index.html',
    '/electron/core/db/migrations/001_init.sql',
    '/node_modules/better-sqlite3/lib/index.js',
    '/node_modules/bindings/bindings.js',
    // libmpg123 is LGPL-2.1: its licence and notice ship with the decoder.
    '/resources/licenses/mpg123/COPYING',
    '/resources/licenses/mpg123/NOTICE.md',
    // FFmpeg's decoders (GSM, G.729, AMR-NB, ADPCM, …) are LGPL-2.1-or-later: the same.
    '/resources/licenses/ffmpeg/COPYING.LGPLv2.1',
    '/resources/licenses/ffmpeg/NOTICE.md',
  ];
  if (existsSync('dist-electron/recordings-worker.js')) required.push('/dist-electron/recordings-worker.js');
  for (const file of required) if (!files.has(file)) problems.push(`app.asar lacks ${file}`);
  const modules = new Set([...files].filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
  for (const name of modules) {
    if (!['better-sqlite3', 'bindings', 'file-uri-to-path'].includes(name))
      problems.push(`app.asar ships node_modules/${name}`);
  }
  for (const file of files) if (file.endsWith('.map')) problems.push(`app.asar ships a source map: ${file}`);
  const addon = join(
    appDir,
    'resources',
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  if (!existsSync(addon)) problems.push('better_sqlite3.node is not unpacked beside the asar');
  const wrong = wrongFuses(await getCurrentFuseWire(join(appDir, 'qa-inspector')));
  if (wrong.length) problems.push(`fuses not set: ${wrong.join(', ')}`);
  console.log(`packaged ${files.size} entries; node_modules in asar: ${[...modules].join(', ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (problems.length) {
  console.error(`Packaging check FAILED:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Packaging check passed: contents, unpacked native addon and fuses as required.');
