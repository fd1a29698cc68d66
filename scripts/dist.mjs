// `npm run dist`: build everything, then an installer for this platform. Needs Electron's binary (downloaded here
// by electron-builder); the test path never calls this.
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' }).status;
if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' }).status !== 0)
  process.exit(1);
process.exit(run(['electron-builder', '--publish', 'never']) ?? 1);
