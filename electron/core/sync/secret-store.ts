import type { TokenProtection } from '../../../shared/contracts/sync';

/**
 * Where the sync token is sealed before it is written to the database. Electron's main process passes one backed by
 * safeStorage (the OS keychain) when the system has a keychain; without it (browser mode, the qa command, a Linux
 * desktop without a secret service, tests) the token is stored as is, and sync.status says so.
 */
export interface SecretStore {
  /** Stored beside the sealed value, so a token sealed by another store is recognised rather than misread. */
  readonly kind: string;
  seal(secret: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export const plainSecretStore: SecretStore = {
  kind: 'plain',
  seal: (secret) => Promise.resolve(secret),
  open: (sealed) => Promise.resolve(sealed),
};

export const keychainStoreKind = 'electron-safe-storage';

/** What the page shows for a stored `kind`: whether the OS keychain seals the token, or nothing does. */
export function tokenProtectionOf(kind: string | null): TokenProtection | null {
  if (kind === null) return null;
  return kind === keychainStoreKind ? 'os_keychain' : 'none';
}
