/**
 * Pushing the calibration outbox (POST /v1/calibration/push), after the evaluations in each sync run. Items go in
 * creation order, a session before its scores and its close; head office answers each one, and a refusal stays
 * visible on the session with its code. A network fault or a 5xx leaves everything pending for the next run; a 400
 * for a whole batch is retried item by item, so one bad item is refused alone.
 */
import {
  calibrationPushResponseSchema,
  MAX_CALIBRATION_PUSH,
  type CalibrationPushResult,
} from '../../../shared/calibration';
import { SyncHttpError, type SyncHttp } from '../sync/http';
import type { CalibrationRepository, OutboxItem } from './repo';

async function send(http: SyncHttp, items: OutboxItem[]): Promise<CalibrationPushResult[]> {
  try {
    const answer = await http.call('/v1/calibration/push', calibrationPushResponseSchema, {
      items: items.map((i) => i.payload),
    });
    return answer.results;
  } catch (error) {
    if (!(error instanceof SyncHttpError) || error.status !== 400) throw error;
    if (items.length === 1) {
      return [{ kind: items[0].kind, id: items[0].itemId, status: 'rejected', code: 'invalid', reason: error.message }];
    }
    const results: CalibrationPushResult[] = [];
    for (const item of items) results.push(...(await send(http, [item])));
    return results;
  }
}

export async function pushCalibration(repo: CalibrationRepository, http: SyncHttp): Promise<number> {
  let sent = 0;
  let previous = new Set<number>();
  for (;;) {
    const items = repo.pending(MAX_CALIBRATION_PUSH);
    // Done, or head office left an item unanswered: it waits for the next run instead of being sent in a loop.
    if (items.length === 0 || items.some((i) => previous.has(i.id))) return sent;
    previous = new Set(items.map((i) => i.id));
    try {
      repo.applyResults(await send(http, items));
    } catch (error) {
      if (error instanceof SyncHttpError && error.transient) {
        repo.markFailed(
          items.map((i) => i.id),
          error.message,
        );
      }
      throw error;
    }
    sent += items.length;
  }
}
