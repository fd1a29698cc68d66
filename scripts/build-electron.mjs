// Bundles Electron's main (ESM) and preload (CommonJS: sandboxed preloads cannot be modules).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist-electron/main.js',
  format: 'esm',
  external: ['electron', 'better-sqlite3'],
  banner: {
    js: "import { createRequire as __qaRequire } from 'node:module'; const require = __qaRequire(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
console.log('built dist-electron/main.js and dist-electron/preload.cjs');
