import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { ImportSkipCode } from '../../../shared/recording';

export interface ScanResult {
  /** `inFolder`: met while walking a folder, not named by the user. */
  files: { path: string; size: number; inFolder: boolean }[];
  /** CSV files met while scanning: tried as manifests before anything else. */
  csvFiles: string[];
  unreadable: { path: string; error: string }[];
  /** Pipes, devices and sockets (links followed): reading one could block forever or never end (/dev/zero). */
  skipped: { path: string; code: ImportSkipCode }[];
}

const skippedNames = new Set(['thumbs.db', 'desktop.ini', '__macosx']);
const maxFiles = 200_000;

/** Files and folders (recursively, following links once) as the inspector picked them; hidden files are skipped. */
export async function scanPaths(paths: string[]): Promise<ScanResult> {
  const result: ScanResult = { files: [], csvFiles: [], unreadable: [], skipped: [] };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  /** Anything that is neither a folder nor a regular file is reported, never opened. */
  const add = async (path: string, info: Stats, inFolder: boolean) => {
    if (info.isDirectory()) await walk(path);
    else if (!info.isFile()) result.skipped.push({ path, code: 'special_file' });
    else if (!seenFiles.has(path) && result.files.length < maxFiles) {
      seenFiles.add(path);
      if (extname(path).toLowerCase() === '.csv') result.csvFiles.push(path);
      else result.files.push({ path, size: info.size, inFolder });
    }
  };

  async function walk(dir: string): Promise<void> {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      result.unreadable.push({
        path: dir,
        error: `Cannot read the folder (${(error as NodeJS.ErrnoException).code}).`,
      });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || skippedNames.has(entry.name.toLowerCase())) continue;
      const path = join(dir, entry.name);
      let info: Stats;
      try {
        info = await stat(path);
      } catch (error) {
        result.unreadable.push({ path, error: `Cannot read the file (${(error as NodeJS.ErrnoException).code}).` });
        continue;
      }
      await add(path, info, true);
    }
  }

  for (const raw of paths) {
    const path = resolve(raw);
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'No such file or folder.' : `Cannot read it (${code}).`;
      result.unreadable.push({ path, error: reason });
      continue;
    }
    await add(path, info, false);
  }
  return result;
}

/** Extensions a recording may have: a file named so that is not audio is a damaged recording, not a stray file. */
const audioExtensions = new Set([
  '.wav',
  '.mp3',
  '.ogg',
  '.oga',
  '.opus',
  '.flac',
  '.gsm',
  '.g729',
  '.g722',
  '.vox',
  '.amr',
  '.au',
  '.raw',
]);
export const looksLikeAudio = (path: string) => audioExtensions.has(extname(path).toLowerCase());
