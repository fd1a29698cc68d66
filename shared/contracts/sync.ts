import { z } from 'zod';
import { method } from './define';

const emptyInput = z.object({}).strict();

export const syncConfigureInput = z
  .object({
    serverUrl: z
      .string()
      .trim()
      .url('a full address such as https://qa.example.com or http://127.0.0.1:8787')
      .refine((u) => /^https?:\/\//i.test(u), 'http:// or https:// only')
      .max(500),
    token: z
      .string()
      .trim()
      .regex(/^qai_[A-Za-z0-9_-]{43}$/, 'a token issued by the head-office admin command (qai_…)'),
  })
  .strict();

export interface SyncNowResult {
  /** Revisions head office acknowledged in this run (stored or already there). */
  pushed: number;
  /** Head-office changes applied in this run. */
  pulled: number;
  /** Revisions still waiting to be sent. */
  pending: number;
  /** Revisions refused in this run (kept, with the reason, in sync.status). */
  rejected: number;
}

export interface OutboxEntry {
  evaluationId: string;
  revision: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface SyncHistoryEntry {
  id: number;
  trigger: 'start' | 'reconnect' | 'submit' | 'manual' | 'retry';
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  pushed: number;
  rejected: number;
  pulled: number;
  error: string | null;
}

/**
 * 'os_keychain': sealed with the system's keychain (Keychain, DPAPI, libsecret/KWallet) by the desktop app.
 * 'none': stored as is, protected only by the data folder's permissions (browser mode, the qa command, or a desktop
 * without a keychain).
 */
export const tokenProtections = ['os_keychain', 'none'] as const;
export type TokenProtection = (typeof tokenProtections)[number];

export interface SyncStatus {
  configured: boolean;
  serverUrl: string | null;
  tokenSaved: boolean;
  /** How the token is kept on this device: sealed with the OS keychain, or as is (null: no token saved). */
  tokenProtection: TokenProtection | null;
  state: 'unconfigured' | 'offline' | 'online' | 'blocked' | 'syncing';
  online: boolean;
  pending: number;
  rejectedCount: number;
  waiting: OutboxEntry[];
  rejected: (OutboxEntry & { reason: string })[];
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** When the reconnect loop probes next (while offline). */
  nextAttemptAt: string | null;
  cursor: string;
  history: SyncHistoryEntry[];
}

export const syncContract = {
  'sync.configure': method<SyncStatus>()(
    syncConfigureInput,
    'Set the head-office server address and this device’s token; syncing starts in the background.',
  ),
  'sync.now': method<SyncNowResult>()(emptyInput, 'Push waiting evaluations and pull head-office changes now.'),
  'sync.status': method<SyncStatus>()(
    emptyInput,
    'Online or offline, waiting and rejected evaluations, last success and error, recent history.',
  ),
};
