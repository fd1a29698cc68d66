/**
 * The sync token sealed with the OS keychain (Keychain, DPAPI, libsecret/KWallet) through safeStorage's async API
 * (the synchronous calls are deprecated, and removed in Electron 46). Sealed values are base64 text so the core can
 * keep them in SQLite. The keychain is passed in, so this is unit-tested without Electron.
 */
import type { SafeStorage } from 'electron';
import { keychainStoreKind, plainSecretStore, type SecretStore } from '../core/sync/secret-store';

export type Keychain = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/**
 * The keychain-backed store when the system really has a keychain; otherwise the plain one, so sync.status says
 * 'none' instead of claiming protection. On Linux without a secret service Electron falls back to 'basic_text', a
 * key written in its own source: sealing with it would only look like protection.
 */
export async function chooseSecretStore(keychain: Keychain, platform: NodeJS.Platform): Promise<SecretStore> {
  if (!(await keychain.isAsyncEncryptionAvailable())) return plainSecretStore;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(keychain.getSelectedStorageBackend())) {
    return plainSecretStore;
  }
  return {
    kind: keychainStoreKind,
    seal: async (secret) => (await keychain.encryptStringAsync(secret)).toString('base64'),
    open: async (sealed) => (await keychain.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}
