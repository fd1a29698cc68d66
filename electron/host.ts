/** Browser mode: `npm run web`. Serves the built page and the core on 127.0.0.1 and prints the address to open. */
import { join } from 'node:path';
import { createCore } from './core/core';
import { defaultDataDir } from './core/paths';
import { startHost } from './web/http-host';

async function main(): Promise<void> {
  const dataDir = defaultDataDir();
  const core = createCore({ dataDir, transport: 'browser' });
  const port = process.env.QA_PORT ? Number(process.env.QA_PORT) : 5180;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`QA_PORT must be a port number, got "${process.env.QA_PORT}"`);
  const host = await startHost({
    core,
    rendererDir: process.env.QA_RENDERER_DIR || join(import.meta.dirname, '..', 'dist', 'renderer'),
    port,
    token: process.env.QA_TOKEN || undefined,
  });
  console.log(`QA Inspector (browser mode) data folder: ${dataDir}`);
  console.log(`QA Inspector (browser mode) is running. Open: ${host.loginUrl}`);
  const stop = () => {
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`QA Inspector could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
