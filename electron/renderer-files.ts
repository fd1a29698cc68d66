/**
 * The built page's files, for every transport that serves them: Electron's app: scheme, browser mode's HTTP host
 * and the PDF printer's headless Chromium. One rule for all three: the page's own routes (no extension) get
 * index.html, an asset by name, a missing asset is a 404 (not HTML under a script's name), and nothing outside the
 * renderer folder (`..`, encoded or not, and links leading out are refused by resolveLibraryFile).
 */
import { extname } from 'node:path';
import { AppError } from './core/errors';
import { resolveLibraryFile } from './core/media/library-path';

/** Content types of the built page's files. */
export const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface RendererFile {
  /** Real path of a regular file inside the renderer folder. */
  file: string;
  contentType: string;
  /** The page itself (gets the CSP and is never cached). */
  page: boolean;
  /** A Vite asset named by its content hash: cacheable for good. */
  hashedAsset: boolean;
}

/**
 * The file a request path names. Throws AppError: invalid_input for a malformed %-escape, forbidden for a path
 * leading outside, not_found for a missing asset (or a missing build, for the page).
 */
export async function rendererFile(rendererDir: string, pathname: string): Promise<RendererFile> {
  // The path goes to resolveLibraryFile as sent (still %-encoded): it judges every decoded form, so an encoded
  // `..` or `/etc/…` is refused as leading outside rather than quietly decoded into something that exists.
  const relative = pathname.replace(/^\/+/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    throw new AppError('invalid_input', 'Malformed address.');
  }
  const page = relative === '' || extname(decoded) === '';
  const file = await resolveLibraryFile(rendererDir, page ? 'index.html' : relative);
  return {
    file,
    contentType: mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    page,
    hashedAsset: relative.startsWith('assets/'),
  };
}
