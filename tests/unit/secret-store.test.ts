import { describe, expect, it } from 'vitest';
import { tokenProtectionOf } from '../../electron/core/sync/secret-store';
import { chooseSecretStore, type Keychain } from '../../electron/native/secret-store';

/** A stand-in for Electron's safeStorage with the same async interface: reversible, and visibly not the input. */
function keychain(available: boolean, backend: ReturnType<Keychain['getSelectedStorageBackend']>): Keychain {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: (text) => Promise.resolve(Buffer.from(`sealed:${text}`)),
    decryptStringAsync: (sealed) =>
      Promise.resolve({ result: sealed.toString().replace(/^sealed:/, ''), shouldReEncrypt: false }),
  };
}

describe('the desktop app’s token store', () => {
  it('seals with the OS keychain where there is one, and says so', async () => {
    for (const [platform, backend] of [
      ['darwin', 'unknown'],
      ['win32', 'unknown'],
      ['linux', 'gnome_libsecret'],
      ['linux', 'kwallet6'],
    ] as const) {
      const store = await chooseSecretStore(keychain(true, backend), platform);
      const sealed = await store.seal('qai_secret');
      expect(sealed, platform).not.toContain('qai_secret');
      expect(await store.open(sealed)).toBe('qai_secret');
      expect(tokenProtectionOf(store.kind)).toBe('os_keychain');
    }
  });

  it('says none, rather than claim protection, without a keychain or with Linux’s hard-coded fallback key', async () => {
    for (const [available, platform, backend] of [
      [false, 'win32', 'unknown'],
      [true, 'linux', 'basic_text'],
      [true, 'linux', 'unknown'],
    ] as const) {
      const store = await chooseSecretStore(keychain(available, backend), platform);
      expect(tokenProtectionOf(store.kind), `${platform} ${backend}`).toBe('none');
      expect(await store.seal('qai_secret')).toBe('qai_secret');
    }
    expect(tokenProtectionOf(null)).toBeNull();
  });
});
