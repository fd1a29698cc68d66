// `npm start`: Electron where its binary is (or can be fetched), otherwise browser mode, saying so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    if (!existsSync(join(dir, 'path.txt'))) {
      const fetched = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
      if (fetched.status !== 0 || !existsSync(join(dir, 'path.txt'))) return null;
    }
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.log(
    "Electron's binary is not available on this machine (and could not be downloaded): starting browser mode instead.",
  );
  const web = spawn('npm', ['run', 'web'], { stdio: 'inherit', shell: process.platform === 'win32' });
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (run('npm', ['run', 'build']).status !== 0) process.exit(1);
  const app = spawn(binary, ['.'], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
}
