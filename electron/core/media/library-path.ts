/**
 * The one gate between a path named by a request (a media URL, a stored relative path) and the disk: the result is
 * always a file inside the given root folder. Used by Electron's media scheme and the browser-mode media route.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep, win32 } from 'node:path';
import { AppError } from '../errors';

const maxDecodeRounds = 5;

/** Every form the path takes under repeated percent-decoding, so `%2e%2e%2f` is judged like `../`. */
function decodedForms(path: string): string[] {
  const forms = [path];
  let current = path;
  for (let round = 0; round < maxDecodeRounds; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break; // a stray % is just a character
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

function refuse(reason: string): never {
  throw new AppError('forbidden', `Refused a path outside the library (${reason}).`);
}

/**
 * Checks a relative path by its text alone and joins it to the root. Refuses absolute paths (POSIX, drive letters,
 * UNC), `..` segments, backslashes (a Windows separator: `..\\x` must not slip through on POSIX either), NUL bytes
 * and all of these in percent-encoded form.
 */
export function resolveLibraryPath(root: string, relativePath: string): string {
  if (!isAbsolute(root)) throw new Error(`library root must be absolute: ${root}`);
  if (relativePath.length === 0 || relativePath.length > 1024) refuse('empty or too long');
  for (const form of decodedForms(relativePath)) {
    if (form.includes('\0')) refuse('NUL byte');
    if (form.includes('\\')) refuse('backslash');
    if (isAbsolute(form) || win32.isAbsolute(form) || /^[A-Za-z]:/.test(form)) refuse('absolute path');
    if (form.split('/').some((segment) => segment === '..')) refuse('parent folder');
  }
  const full = join(root, relativePath);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) refuse('outside the root');
  return full;
}

/**
 * Like resolveLibraryPath, then follows symlinks: a link inside the library pointing outside it is refused too.
 * Resolves to the real path of an existing regular file.
 */
export async function resolveLibraryFile(root: string, relativePath: string): Promise<string> {
  const candidate = resolveLibraryPath(root, relativePath);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
  } catch {
    throw new AppError('not_found', 'The file is not in the library (it may have been deleted).');
  }
  if (!real.startsWith(realRoot + sep)) refuse('link leads outside');
  const info = await stat(real);
  if (!info.isFile()) throw new AppError('not_found', 'Not a file in the library.');
  return real;
}
