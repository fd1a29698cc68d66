// Bundles Electron's main (ESM), the import worker (ESM) and the preload (CommonJS: sandboxed preloads cannot be
// modules). Everything is bundled except Electron itself and better-sqlite3 (a native addon, rebuilt for
// Electron's ABI when packaging). `--outdir DIR` builds elsewhere (the tests use it so they never clobber dist-electron).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const outdir = arg('--outdir') ?? 'dist-electron';
// --metafile FILE: esbuild's record of every import, so a test can check what main.js loads at run time.
const metafileOut = arg('--metafile');

// Browser mode and the qa command print PDFs through playwright-core (electron/core/reports/export/pdf.ts imports
// it lazily); the desktop app prints its own window (native.printToPdf). Bundling it would add 7 MB and a
// dependency on a system Chromium, so in the desktop bundle the import fails and that path answers 'unavailable'.
const desktopAbsent = {
  name: 'desktop-absent',
  setup(build) {
    build.onResolve({ filter: /^playwright-core$/ }, (args) => ({ path: args.path, namespace: 'desktop-absent' }));
    build.onLoad({ filter: /.*/, namespace: 'desktop-absent' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not part of the desktop app`)});`,
      loader: 'js',
    }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };
// Bundled CommonJS dependencies call require(); an ES module has none, so give it one.
const esmRequire = {
  js: "import { createRequire as __qaRequire } from 'node:module'; const require = __qaRequire(import.meta.url);",
};

const entries = [
  {
    in: 'electron/main.ts',
    out: 'main.js',
    format: 'esm',
    external: ['electron', 'better-sqlite3'],
    banner: esmRequire,
    plugins: [desktopAbsent],
  },
  { in: 'electron/preload.ts', out: 'preload.cjs', format: 'cjs', external: ['electron'] },
  // The qa command (scripts/qa.mjs runs it): bundled like main so a call does not transpile the sources first.
  // playwright-core stays external: the command prints PDFs with the system's Chromium through it.
  {
    in: 'electron/cli.ts',
    out: 'cli.js',
    format: 'esm',
    // exceljs from node_modules when an export needs it (the command runs in the repository, beside them).
    external: ['better-sqlite3', 'playwright-core', 'exceljs'],
    banner: esmRequire,
  },
  // Import worker (issue 3): the pool looks for recordings-worker.js beside main.js.
  {
    in: 'electron/core/recordings/worker.ts',
    out: 'recordings-worker.js',
    format: 'esm',
    external: [],
    banner: esmRequire,
  },
];

const built = [];
const metafile = { inputs: {}, outputs: {} };
for (const entry of entries) {
  if (!existsSync(entry.in)) continue;
  const result = await build({
    ...common,
    entryPoints: [entry.in],
    outfile: join(outdir, entry.out),
    format: entry.format,
    external: entry.external,
    banner: entry.banner,
    plugins: entry.plugins ?? [],
    metafile: true,
  });
  Object.assign(metafile.inputs, result.metafile.inputs);
  Object.assign(metafile.outputs, result.metafile.outputs);
  built.push(join(outdir, entry.out));
}
if (metafileOut) writeFileSync(metafileOut, JSON.stringify(metafile));
console.log(`built ${built.join(', ')}`);
