import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { resolveLibraryFile, resolveLibraryPath } from '../../electron/core/media/library-path';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let library: string;

beforeEach(() => {
  temp = makeTempDir('qa-library-');
  library = join(temp.dir, 'library');
  mkdirSync(join(library, 'ab'), { recursive: true });
  writeFileSync(join(library, 'ab', 'call.wav'), 'RIFF');
  writeFileSync(join(temp.dir, 'secret.txt'), 'outside');
});
afterEach(() => temp.cleanup());

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return undefined;
}

describe('library path guard', () => {
  it('accepts a plain relative path inside the library', () => {
    expect(resolveLibraryPath(library, 'ab/call.wav')).toBe(join(library, 'ab', 'call.wav'));
  });

  it.each([
    ['parent folder', '../secret.txt'],
    ['parent folder deeper', 'ab/../../secret.txt'],
    ['bare parent', '..'],
    ['absolute POSIX', '/etc/passwd'],
    ['absolute path into the library', '/tmp/library/ab/call.wav'],
    ['Windows drive', 'C:\\Windows\\win.ini'],
    ['Windows drive relative', 'C:secret.txt'],
    ['UNC', '\\\\server\\share\\x.wav'],
    ['backslash traversal', '..\\secret.txt'],
    ['encoded traversal', '%2e%2e%2fsecret.txt'],
    ['encoded slash after dots', '..%2fsecret.txt'],
    ['double-encoded traversal', '%252e%252e%252fsecret.txt'],
    ['encoded backslash', '..%5csecret.txt'],
    ['encoded absolute', '%2fetc%2fpasswd'],
    ['NUL byte', 'ab/call.wav\0.txt'],
    ['empty', ''],
    ['the root itself', '.'],
  ])('refuses %s', (_label, path) => {
    expect(refusal(() => resolveLibraryPath(library, path))).toBe('forbidden');
  });

  it('keeps every accepted path inside the library (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', '%2e%2e', '%2E%2E%2F', '..%2f', '\\', 'C:', '/', 'a', 'b.wav'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const path = segments.join('/');
        let resolved: string;
        try {
          resolved = resolveLibraryPath(library, path);
        } catch {
          return; // refusing is always safe
        }
        expect(resolved.startsWith(library + '/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('resolves an existing file', async () => {
    await expect(resolveLibraryFile(library, 'ab/call.wav')).resolves.toBe(join(library, 'ab', 'call.wav'));
  });

  it('refuses a symlink inside the library that points outside it', async () => {
    symlinkSync(join(temp.dir, 'secret.txt'), join(library, 'ab', 'escape.wav'));
    await expect(resolveLibraryFile(library, 'ab/escape.wav')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a symlinked folder that leads outside', async () => {
    symlinkSync(temp.dir, join(library, 'outside'));
    await expect(resolveLibraryFile(library, 'outside/secret.txt')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('follows a symlink that stays inside the library', async () => {
    symlinkSync(join(library, 'ab', 'call.wav'), join(library, 'alias.wav'));
    await expect(resolveLibraryFile(library, 'alias.wav')).resolves.toBe(join(library, 'ab', 'call.wav'));
  });

  it('answers not_found for a missing file and for a folder', async () => {
    await expect(resolveLibraryFile(library, 'ab/missing.wav')).rejects.toMatchObject({ code: 'not_found' });
    await expect(resolveLibraryFile(library, 'ab')).rejects.toMatchObject({ code: 'not_found' });
  });
});
