/**
 * Pushing the outbox. Two batches are in flight at once: while the server validates and stores one, the next is
 * read, checked and sent, so neither the laptop nor the server (nor the network's round trip) waits on the other.
 * Batches never overlap (each starts after the last outbox row of the one before), and each is acknowledged on its
 * own, so a failure of one leaves the other's outcome recorded and the failed rows pending for the next run.
 */
import type { PushItem, PushResult } from '../../../shared/sync';
import { PushItemParser } from '../../../shared/sync-items';
import { SyncHttpError, type SyncHttp } from './http';
import type { OutboxRow, SyncRepository } from './repo';

export interface PushCounts {
  pushed: number;
  rejected: number;
}

const inFlightLimit = 2;

/** The rows' items as the server's schema reads them, and the rows that could never be sent as they are. */
function prepare(rows: OutboxRow[]): { items: PushItem[]; unsendable: PushResult[] } {
  const items: PushItem[] = [];
  const unsendable: PushResult[] = [];
  const parser = new PushItemParser();
  for (const row of rows) {
    let body: unknown;
    try {
      body = JSON.parse(row.bodyJson);
    } catch {
      body = null;
    }
    const parsed = parser.parse({ id: row.evaluationId, revision: row.revision, hash: row.hash, body });
    if (parsed.success) items.push(parsed.data);
    else {
      const why = parsed.error.issues[0];
      unsendable.push({
        id: row.evaluationId,
        revision: row.revision,
        status: 'rejected',
        reason: `Cannot be sent: ${why ? `${why.path.join('.')}: ${why.message}` : 'invalid'}`,
      });
    }
  }
  return { items, unsendable };
}

interface BatchOutcome {
  results: PushResult[];
  /** Items the server failed on (5xx) even alone: they stay pending, the others were answered. */
  failed: { item: PushItem; error: SyncHttpError }[];
}

/**
 * A 400/413 for a whole batch means one item the server cannot read (or a batch too large): send the items one by
 * one, so a single bad item is refused on its own. A 5xx may be one value the server's database chokes on: the
 * batch is halved until the item that fails is alone, so it can never hold back the others. A network fault or a
 * 429 is the server's state, not an item's, and fails the batch as it is.
 */
async function pushBatch(http: SyncHttp, items: PushItem[]): Promise<BatchOutcome> {
  try {
    return { results: (await http.push(items)).results, failed: [] };
  } catch (error) {
    if (!(error instanceof SyncHttpError) || error.status === undefined) throw error;
    // The server stored the rest and asks for the batch again later (a revision came before the one it follows).
    if (error.code === 'revisions_pending') throw error;
    if (error.status === 400 || error.status === 413) {
      if (items.length === 1) {
        const [item] = items;
        return {
          results: [
            { id: item.id, revision: item.revision, status: 'rejected', code: 'invalid', reason: error.message },
          ],
          failed: [],
        };
      }
      const outcome: BatchOutcome = { results: [], failed: [] };
      for (const item of items) merge(outcome, await pushBatch(http, [item]));
      return outcome;
    }
    if (error.status >= 500) {
      if (items.length === 1) return { results: [], failed: [{ item: items[0], error }] };
      const half = Math.ceil(items.length / 2);
      const outcome = await pushBatch(http, items.slice(0, half));
      return merge(outcome, await pushBatch(http, items.slice(half)));
    }
    throw error;
  }
}

function merge(into: BatchOutcome, add: BatchOutcome): BatchOutcome {
  into.results.push(...add.results);
  into.failed.push(...add.failed);
  return into;
}

/** Sends every pending outbox row; throws the first failure once the batches already sent have settled. */
export async function pushOutbox(
  repo: SyncRepository,
  http: SyncHttp,
  batchSize: number,
  counts: PushCounts,
): Promise<void> {
  const sending = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let afterId = 0;

  const send = async (rows: OutboxRow[], items: PushItem[]) => {
    try {
      const outcome = await pushBatch(http, items);
      const applied = repo.applyPushResults(outcome.results);
      counts.pushed += applied.acked;
      counts.rejected += applied.rejected;
      if (outcome.failed.length) {
        const failedKeys = new Set(outcome.failed.map((f) => `${f.item.id}#${f.item.revision}`));
        const error = outcome.failed[0].error;
        repo.markFailed(
          rows.filter((r) => failedKeys.has(`${r.evaluationId}#${r.revision}`)).map((r) => r.id),
          error.message,
        );
        failure ??= { error };
      }
    } catch (error) {
      if (error instanceof SyncHttpError && error.transient) {
        repo.markFailed(
          rows.map((r) => r.id),
          error.message,
        );
      }
      failure ??= { error };
    }
  };

  while (!failure) {
    const rows = repo.pending(batchSize, afterId);
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
    const { items, unsendable } = prepare(rows);
    if (unsendable.length) counts.rejected += repo.applyPushResults(unsendable).rejected;
    if (items.length === 0) continue;
    // A re-score must reach head office after the revision it follows: a batch holding one waits for the batches
    // already on their way (re-scores are few, so the two-in-flight pipeline is kept for everything else).
    if (items.some((i) => i.revision > 1)) await Promise.all(sending);
    if (failure) break;
    const request = send(rows, items).finally(() => sending.delete(request));
    sending.add(request);
    if (sending.size >= inFlightLimit) await Promise.race(sending);
  }
  await Promise.all(sending);
  if (failure) throw (failure as { error: unknown }).error;
}
