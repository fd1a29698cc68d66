/**
 * All of calibration's SQL in the app (migration 013): sessions, this app's own calibration evaluations, every score
 * held, and the calibration outbox. Nothing here touches evaluations or the report store.
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  calibrationRefusals,
  type CalibrationPushItem,
  type CalibrationPushResult,
  type CalibrationRefusal,
  type CalibrationScoreChange,
  type CalibrationSessionChange,
} from '../../../shared/calibration';
import type { EvaluationRevision, PulledRevision } from '../../../shared/evaluation';

/** A session as this app keeps it: the pulled change's shape, whoever made it (receivedAt null until acknowledged). */
export type SessionRecord = Omit<CalibrationSessionChange, 'kind' | 'receivedAt'> & { receivedAt: string | null };

export interface SessionRow {
  record: SessionRecord;
  source: 'local' | 'server';
}

export interface OwnEvaluationRow {
  id: string;
  session_id: string;
  sha256: string;
  recording_id: string;
  status: 'draft' | 'submitted';
  draft_json: string | null;
  draft_saved_at: string | null;
  body_json: string | null;
  hash: string | null;
  submitted_at: string | null;
  updated_at: string;
}

export interface ScoreRow {
  id: string;
  sha256: string;
  inspectorId: string;
  inspectorName: string;
  source: 'own' | 'pulled';
  body: PulledRevision;
}

export interface OutboxItem {
  id: number;
  kind: CalibrationPushItem['kind'];
  itemId: string;
  payload: CalibrationPushItem;
}

export interface OutboxState {
  kind: CalibrationPushItem['kind'];
  itemId: string;
  status: 'pending' | 'rejected' | 'sent';
  code: CalibrationRefusal | null;
  reason: string | null;
  sha256: string | null;
}

const known = new Set<string>(calibrationRefusals);
const asRefusal = (code: string | null): CalibrationRefusal | null =>
  code && known.has(code) ? (code as CalibrationRefusal) : null;

export class CalibrationRepository {
  private readonly s;

  constructor(private readonly db: Database) {
    const p = <P extends unknown[], R = unknown>(sql: string) => db.prepare<P, R>(sql);
    this.s = {
      session: p<[string], { json: string; source: 'local' | 'server' }>(
        'SELECT session_json AS json, source FROM calibration_sessions WHERE id = ?',
      ),
      sessions: p<[], { json: string; source: 'local' | 'server' }>(
        'SELECT session_json AS json, source FROM calibration_sessions ORDER BY deadline DESC, id',
      ),
      upsertSession: p<[string, string, string, string, string, number, string, string | null, string, string]>(
        `INSERT INTO calibration_sessions (id, name, created_by, created_by_name, scorecard_id, scorecard_version,
                                           deadline, closed_at, source, session_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, created_by = excluded.created_by,
           created_by_name = excluded.created_by_name, deadline = excluded.deadline, closed_at = excluded.closed_at,
           source = excluded.source, session_json = excluded.session_json`,
      ),
      own: p<[string, string], OwnEvaluationRow>(
        'SELECT * FROM calibration_evaluations WHERE session_id = ? AND sha256 = ?',
      ),
      ownOfSession: p<[string], OwnEvaluationRow>('SELECT * FROM calibration_evaluations WHERE session_id = ?'),
      insertOwn: p<[string, string, string, string]>(
        `INSERT INTO calibration_evaluations (id, session_id, sha256, recording_id, status) VALUES (?, ?, ?, ?, 'draft')`,
      ),
      saveDraft: p<[string, string, string, string]>(
        `UPDATE calibration_evaluations SET draft_json = ?, draft_saved_at = ?, recording_id = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ? AND status = 'draft'`,
      ),
      deleteDraft: p<[string]>(`DELETE FROM calibration_evaluations WHERE id = ? AND status = 'draft'`),
      markSubmitted: p<[string, string, string, string]>(
        `UPDATE calibration_evaluations SET status = 'submitted', body_json = ?, hash = ?, submitted_at = ?,
           draft_json = NULL, draft_saved_at = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ? AND status = 'draft'`,
      ),
      putScore: p<[string, string, string, string, string, 'own' | 'pulled', string, string | null]>(
        `INSERT INTO calibration_scores (id, session_id, sha256, inspector_id, inspector_name, source, body_json,
                                         received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET inspector_id = excluded.inspector_id, inspector_name = excluded.inspector_name,
           body_json = excluded.body_json, received_at = excluded.received_at`,
      ),
      scores: p<
        [string],
        {
          id: string;
          sha256: string;
          inspectorId: string;
          inspectorName: string;
          source: 'own' | 'pulled';
          json: string;
        }
      >(
        `SELECT id, sha256, inspector_id AS inspectorId, inspector_name AS inspectorName, source, body_json AS json
           FROM calibration_scores WHERE session_id = ? ORDER BY inspector_id, sha256`,
      ),
      enqueue: p<[string, string, string, string]>(
        `INSERT INTO calibration_outbox (kind, item_id, session_id, payload_json) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, item_id) DO NOTHING`,
      ),
      pending: p<[number], { id: number; kind: CalibrationPushItem['kind']; itemId: string; json: string }>(
        `SELECT id, kind, item_id AS itemId, payload_json AS json FROM calibration_outbox
          WHERE status = 'pending' ORDER BY id LIMIT ?`,
      ),
      pendingCount: p<[], { n: number }>("SELECT count(*) AS n FROM calibration_outbox WHERE status = 'pending'"),
      result: p<[string, string | null, string | null, string, string]>(
        `UPDATE calibration_outbox SET status = ?, code = ?, reason = ?, attempts = attempts + 1, last_error = NULL
          WHERE kind = ? AND item_id = ? AND status = 'pending'`,
      ),
      failed: p<[string, number]>(
        "UPDATE calibration_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'",
      ),
      requeue: p<[string]>(
        "UPDATE calibration_outbox SET status = 'pending', code = NULL, reason = NULL WHERE session_id = ? AND status = 'rejected'",
      ),
      states: p<
        [string],
        {
          kind: CalibrationPushItem['kind'];
          itemId: string;
          status: OutboxState['status'];
          code: string | null;
          reason: string | null;
          json: string;
        }
      >(
        `SELECT kind, item_id AS itemId, status, code, reason, payload_json AS json FROM calibration_outbox
          WHERE session_id = ? ORDER BY id`,
      ),
      recordingBySha: p<[string], { id: string; fileName: string }>(
        'SELECT id, file_name AS fileName FROM recordings WHERE sha256 = ? ORDER BY imported_at, id LIMIT 1',
      ),
    } satisfies Record<string, Statement>;
  }

