import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp';

// `npm test` runs scripts/check-electronegativity.mjs on the real tree; this proves the gate actually fails.
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('qa-egate-');
  mkdirSync(join(temp.dir, 'electron'), { recursive: true });
  writeFileSync(
    join(temp.dir, 'electron', 'main.ts'),
    `import { BrowserWindow } from 'electron';
export const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
void win.loadURL('http://example.com/');
`,
  );
});
afterAll(() => temp.cleanup());

describe('electronegativity gate', () => {
  it('fails on findings above informational although electronegativity itself exits 0', () => {
    const run = spawnSync(process.execPath, ['scripts/check-electronegativity.mjs', '--root', temp.dir], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/CONTEXT_ISOLATION_JS_CHECK HIGH/);
    expect(run.stderr).toMatch(/SANDBOX_JS_CHECK MEDIUM/);
    expect(run.stderr).toMatch(/HTTP_RESOURCES_JS_CHECK MEDIUM/);
    expect(run.stderr).toMatch(/LIMIT_NAVIGATION_GLOBAL_CHECK HIGH/);
    // The reviewed entries name files that are not in this tree, so they are reported as stale.
    expect(run.stderr).toMatch(/stale entry/);
  }, 300_000);
});
