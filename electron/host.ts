/** Browser mode: `npm run web`. Serves the built page and the core on 127.0.0.1 and prints the address to open. */
import { join } from 'node:path';
import { describeStartupProblemBilingual } from '../shared/startup';
import { createCore } from './core/core';
import { StartupError } from './core/errors';
import { defaultDataDir } from './core/paths';
import { startHost } from './web/http-host';
import { createChromiumPdfPrinter } from './web/pdf-printer';
import { isStrongToken } from './web/token';

function settingsFromEnv(env: NodeJS.ProcessEnv): { port: number; token?: string } {
  const port = env.QA_PORT ? Number(env.QA_PORT) : 5180;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError({ code: 'port_invalid', detail: `QA_PORT=${env.QA_PORT}` });
  }
  const token = env.QA_TOKEN || undefined;
  if (token !== undefined && !isStrongToken(token)) throw new StartupError({ code: 'token_weak' });
  return { port, token };
}

const stopDeadlineMs = 3_000;

async function main(): Promise<void> {
  const { port, token } = settingsFromEnv(process.env);
  const dataDir = defaultDataDir();
  const rendererDir = process.env.QA_RENDERER_DIR || join(import.meta.dirname, '..', 'dist', 'renderer');
  const core = createCore({ dataDir, transport: 'browser', pdfPrinter: createChromiumPdfPrinter({ rendererDir }) });
  const host = await startHost({ core, rendererDir, port, token });
  console.log(`QA Inspector (browser mode) data folder: ${dataDir}`);
  console.log(`QA Inspector (browser mode) is running. Open: ${host.loginUrl}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => {
      core.close();
      // process.exit() would wait for ever on a worker thread blocked in the kernel (a file that never answers).
      // With the database closed nothing is left to save: the process ends by itself once idle, and is ended
      // outright if a stuck worker still holds it.
      process.exitCode = 0;
      setTimeout(() => process.kill(process.pid, 'SIGKILL'), stopDeadlineMs).unref();
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const text =
    error instanceof StartupError
      ? describeStartupProblemBilingual(error.problem)
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`QA Inspector could not start / 质检工作台无法启动:\n${text}`);
  process.exit(1);
});
