/**
 * An importer in its own process, as the `qa` command or a second app would be: opens the core on a data folder,
 * prints "ready", waits for a line on stdin, imports the paths and prints the result as JSON. Tests kill or pause it
 * at chosen moments. Usage: node --import tsx tests/support/import-child.ts <data folder> <path>…
 */
import { createInterface } from 'node:readline';
import { createCore } from '../../electron/core/core';

const [dataDir, ...paths] = process.argv.slice(2);
const core = createCore({ dataDir, transport: 'cli' });
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  lines.close();
  void core.call('recordings.import', { paths }).then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    core.close();
  });
});
