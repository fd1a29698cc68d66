import type { ApiResult } from '../../../../shared/errors';

/**
 * Printing a report's print route to PDF, given to the core by the transport that can do it (browser mode and the
 * qa command: headless Chromium, electron/web/pdf-printer.ts); the desktop app prints its own window
 * (native.printToPdf) and gives none. The core knows nothing of Chromium or of how the page is served.
 */
export interface PdfPrinter {
  print(options: {
    /** The print route, e.g. `#/reports/print?report=monthly&from=2026-03&to=2026-03`. */
    hash: string;
    out: string;
    landscape: boolean;
    /** The core's dispatcher: the page's API calls are answered by it. */
    dispatch: (method: string, input: unknown) => Promise<ApiResult<unknown>>;
  }): Promise<number>;
}
