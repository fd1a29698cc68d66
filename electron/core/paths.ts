import { homedir } from 'node:os';
import { join } from 'node:path';

export const appFolderName = 'qa-inspector';

/** The OS's per-user app-data folder, the same place Electron's app.getPath('userData') points to. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.QA_DATA_DIR) return env.QA_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appFolderName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appFolderName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appFolderName);
}

/** The shipped migrations: beside this file in the source tree; main.ts passes the packaged location. */
export function defaultMigrationsDir(): string {
  return join(import.meta.dirname, 'db', 'migrations');
}
