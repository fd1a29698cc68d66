/**
 * Browser mode and the `qa` command: a report's print route rendered by headless Chromium and printed with its
 * charts. No server is started: Playwright answers the page's requests itself, serving the built files (the same
 * rule as every transport, renderer-files.ts) and passing API calls straight to the core's dispatcher, so this works
 * from the CLI as well as beside a running host. The desktop app prints its own window (native.printToPdf).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as PlaywrightCore from 'playwright-core';
import { AppError } from '../core/errors';
import type { PdfPrinter } from '../core/reports/export/pdf-printer';
import { rendererFile } from '../renderer-files';
import { contentSecurityPolicy } from '../security/csp';

const origin = 'http://qa-print.localhost';

export interface ChromiumPrinterOptions {
  /** The built page (index.html and assets). */
  rendererDir: string;
  chromiumPath?: string;
  timeoutMs?: number;
}

export function createChromiumPdfPrinter(options: ChromiumPrinterOptions): PdfPrinter {
  return {
    async print({ hash, out, landscape, dispatch }) {
      if (!existsSync(join(options.rendererDir, 'index.html'))) {
        throw new AppError(
          'unavailable',
          `The page is not built (${options.rendererDir}); run \`npm run build:renderer\` first.`,
        );
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
            const result = await dispatch(url.pathname.slice('/api/'.length), input);
            return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(result) });
          }
          try {
            const found = await rendererFile(options.rendererDir, url.pathname);
            const headers: Record<string, string> = found.page
              ? { 'content-security-policy': contentSecurityPolicy }
              : {};
            return route.fulfill({
              status: 200,
              contentType: found.contentType,
              headers,
              body: readFileSync(found.file),
            });
          } catch (error) {
            if (error instanceof AppError) return route.fulfill({ status: error.code === 'forbidden' ? 403 : 404 });
            throw error;
          }
        });
        await page.goto(`${origin}/${hash}`);
        await page.waitForSelector('[data-print-ready="true"]', { timeout: options.timeoutMs ?? 60_000 });
        const failed = await page.getAttribute('[data-print-ready="true"]', 'data-print-error');
        if (failed) throw new AppError('internal', `The report page could not load: ${failed}`);
        await page.emulateMedia({ media: 'print' });
        await page.pdf({
          path: out,
          format: 'A4',
          landscape,
          printBackground: true,
          margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
        });
      } finally {
        await browser.close();
      }
      return statSync(out).size;
    },
  };
}