  session(id: string): SessionRow | null {
    const row = this.s.session.get(id);
    return row ? { record: JSON.parse(row.json) as SessionRecord, source: row.source } : null;
  }

  sessions(): SessionRow[] {
    return this.s.sessions.all().map((r) => ({ record: JSON.parse(r.json) as SessionRecord, source: r.source }));
  }

  putSession(record: SessionRecord, source: 'local' | 'server'): void {
    this.s.upsertSession.run(
      record.id,
      record.name,
      record.createdBy.id,
      record.createdBy.name,
      record.scorecardId,
      record.scorecardVersion,
      record.deadline,
      record.closedAt,
      source,
      JSON.stringify(record),
    );
  }

  /** A session head office sent down (or its newer state: closed, references shown). */
  putPulledSession(change: CalibrationSessionChange): void {
    const { kind: _kind, ...record } = change;
    this.putSession(record, 'server');
  }

  putPulledScore(change: CalibrationScoreChange): void {
    this.s.putScore.run(
      change.id,
      change.sessionId,
      change.sha256,
      change.inspector.id,
      change.inspector.name,
      'pulled',
      JSON.stringify(change.body),
      change.receivedAt,
    );
  }

  scores(sessionId: string): ScoreRow[] {
    return this.s.scores.all(sessionId).map(({ json, ...r }) => ({ ...r, body: JSON.parse(json) as PulledRevision }));
  }

  own(sessionId: string, sha256: string): OwnEvaluationRow | undefined {
    return this.s.own.get(sessionId, sha256);
  }

  ownOfSession(sessionId: string): OwnEvaluationRow[] {
    return this.s.ownOfSession.all(sessionId);
  }

  saveDraft(id: string, sessionId: string, sha256: string, recordingId: string, state: unknown, savedAt: string): void {
    this.db.transaction(() => {
      if (!this.s.own.get(sessionId, sha256)) this.s.insertOwn.run(id, sessionId, sha256, recordingId);
      this.s.saveDraft.run(JSON.stringify(state), savedAt, recordingId, this.s.own.get(sessionId, sha256)!.id);
    })();
  }

  discardDraft(id: string): boolean {
    return this.s.deleteDraft.run(id).changes > 0;
  }

  /** The score, this app's copy of it, and its outbox row: one transaction. */
  submit(
    row: { id: string; sessionId: string; sha256: string; recordingId: string },
    body: EvaluationRevision,
    hash: string,
    inspector: { id: string; name: string },
  ): void {
    this.db.transaction(() => {
      if (!this.s.own.get(row.sessionId, row.sha256)) {
        this.s.insertOwn.run(row.id, row.sessionId, row.sha256, row.recordingId);
      }
      this.s.markSubmitted.run(JSON.stringify(body), hash, body.submittedAt, row.id);
      const { scorecardDefinition: _card, ...pulled } = body;
      this.s.putScore.run(
        body.id,
        row.sessionId,
        row.sha256,
        inspector.id,
        inspector.name,
        'own',
        JSON.stringify(pulled),
        null,
      );
      this.enqueue({ kind: 'score', id: body.id, hash, body }, row.sessionId);
    })();
  }

  enqueue(item: CalibrationPushItem, sessionId: string): void {
    this.s.enqueue.run(item.kind, item.id, sessionId, JSON.stringify(item));
  }

  pending(limit: number): OutboxItem[] {
    return this.s.pending
      .all(limit)
      .map((r) => ({ id: r.id, kind: r.kind, itemId: r.itemId, payload: JSON.parse(r.json) as CalibrationPushItem }));
  }

  pendingCount(): number {
    return this.s.pendingCount.get()!.n;
  }

  applyResults(results: CalibrationPushResult[]): void {
    this.db.transaction(() => {
      for (const r of results) {
        const ok = r.status === 'stored' || r.status === 'duplicate';
        this.s.result.run(
          ok ? 'sent' : 'rejected',
          ok ? null : (r.code ?? 'invalid'),
          ok ? null : (r.reason ?? ''),
          r.kind,
          r.id,
        );
      }
    })();
  }

  markFailed(ids: number[], error: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.s.failed.run(error, id);
    })();
  }

  requeue(sessionId: string): number {
    return this.s.requeue.run(sessionId).changes;
  }

  outboxStates(sessionId: string): OutboxState[] {
    return this.s.states.all(sessionId).map(({ json, ...r }) => {
      const item = JSON.parse(json) as CalibrationPushItem;
      return {
        ...r,
        code: asRefusal(r.code),
        sha256: item.kind === 'score' ? (item.body.call?.recordingSha256 ?? null) : null,
      };
    });
  }

  recordingOf(sha256: string): { id: string; fileName: string } | null {
    return this.s.recordingBySha.get(sha256) ?? null;
  }
}
