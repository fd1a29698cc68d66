// `npm run dist`: an installer for this platform (Windows NSIS, macOS dmg, Linux AppImage + deb) in release/.
// electron-builder downloads Electron's binary and rebuilds better-sqlite3 for Electron's ABI in node_modules
// (npmRebuild); afterwards we rebuild it for Node again, whatever happened, so `npm test` and the `qa` command keep
// working. Extra arguments go to electron-builder (e.g. `npm run dist -- --arm64`).
import { spawnSync } from 'node:child_process';

const shell = process.platform === 'win32';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell }).status ?? 1;

if (run('node', ['scripts/check-builder-config.mjs']) !== 0) process.exit(1);
if (run('npm', ['run', 'build']) !== 0) process.exit(1);
const status = run('npx', ['electron-builder', '--publish', 'never', ...process.argv.slice(2)]);

console.log('Rebuilding better-sqlite3 for Node (the tests and the qa command run on Node, not Electron)…');
const restored =
  run('npm', ['rebuild', 'better-sqlite3']) === 0 &&
  run('node', ['-e', "new (require('better-sqlite3'))(':memory:').close()"]) === 0;
if (!restored) console.error('better-sqlite3 could not be rebuilt for Node: run `npm rebuild better-sqlite3`.');
if (status === 0) console.log('Installers are in release/.');
process.exit(status === 0 && restored ? 0 : 1);
