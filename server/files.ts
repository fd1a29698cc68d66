import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes the PGlite data folder private: folders 0700, files 0600. PGlite (Emscripten's file system) creates its
 * files 0666 whatever the process umask, token hashes included; the folder's own 0700 already keeps other users
 * out, and this pass (after opening, after migrations, at close) leaves no readable file behind should the folder
 * ever be copied or its mode loosened. Symbolic links are left alone.
 */
export function hardenDataDir(dir: string): void {
  const walk = (path: string) => {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if ((st.mode & 0o777) !== 0o600) {
      try {
        chmodSync(path, 0o600);
      } catch {
        // a file PGlite removed between the listing and the chmod
      }
    }
  };
  walk(dir);
}
