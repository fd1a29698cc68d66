/**
 * Where the sync token is sealed before it is written to the database. Electron's main process passes one backed by
 * safeStorage (the OS keychain); without it (browser mode, the qa command, tests) the token is stored as is.
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
