import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Fuses from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp';

const require = createRequire(import.meta.url);
const { FuseV1Options, getCurrentFuseWire } = require('@electron/fuses') as typeof Fuses;
const { SENTINEL } = require('@electron/fuses/dist/constants') as { SENTINEL: string };
const fuses = require('../../scripts/fuses.cjs') as {
  requiredFuses: Record<number, boolean>;
  fuseConfig: Record<string, unknown>;
  wrongFuses(wire: Partial<Record<number, number>>): string[];
};
const afterPack = require('../../scripts/after-pack.cjs') as {
  default(context: unknown): Promise<void>;
};

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => (temp = makeTempDir('qa-packaging-')));
afterAll(() => temp.cleanup());

/** A stand-in Electron binary: just the fuse wire at Electron's defaults (RunAsNode on, cookie encryption off...). */
function fakeElectron(file: string): void {
  const wire = Buffer.from([1, 8, ...'10110000'.split('').map((c) => c.charCodeAt(0))]);
  writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF fake'), Buffer.from(SENTINEL), wire, Buffer.alloc(32)]));
}

describe('Electron fuses', () => {
  it('requires RunAsNode off, cookie encryption on and loading the app from asar only', () => {
    expect(fuses.requiredFuses).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    expect(fuses.fuseConfig).toMatchObject({ version: '1', ...fuses.requiredFuses });
  });

  it('after-pack flips them in the packaged binary and reads them back', async () => {
    const appOutDir = join(temp.dir, 'linux-unpacked');
    mkdirSync(appOutDir, { recursive: true });
    const binary = join(appOutDir, 'qa-inspector');
    fakeElectron(binary);
    expect(fuses.wrongFuses(await getCurrentFuseWire(binary))).toEqual([
      'RunAsNode',
      'EnableCookieEncryption',
      'OnlyLoadAppFromAsar',
    ]);
    await afterPack.default({
      electronPlatformName: 'linux',
      appOutDir,
      packager: { executableName: 'qa-inspector', appInfo: { productFilename: '质检工作台' } },
    });
    const wire = await getCurrentFuseWire(binary);
    expect(fuses.wrongFuses(wire)).toEqual([]);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
  });

  it('after-pack fails the build when the binary has no fuse wire', async () => {
    const appOutDir = join(temp.dir, 'broken');
    mkdirSync(appOutDir, { recursive: true });
    writeFileSync(join(appOutDir, 'qa-inspector.exe'), 'not electron');
    await expect(
      afterPack.default({
        electronPlatformName: 'win32',
        appOutDir,
        packager: { executableName: 'x', appInfo: { productFilename: 'qa-inspector' } },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});

describe('electron-builder configuration', () => {
  const check = (config?: string) =>
    spawnSync(process.execPath, ['scripts/check-builder-config.mjs', ...(config ? [config] : [])], {
      encoding: 'utf8',
    });

  it("passes electron-builder's own schema", () => {
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is rejected by that schema when an option is misspelt (the check can fail)', () => {
    const bad = join(temp.dir, 'bad.yml');
    writeFileSync(bad, readFileSync('electron-builder.yml', 'utf8').replace('oneClick:', 'oneClik:'));
    expect(check(bad).status).toBe(1);
  });

  it('builds Windows NSIS per user, macOS dmg, Linux AppImage and deb, with fuses in afterPack', () => {
    const yml = readFileSync('electron-builder.yml', 'utf8');
    expect(yml).toMatch(/perMachine: false/);
    expect(yml).toMatch(/target: nsis/);
    expect(yml).toMatch(/target: dmg/);
    expect(yml).toMatch(/- AppImage\n\s+- deb/);
    expect(yml).toMatch(/afterPack: scripts\/after-pack\.cjs/);
    expect(yml).toMatch(/asar: true/);
    expect(existsSync('resources/icon.png')).toBe(true);
  });
});

describe('npm run build:electron output', () => {
  const out = () => join(temp.dir, 'dist-electron');
  const metaFile = () => join(temp.dir, 'meta.json');
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', out(), '--metafile', metaFile()], {
      stdio: 'pipe',
    });
  }, 120_000);

  /** What a bundle still loads at run time, from esbuild's own record (text scans trip over string literals). */
  function runtimeImports(file: string): string[] {
    const meta = JSON.parse(readFileSync(metaFile(), 'utf8')) as {
      outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
    };
    const key = Object.keys(meta.outputs).find((name) => name.endsWith(`/${file}`));
    if (!key) throw new Error(`${file} not in the metafile`);
    return [...new Set(meta.outputs[key].imports.filter((i) => i.external).map((i) => i.path))];
  }

  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

  it('writes main.js, preload.cjs and the import worker', () => {
    for (const file of ['main.js', 'preload.cjs', 'recordings-worker.js']) {
      expect(existsSync(join(out(), file)), file).toBe(true);
    }
  });

  it('main.js imports nothing but electron, Node built-ins and better-sqlite3', () => {
    const imports = runtimeImports('main.js');
    expect(imports.filter((name) => name !== 'electron' && name !== 'better-sqlite3' && !builtins.has(name))).toEqual(
      [],
    );
    expect(imports).toEqual(expect.arrayContaining(['electron', 'better-sqlite3']));
    // The desktop prints with native.printToPdf; playwright-core must not be bundled.
    const meta = JSON.parse(readFileSync(metaFile(), 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(meta.inputs).filter((input) => input.includes('node_modules/playwright-core'))).toEqual([]);
  });

  it('the preload imports only electron (a sandboxed preload gets nothing else)', () => {
    expect(runtimeImports('preload.cjs')).toEqual(['electron']);
  });

  it('the worker imports only Node built-ins', () => {
    expect(runtimeImports('recordings-worker.js').filter((name) => !builtins.has(name))).toEqual([]);
  });
});
