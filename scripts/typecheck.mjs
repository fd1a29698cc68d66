// One tsc run per side, each with its own lib and types, so shared/ cannot reach for Node or the DOM.
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'electron', 'renderer', 'server', 'tests'];
let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck failed in ${project}/`);
    failed = true;
  } else console.log(`typecheck ok: ${project}/`);
}
process.exit(failed ? 1 : 0);
