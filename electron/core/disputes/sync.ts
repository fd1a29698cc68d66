/** Pushing this app's dispute steps: in order, a batch at a time, each answered on its own (server/disputes). */
import { MAX_DISPUTE_STEPS } from '../../../shared/disputes';
import { SyncHttpError, type SyncHttp } from '../sync/http';
import type { DisputeRepository } from './repo';

export async function pushDisputeSteps(
  repo: DisputeRepository,
  http: SyncHttp,
): Promise<{ pushed: number; rejected: number }> {
  const counts = { pushed: 0, rejected: 0 };
  // One batch at a time: a step may follow another of the same dispute (a sign-off after a refused filing).
  for (let after = 0; ;) {
    const rows = repo.pending(MAX_DISPUTE_STEPS, after);
    if (rows.length === 0) return counts;
    after = rows[rows.length - 1].id;
    try {
      const { results } = await http.pushDisputes(rows.map((r) => r.step));
      const applied = repo.applyResults(results);
      counts.pushed += applied.acked;
      counts.rejected += applied.rejected;
    } catch (error) {
      if (error instanceof SyncHttpError && error.transient) {
        repo.markFailed(
          rows.map((r) => r.id),
          error.message,
        );
      }
      throw error;
    }
  }
}
