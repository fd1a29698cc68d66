// The Electron fuses the packaged app ships with, in one place: after-pack.cjs flips them and then reads them back,
// and tests/unit/packaging.test.ts checks the required ones. Keys are @electron/fuses' FuseV1Options indexes.
const { FuseV1Options, FuseVersion } = require('@electron/fuses');

/** The three the security checklist requires; a build whose binary disagrees fails. */
const requiredFuses = {
  [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node runtime
  [FuseV1Options.EnableCookieEncryption]: true, // the cookie store is encrypted with the OS keychain
  [FuseV1Options.OnlyLoadAppFromAsar]: true, // code is loaded from app.asar only, never from a loose app/ folder
};

const fuseConfig = {
  version: FuseVersion.V1,
  ...requiredFuses,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Validates app.asar against the hash electron-builder embeds (macOS and Windows; Linux ignores it).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Pages are served from app://, never file://, so file: needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Names of required fuses whose state in a binary's wire (from getCurrentFuseWire) is not the required one. */
function wrongFuses(wire) {
  const ENABLE = 49; // FuseState.ENABLE ('1'); DISABLE is 48 ('0')
  return Object.entries(requiredFuses)
    .filter(([index, wanted]) => (wire[index] === ENABLE) !== wanted)
    .map(([index]) => FuseV1Options[index]);
}

module.exports = { requiredFuses, fuseConfig, wrongFuses };
