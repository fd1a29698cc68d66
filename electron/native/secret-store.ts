/**
 * The sync token sealed with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through safeStorage's async API
 * (the synchronous calls are deprecated). Sealed values are base64 text so the core can keep them in SQLite.
 */
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/sync/secret-store';

export function safeStorageSecretStore(): SecretStore {
  return {
    kind: 'electron-safe-storage',
    seal: async (secret) => {
      if (!(await safeStorage.isAsyncEncryptionAvailable()))
        throw new Error('The system keychain is not available, so the sync token cannot be stored safely.');
      return (await safeStorage.encryptStringAsync(secret)).toString('base64');
    },
    open: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}
