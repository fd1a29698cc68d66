import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

async function sync(path: string, dataOnly: boolean): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await (dataOnly ? handle.datasync() : handle.sync());
  } finally {
    await handle.close();
  }
}

/**
 * Copies `from` to `part`, checks it is whole, then moves it to `to` and makes both its data and its new name
 * durable, so that once the recording's row commits, a power cut cannot take its audio away. The database's own
 * fsync covers only the database on most file systems; and a name left in the page cache could resurface in the
 * incoming folder, which the importer clears at start-up. Runs on libuv's threads, beside the workers.
 * `check` runs between the copy and the move (size and cancellation checks); it throws to stop.
 *
 * The trade: a crash between the move and the commit leaves audio in the library that no row names. It is named by
 * its content hash, so importing the file again puts the same bytes at the same name and commits it. The other
 * order (move inside the transaction, as before) could lose the audio of a committed recording.
 */
export async function placeDurably(
  from: string,
  part: string,
  to: string,
  check: (size: number) => void,
): Promise<void> {
  // A copy-on-write clone where the file system has them (APFS, Btrfs, XFS, ReFS): no bytes copied, and still a
  // separate file the source's later changes cannot touch. Elsewhere Node falls back to a plain copy.
  await copyFile(from, part, constants.COPYFILE_FICLONE);
  // copyFile gives the copy the source's mode; the library is private whatever the source folder allowed.
  await chmod(part, 0o600);
  check((await stat(part)).size);
  await sync(part, true);
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  await rename(part, to);
  // Windows cannot open a folder to flush it; NTFS journals the rename itself.
  if (process.platform !== 'win32') await sync(dirname(to), false);
}
