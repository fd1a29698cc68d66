import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The server database in ${dir} is in use by process ${pid}. PGlite allows one process at a time: ` +
        'stop the server first, or run the server on PostgreSQL (DATABASE_URL) to administer it while it runs.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * A zombie (exited, not yet reaped by its parent) still answers kill(pid, 0), but holds no database open: on Linux
 * its /proc/<pid>/stat state is Z. The state follows the command name, which may itself hold spaces or brackets,
 * so it is read after the last ')'.
 */
function zombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 1)
      .trim()
      .startsWith('Z');
  } catch {
    return false; // no /proc (macOS, Windows): kill(pid, 0) is all there is
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !zombie(pid);
}

/** A pid file created with O_EXCL; a lock left by a process that died is taken over. Returns the release. */
export function acquireDirLock(dir: string): () => void {
  const path = join(dir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))
        throw new DataDirLockedError(dir, pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}.`);
}
