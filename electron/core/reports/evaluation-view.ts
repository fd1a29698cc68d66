/**
 * Any evaluation the reports hold, for reading: this app's own (its current revision) or one head office sent down.
 * A lead opens a pulled evaluation offline; where the same audio (by SHA-256) is in the local library, it plays.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { EvaluationHistoryEntry, EvaluationReadView } from '../../../shared/contracts/reports';
import type { EvaluationRevision, PulledRevision } from '../../../shared/evaluation';
import type { Identity, RevisionHistory } from '../../../shared/sync';
import { CallContextReader } from '../evaluations/call-context';
import { AppError } from '../errors';
import type { ReportStore } from './store';

interface PulledRow {
  revision: number;
  inspectorId: string;
  inspectorName: string;
  receivedAt: string;
  json: string;
}

export class EvaluationViews {
  private readonly s;
  private readonly calls: CallContextReader;

  constructor(
    db: Database,
    private readonly store: ReportStore,
    private readonly identity: () => Identity | null,
  ) {
    this.calls = new CallContextReader(db);
    this.s = {
      own: db.prepare<[string], { json: string }>(
        `SELECT v.body_json AS json FROM evaluations e
           JOIN evaluation_revisions v ON v.evaluation_id = e.id AND v.revision = e.revision
          WHERE e.id = ? AND e.status = 'submitted'`,
      ),
      ownRevisions: db.prepare<[string], { json: string }>(
        'SELECT body_json AS json FROM evaluation_revisions WHERE evaluation_id = ? ORDER BY revision',
      ),
      pulled: db.prepare<[string], PulledRow>(
        `SELECT revision, inspector_id AS inspectorId, inspector_name AS inspectorName, received_at AS receivedAt,
                body_json AS json FROM pulled_evaluations WHERE id = ?`,
      ),
      bySha: db.prepare<[string], { id: string }>('SELECT id FROM recordings WHERE sha256 = ?'),
    } satisfies Record<string, Statement>;
  }

  private withoutCard(body: EvaluationRevision): PulledRevision {
    const { scorecardDefinition: _card, ...rest } = body;
    return rest;
  }

  isOwn(id: string): boolean {
    return !!this.s.own.get(id);
  }

  view(id: string): EvaluationReadView {
    const own = this.s.own.get(id);
    if (own) {
      const body = JSON.parse(own.json) as EvaluationRevision;
      const me = this.identity();
      return {
        id,
        source: 'own',
        revision: body.revision,
        inspectorId: me?.userId ?? '',
        inspectorName: me?.name ?? '',
        receivedAt: null,
        body: this.withoutCard(body),
        scorecard: body.scorecardDefinition,
        call: body.call ?? this.calls.forRecording(body.recordingId, body.agentNo),
        notes: body.notes ?? [],
        recordingId: body.recordingId,
      };
    }
    const pulled = this.s.pulled.get(id);
    if (!pulled) throw new AppError('not_found', `Evaluation ${id} is not in this app's reports.`);
    const body = JSON.parse(pulled.json) as PulledRevision;
    const sha = body.call?.recordingSha256 ?? null;
    return {
      id,
      source: 'pulled',
      revision: pulled.revision,
      inspectorId: pulled.inspectorId,
      inspectorName: pulled.inspectorName,
      receivedAt: pulled.receivedAt,
      body,
      scorecard: this.store.card(body.scorecardId, body.scorecardVersion).definition,
      call: body.call ?? null,
      notes: body.notes ?? [],
      recordingId: sha ? (this.s.bySha.get(sha)?.id ?? null) : null,
    };
  }

  /** This app's own revisions, oldest first (null when the evaluation is not its own). */
  ownHistory(id: string): EvaluationHistoryEntry[] | null {
    if (!this.isOwn(id)) return null;
    const me = this.identity();
    return this.s.ownRevisions.all(id).map((r) => {
      const body = JSON.parse(r.json) as EvaluationRevision;
      return {
        revision: body.revision,
        reason: body.reason,
        submittedAt: body.submittedAt,
        total: body.total,
        inspectorName: me?.name ?? '',
        body: this.withoutCard(body),
      };
    });
  }
}

export function historyEntries(history: RevisionHistory): EvaluationHistoryEntry[] {
  return history.revisions.map((c) => ({
    revision: c.revision,
    reason: c.body.reason,
    submittedAt: c.body.submittedAt,
    total: c.body.total,
    inspectorName: c.inspectorName,
    body: c.body,
  }));
}
