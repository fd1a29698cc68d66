/**
 * The data folder holds customers' calls, inspectors' findings and the sync token: on a shared computer other
 * accounts must not read it. Folders are 0700 and files 0600, set when created and again on each start (so
 * folders made by older versions, or restored by hand, are closed too). Windows ignores these modes; there the
 * per-user profile folder's ACL does the same job.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/** Creates `path` empty if missing, so whatever writes it next (SQLite included) finds a file only we can read. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
