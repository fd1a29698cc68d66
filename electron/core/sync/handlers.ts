import type { syncContract } from '../../../shared/contracts/sync';
import type { CoreContext, HandlersFor } from '../context';
import { defaultTimings, SyncEngine, type SyncTimings } from './engine';
import { SyncRepository } from './repo';
import { plainSecretStore, type SecretStore } from './secret-store';

export interface SyncOptions {
  /** Electron passes a safeStorage-backed store; elsewhere the token is kept as is. */
  secretStore?: SecretStore;
  /** Run the reconnect loop (not for the one-shot qa command). */
  background?: boolean;
  timings?: Partial<SyncTimings>;
  /** Where the engine registers its shutdown. */
  closers?: (() => void)[];
  /** Hands the engine to other domains (reports ask it for a pulled evaluation's history). */
  onEngine?: (engine: SyncEngine) => void;
}

export function createSyncHandlers(
  ctx: CoreContext,
  options: SyncOptions = {},
): HandlersFor<keyof typeof syncContract> {
  const engine = new SyncEngine(
    new SyncRepository(ctx.db, ctx.reports),
    options.secretStore ?? plainSecretStore,
    ctx.logger,
    { ...defaultTimings, ...options.timings },
    ctx.identity,
    ctx.reports,
  );
  options.onEngine?.(engine);
  // Sync right after each submit rather than at the next outbox poll.
  const unsubscribe = ctx.events.subscribe((event) => {
    if (event === 'evaluations.submitted') engine.nudge();
  });
  options.closers?.push(() => {
    unsubscribe();
    engine.close();
  });
  if (options.background) engine.start();
  return {
    'sync.configure': async ({ serverUrl, token }) => {
      await engine.configure(serverUrl, token);
      // With secure_delete the replaced token is overwritten in the database's pages; the WAL still holds earlier
      // versions of those pages until it is checkpointed and emptied.
      ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      return engine.status();
    },
    'sync.now': () => engine.syncNow('manual'),
    'sync.status': () => engine.status(),
    'sync.resend': ({ evaluationId }) => ({ requeued: engine.resend(evaluationId) }),
  };
}
