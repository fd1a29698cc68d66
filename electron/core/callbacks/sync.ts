/**
 * Call-backs to head office: the outbox a batch at a time, each call-back answered on its own. A refused one (a site
 * user sending another site's call-backs) stays here, marked, and is not sent again by itself.
 */
import { MAX_CALLBACK_PUSH } from '../../../shared/callbacks';
import { SyncHttpError, type SyncHttp } from '../sync/http';
import type { CallbackRepository } from './repo';

export async function pushCallbacks(
  repo: CallbackRepository,
  http: SyncHttp,
): Promise<{ pushed: number; rejected: number }> {
  const counts = { pushed: 0, rejected: 0 };
  for (let after = 0; ;) {
    const items = repo.pending(MAX_CALLBACK_PUSH, after);
    if (items.length === 0) return counts;
    after = items[items.length - 1].outboxId;
    try {
      const { results } = await http.pushCallbacks(items.map((i) => i.record));
      const applied = repo.applyResults(items, results);
      counts.pushed += applied.acked;
      counts.rejected += applied.refused;
    } catch (error) {
      if (error instanceof SyncHttpError && error.transient) {
        repo.markFailed(
          items.map((i) => i.outboxId),
          error.message,
        );
      }
      throw error;
    }
  }
}
