/**
 * The work behind an evaluation: active time and the stretches of the call played, reported by the evaluate page
 * every few seconds (renderer/features/calibration/work-recorder.ts) and frozen into each revision's body at submit,
 * where head office's grader reports read it. Kept per call and per purpose: the call's own evaluation, or its
 * scoring for one calibration session.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Work } from '../../../shared/evaluation';
import { AppError } from '../errors';

export type Span = [number, number];

/** The union of spans, sorted, overlapping and touching ones joined. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Span[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export const spanLength = (spans: Span[]): number => spans.reduce((sum, [a, b]) => sum + (b - a), 0);

interface Row {
  active_ms: number;
  played_json: string;
}

export class WorkRepository {
  private readonly s: {
    get: Statement<[string, string], Row>;
    duration: Statement<[string], { duration_ms: number }>;
    upsert: Statement<[string, string, number, string]>;
  };

  constructor(private readonly db: Database) {
    this.s = {
      get: db.prepare(
        'SELECT active_ms, played_json FROM evaluation_work WHERE recording_id = ? AND calibration_id = ?',
      ),
      duration: db.prepare('SELECT duration_ms FROM recordings WHERE id = ?'),
      upsert: db.prepare(
        `INSERT INTO evaluation_work (recording_id, calibration_id, active_ms, played_json) VALUES (?, ?, ?, ?)
         ON CONFLICT (recording_id, calibration_id) DO UPDATE SET active_ms = excluded.active_ms,
           played_json = excluded.played_json, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      ),
    };
  }

  /** Adds active time and played stretches (clipped to the call); returns the totals so far. */
  record(recordingId: string, calibrationId: string | null, activeMs: number, played: Span[]): Work {
    const recording = this.s.duration.get(recordingId);
    if (!recording) throw new AppError('not_found', `Recording ${recordingId} does not exist.`);
    const key = calibrationId ?? '';
    return this.db.transaction(() => {
      const row = this.s.get.get(recordingId, key);
      const before = row ? (JSON.parse(row.played_json) as Span[]) : [];
      const clipped = played.map(([a, b]): Span => [
        Math.min(a, recording.duration_ms),
        Math.min(b, recording.duration_ms),
      ]);
      const spans = mergeSpans([...before, ...clipped]);
      const active = (row?.active_ms ?? 0) + activeMs;
      this.s.upsert.run(recordingId, key, active, JSON.stringify(spans));
      return { activeSeconds: Math.round(active / 1000), playedMs: spanLength(spans) };
    })();
  }

  /** What a revision submitted now carries; undefined when the page reported nothing (e.g. the qa command). */
  forSubmit(recordingId: string, calibrationId: string | null): Work | undefined {
    const row = this.s.get.get(recordingId, calibrationId ?? '');
    if (!row) return undefined;
    return {
      activeSeconds: Math.round(row.active_ms / 1000),
      playedMs: spanLength(JSON.parse(row.played_json) as Span[]),
    };
  }
}
