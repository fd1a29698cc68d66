import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries (lint rules)', () => {
  it("stops electron/core from importing 'electron'", async () => {
    const ids = await ruleIds('electron/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('stops shared/ from importing Node modules', async () => {
    const ids = await ruleIds(
      'shared/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('stops the renderer from importing the core', async () => {
    const ids = await ruleIds(
      'renderer/probe.ts',
      "import { createCore } from '../electron/core/core';\nexport const x = createCore;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('lets electron/main.ts use electron', async () => {
    const ids = await ruleIds('electron/main.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(ids).not.toContain('no-restricted-imports');
  });
});
