import { appendFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from './private-files';

export interface Logger {
  error(message: string, error?: unknown): void;
  info(message: string): void;
  readonly file: string;
}

/** Writes to app.log in the data folder so a support request can include what happened. */
export function createFileLogger(dataDir: string): Logger {
  const file = join(dataDir, 'logs', 'app.log');
  // Paths and errors in it name customers' recordings: private like the rest of the data folder.
  ensurePrivateDir(dataDir);
  ensurePrivateDir(join(dataDir, 'logs'));
  if (existsSync(file)) chmodSync(file, 0o600);
  const write = (level: string, message: string, error?: unknown) => {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error ? `\n${String(error)}` : '';
    try {
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}${detail}\n`, { mode: 0o600 });
    } catch {
      // logging must never take the app down
    }
  };
  return {
    file,
    error: (message, error) => write('ERROR', message, error),
    info: (message) => write('INFO', message),
  };
}
