import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test; removed afterwards unless QA_KEEP_TEMP is set for debugging. */
export function makeTempDir(prefix = 'qa-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      if (!process.env.QA_KEEP_TEMP) rmSync(dir, { recursive: true, force: true });
    },
  };
}
