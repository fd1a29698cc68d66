import { z } from 'zod';
import type { FixedBy, Identity, RejectionCode } from '../sync';
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
  /** The call the evaluation is of, so the page can name it and link to it. */
  recordingId: string | null;
  agentNo: string | null;
  agentName: string | null;
  callStartedAt: string | null;
  fileName: string | null;
  scorecardId: string | null;
  scorecardVersion: number | null;
}

export interface RejectedEntry extends OutboxEntry {
  /** The server's words (English detail); the page shows `code` in the user's language. */
  reason: string;
  code: RejectionCode | null;
  /** Who must act: head office (the app then re-sends by itself once a pull brings the fix) or the inspector. */
  fixBy: FixedBy | null;
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
  /** What went wrong, for the page to translate (unreachable, unauthorized, protocol_mismatch, …). */
  errorCode: string | null;
}

/**
 * 'os_keychain': sealed with the system's keychain (Keychain, DPAPI, libsecret/KWallet) by the desktop app.
 * 'none': stored as is, protected only by the data folder's permissions (browser mode, the qa command, or a desktop
 * without a keychain).
 */
export const tokenProtections = ['os_keychain', 'none'] as const;
export type TokenProtection = (typeof tokenProtections)[number];

export interface SyncStatus {
  /** This app's user at head office (role and scope), once a sync has asked; null before. */
  identity: Identity | null;
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
  rejected: RejectedEntry[];
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** Only while it is the current state (not after a later success). */
  lastError: string | null;
  lastErrorCode: string | null;
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
    'Online or offline, the user role and scope, waiting and rejected evaluations, last success and error, ' +
      'recent history.',
  ),
  'sync.resend': method<{ requeued: number }>()(
    z.object({ evaluationId: z.uuid().optional() }).strict(),
    'Send refused revisions again (all, or one evaluation’s) and sync now; use once the reason has been dealt with.',
  ),
};
