// Validates electron-builder.yml against electron-builder's own JSON schema (the check it runs before a build),
// without packaging anything: the full build needs Electron's binary, which CI cannot download.
// Usage: node scripts/check-builder-config.mjs [path/to/config.yml]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

const configPath = process.argv[2] ?? 'electron-builder.yml';
try {
  const config = await getConfig(process.cwd(), resolve(configPath), null);
  await validateConfiguration(config, new DebugLogger(false));
  console.log(`${configPath}: valid electron-builder configuration (appId ${config.appId}).`);
} catch (error) {
  console.error(`${configPath}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
