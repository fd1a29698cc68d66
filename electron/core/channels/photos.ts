/**
 * A store visit's photos: read whole, recognised by their first bytes (JPEG, PNG, WebP; a name saying .jpg proves
 * nothing), at most 10 MB each, and copied into the library under their SHA-256 like recordings, so the same photo
 * twice is one file. Nothing is written unless every photo passes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../errors';
import { placeDurably } from '../recordings/durable-file';

export const maxPhotoBytes = 10 * 1024 * 1024;
export const maxPhotos = 12;

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ReadPhoto {
  path: string;
  sha256: string;
  mime: PhotoMime;
  sizeBytes: number;
  libraryPath: string;
}

const extensionOf: Record<PhotoMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type by its magic bytes; null for anything else. */
export function sniffImage(bytes: Uint8Array): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Reads and checks every photo; a refusal names each bad one by its position (details[].line, 1-based). */
export async function readPhotos(paths: string[]): Promise<ReadPhoto[]> {
  const problems: { code: string; itemId: string; line: number }[] = [];
  const photos: ReadPhoto[] = [];
  for (const [i, path] of paths.entries()) {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      problems.push({ code: 'photo_unreadable', itemId: '', line: i + 1 });
      continue;
    }
    if (size > maxPhotoBytes) {
      problems.push({ code: 'photo_too_big', itemId: '', line: i + 1 });
      continue;
    }
    const bytes = await readFile(path);
    const mime = sniffImage(bytes);
    if (!mime) {
      problems.push({ code: 'photo_not_image', itemId: '', line: i + 1 });
      continue;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const libraryPath = `photos/${sha256.slice(0, 2)}/${sha256}.${extensionOf[mime]}`;
    photos.push({ path, sha256, mime, sizeBytes: bytes.byteLength, libraryPath });
  }
  if (problems.length) {
    throw new AppError('invalid_input', `Photos refused: ${JSON.stringify(problems)}.`, 'photos', problems);
  }
  return photos;
}

/** Copies the photos into the library (a photo already there by its hash is not copied again). */
export async function placePhotos(libraryDir: string, photos: ReadPhoto[]): Promise<void> {
  for (const p of photos) {
    const target = join(libraryDir, ...p.libraryPath.split('/'));
    if (existsSync(target)) continue;
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await placeDurably(p.path, `${target}.part`, target, () => {});
  }
}
