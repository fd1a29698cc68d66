// electron-builder afterPack hook: flips the Electron fuses in the packaged binary (before signing, which follows
// this hook), then reads them back and fails the build if a required one did not take.
const { join } = require('node:path');
const { flipFuses, getCurrentFuseWire } = require('@electron/fuses');
const { fuseConfig, wrongFuses } = require('./fuses.cjs');

function electronBinary({ electronPlatformName, appOutDir, packager }) {
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

exports.default = async function afterPack(context) {
  const binary = electronBinary(context);
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // On Apple silicon a modified binary must be re-signed (ad hoc) or it will not start; codesign exists only on macOS.
  await flipFuses(binary, { ...fuseConfig, resetAdHocDarwinSignature: mac && process.platform === 'darwin' });
  const wrong = wrongFuses(await getCurrentFuseWire(binary));
  if (wrong.length) throw new Error(`Electron fuses not set in ${binary}: ${wrong.join(', ')}`);
  console.log(`  • fuses set and verified in ${binary}`);
};

exports.electronBinary = electronBinary;
