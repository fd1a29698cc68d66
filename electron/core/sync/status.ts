/**
 * What sync.status reports: the engine's state now beside what the repository has recorded (the outbox, the last
 * attempt and error, the history).
 */
import type { SyncStatus } from '../../../shared/contracts/sync';
import type { Identity } from '../../../shared/sync';
import type { SyncRepository } from './repo';
import { tokenProtectionOf } from './secret-store';

export interface EngineNow {
  state: SyncStatus['state'];
  online: boolean;
  nextAttemptAt: string | null;
}

export function statusOf(repo: SyncRepository, identity: Identity | null, now: EngineNow): SyncStatus {
  const s = repo.state();
  // Only the current state: an error older than the last success is history, not the state now.
  const errorIsCurrent = !!s.lastErrorAt && (!s.lastSuccessAt || s.lastErrorAt > s.lastSuccessAt);
  return {
    identity,
    configured: !!s.serverUrl,
    serverUrl: s.serverUrl,
    tokenSaved: !!s.tokenSealed,
    tokenProtection: tokenProtectionOf(s.tokenProtection),
    state: now.state,
    online: now.online,
    pending: repo.count('pending'),
    rejectedCount: repo.count('rejected'),
    waiting: repo.list('pending', 100).map(({ rejectedReason: _r, rejectedCode: _c, fixBy: _f, ...r }) => r),
    rejected: repo
      .list('rejected', 100)
      .map(({ rejectedReason, rejectedCode, ...r }) => ({ ...r, reason: rejectedReason ?? '', code: rejectedCode })),
    lastAttemptAt: s.lastAttemptAt,
    lastSuccessAt: s.lastSuccessAt,
    lastError: errorIsCurrent ? s.lastError : null,
    lastErrorCode: errorIsCurrent ? s.lastErrorCode : null,
    lastErrorAt: errorIsCurrent ? s.lastErrorAt : null,
    nextAttemptAt: now.nextAttemptAt,
    cursor: s.cursor,
    history: repo.history(50),
  };
}
