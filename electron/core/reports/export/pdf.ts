import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type * as PlaywrightCore from 'playwright-core';
import type { ApiResult } from '../../../../shared/errors';
import { contentSecurityPolicy } from '../../../security/csp';
import { AppError } from '../../errors';

export interface PrintOptions {
  /** The built page (index.html and assets). */
  rendererDir: string;
  /** The print route, e.g. `#/reports/print?report=monthly&from=2026-03&to=2026-03`. */
  hash: string;
  out: string;
  landscape: boolean;
  dispatch: (method: string, input: unknown) => Promise<ApiResult<unknown>>;
  chromiumPath?: string;
  timeoutMs?: number;
}

const origin = 'http://qa-print.localhost';
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The renderer build next to the sources (`npm run build:renderer`), or QA_RENDERER_DIR. */
export function defaultRendererDir(): string {
  return process.env.QA_RENDERER_DIR || join(import.meta.dirname, '..', '..', '..', '..', 'dist', 'renderer');
}

/**
 * Browser mode and the `qa` command: the report's print route rendered by headless Chromium and printed with its
 * charts. No server is started: Playwright answers the page's requests itself, serving the built files and passing
 * API calls straight to the dispatcher, so this works from the CLI as well as beside a running host.
 * (The desktop app prints its own window with native.printToPdf instead.)
 */
export async function printToPdf(options: PrintOptions): Promise<number> {
  const root = normalize(options.rendererDir);
  if (!existsSync(join(root, 'index.html'))) {
    throw new AppError('unavailable', `The page is not built (${root}); run \`npm run build:renderer\` first.`);
  }
  const executablePath = options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new AppError('unavailable', `PDF export needs Chromium at ${executablePath} (set CHROMIUM_PATH).`);
  }
  let playwright: typeof PlaywrightCore;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new AppError('unavailable', 'PDF export outside the desktop app needs playwright-core (npm install).');
  }
  const browser = await playwright.chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1123, height: 794 }, deviceScaleFactor: 2 });
    await page.route(`${origin}/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.pathname === '/api/events') return route.fulfill({ status: 204 });
      if (url.pathname.startsWith('/api/')) {
        let input: unknown = {};
        try {
          input = JSON.parse(request.postData() || '{}');
        } catch {
          // the dispatcher answers invalid input itself
        }
        const result = await options.dispatch(url.pathname.slice('/api/'.length), input);
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(result) });
      }
      const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      let file = join(root, relative);
      if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
        file = join(root, 'index.html');
      }
      const contentType = types[extname(file)] ?? 'application/octet-stream';
      const headers: Record<string, string> = contentType.startsWith('text/html')
        ? { 'content-security-policy': contentSecurityPolicy }
        : {};
      return route.fulfill({ status: 200, contentType, headers, body: readFileSync(file) });
    });
    await page.goto(`${origin}/${options.hash}`);
    await page.waitForSelector('[data-print-ready="true"]', { timeout: options.timeoutMs ?? 60_000 });
    const failed = await page.getAttribute('[data-print-ready="true"]', 'data-print-error');
    if (failed) throw new AppError('internal', `The report page could not load: ${failed}`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: options.out,
      format: 'A4',
      landscape: options.landscape,
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
  } finally {
    await browser.close();
  }
  return statSync(options.out).size;
}
