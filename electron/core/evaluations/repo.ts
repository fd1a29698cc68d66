import type { Database } from 'better-sqlite3';
import type {
  DraftView,
  EvaluationSummary,
  RecordingSummary,
  RevisionView,
} from '../../../shared/contracts/evaluations';
import { evaluationDraftStateSchema } from '../../../shared/contracts/evaluations';
import type { EvaluationRevision } from '../../../shared/evaluation';
import type { ContactChannel } from '../../../shared/channels';
import { maskPhone } from '../../../shared/recording';
import { hundredths } from '../../../shared/scorecard';
import type { ScoreResult } from '../../../shared/scoring';

interface RecordingRow {
  id: string;
  file_name: string;
  agent_no: string | null;
  agent_name: string | null;
  started_at: string | null;
  duration_ms: number;
  category: string | null;
  call_id: string | null;
  caller_number: string | null;
  channels: number;
  sample_rate: number;
  format: string;
  channel: ContactChannel;
}

export interface EvaluationRow {
  id: string;
  recording_id: string;
  agent_no: string | null;
  agent_name: string | null;
  scorecard_id: string;
  scorecard_version: number;
  status: 'draft' | 'submitted';
  revision: number;
  total_x100: number | null;
  uncapped_total_x100: number | null;
  critical_failed: number | null;
  sections_json: string | null;
  call_started_at: string | null;
  file_name: string;
  category: string | null;
  submitted_at: string | null;
  updated_at: string;
  has_draft: number;
}

export interface ListFilter {
  from?: string;
  to?: string;
  agentNo?: string;
  status?: 'draft' | 'submitted';
  limit?: number;
}

const x100 = (h: number | null): number | null => (h === null ? null : h / 100);

export function toSummary(row: EvaluationRow): EvaluationSummary {
  const sections = row.sections_json ? (JSON.parse(row.sections_json) as Record<string, number | null>) : {};
  return {
    id: row.id,
    recordingId: row.recording_id,
    agentNo: row.agent_no,
    agentName: row.agent_name,
    scorecardId: row.scorecard_id,
    scorecardVersion: row.scorecard_version,
    status: row.status,
    revision: row.revision,
    total: x100(row.total_x100),
    uncappedTotal: x100(row.uncapped_total_x100),
    criticalFailed: row.critical_failed === null ? null : row.critical_failed === 1,
    sections,
    callStartedAt: row.call_started_at,
    fileName: row.file_name,
    category: row.category,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    hasDraft: row.has_draft === 1,
  };
}

// Section scores are read from the current revision's body (the scores computeScore gave, as head office got
// them), so a list of evaluations is one query, not one per row.
const selectEvaluation = `
  SELECT e.id, e.recording_id, e.agent_no, a.name AS agent_name, e.scorecard_id, e.scorecard_version, e.status,
         e.revision, e.total_x100, e.uncapped_total_x100, e.critical_failed,
         (SELECT json_extract(v.body_json, '$.sections') FROM evaluation_revisions v
           WHERE v.evaluation_id = e.id AND v.revision = e.revision) AS sections_json,
         r.started_at AS call_started_at, r.file_name, r.category, e.submitted_at, e.updated_at,
         EXISTS (SELECT 1 FROM evaluation_drafts d WHERE d.evaluation_id = e.id) AS has_draft
  FROM evaluations e
  JOIN recordings r ON r.id = e.recording_id
  LEFT JOIN agents a ON a.agent_no = e.agent_no`;

/** Evaluations, their drafts, submitted revisions and the sync outbox. */
export class EvaluationRepository {
  private readonly stmts;

  constructor(private readonly db: Database) {
    this.stmts = {
      recording: db.prepare<[string], RecordingRow>(
        `SELECT r.id, r.file_name, r.agent_no, a.name AS agent_name, r.started_at, r.duration_ms, r.category,
                r.call_id, r.caller_number, r.channels, r.sample_rate, r.format, r.channel
         FROM recordings r LEFT JOIN agents a ON a.agent_no = r.agent_no WHERE r.id = ?`,
      ),
      byRecording: db.prepare<[string], EvaluationRow>(`${selectEvaluation} WHERE e.recording_id = ?`),
      byId: db.prepare<[string], EvaluationRow>(`${selectEvaluation} WHERE e.id = ?`),
      insertEvaluation: db.prepare<[string, string, string | null, string, number]>(
        `INSERT INTO evaluations (id, recording_id, agent_no, scorecard_id, scorecard_version, status)
         VALUES (?, ?, ?, ?, ?, 'draft')`,
      ),
      setDraftCard: db.prepare<[string, number, string]>(
        `UPDATE evaluations SET scorecard_id = ?, scorecard_version = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ? AND status = 'draft'`,
      ),
      touch: db.prepare<[string]>(
        `UPDATE evaluations SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      ),
      upsertDraft: db.prepare<[string, number, string, string]>(
        `INSERT INTO evaluation_drafts (evaluation_id, base_revision, state_json, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (evaluation_id) DO UPDATE SET base_revision = excluded.base_revision,
           state_json = excluded.state_json, saved_at = excluded.saved_at`,
      ),
      draft: db.prepare<[string], { state_json: string; saved_at: string; base_revision: number }>(
        'SELECT state_json, saved_at, base_revision FROM evaluation_drafts WHERE evaluation_id = ?',
      ),
      deleteDraft: db.prepare<[string]>('DELETE FROM evaluation_drafts WHERE evaluation_id = ?'),
      deleteDraftEvaluation: db.prepare<[string]>(`DELETE FROM evaluations WHERE id = ? AND status = 'draft'`),
      insertRevision: db.prepare<[string, number, string | null, number, string, string, string]>(
        `INSERT INTO evaluation_revisions (evaluation_id, revision, reason, total_x100, submitted_at, hash, body_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      markSubmitted: db.prepare<[number, number, number, number, string | null, string, string, string]>(
        `UPDATE evaluations SET status = 'submitted', revision = ?, total_x100 = ?, uncapped_total_x100 = ?,
           critical_failed = ?, inspector_id = ?, submitted_at = ?,
           first_submitted_at = COALESCE(first_submitted_at, ?),
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?`,
      ),
      insertOutbox: db.prepare<[string, number, string, string]>(
        'INSERT INTO outbox (evaluation_id, revision, hash, body_json) VALUES (?, ?, ?, ?)',
      ),
      revisions: db.prepare<
        [string],
        {
          revision: number;
          reason: string | null;
          submitted_at: string;
          total_x100: number;
          hash: string;
          body_json: string;
          outbox_status: 'pending' | 'rejected' | null;
          rejected_reason: string | null;
        }
      >(
        `SELECT v.revision, v.reason, v.submitted_at, v.total_x100, v.hash, v.body_json,
                o.status AS outbox_status, o.rejected_reason
         FROM evaluation_revisions v
         LEFT JOIN outbox o ON o.evaluation_id = v.evaluation_id AND o.revision = v.revision
         WHERE v.evaluation_id = ? ORDER BY v.revision`,
      ),
    };
  }

  recording(id: string): RecordingSummary | undefined {
    const r = this.stmts.recording.get(id);
    if (!r) return undefined;
    return {
      id: r.id,
      fileName: r.file_name,
      agentNo: r.agent_no,
      agentName: r.agent_name,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      category: r.category,
      callId: r.call_id,
      callerNumber: maskPhone(r.caller_number),
      channels: r.channels,
      sampleRate: r.sample_rate,
      format: r.format,
      channel: r.channel,
    };
  }

  byRecording(recordingId: string): EvaluationRow | undefined {
    return this.stmts.byRecording.get(recordingId);
  }

  byId(id: string): EvaluationRow | undefined {
    return this.stmts.byId.get(id);
  }

  createDraftEvaluation(id: string, recordingId: string, agentNo: string | null, cardId: string, version: number) {
    this.stmts.insertEvaluation.run(id, recordingId, agentNo, cardId, version);
  }

  /** Saves the autosave state; a never-submitted evaluation follows the card version the draft uses. */
  saveDraft(evaluation: EvaluationRow, state: unknown, savedAt: string, cardId: string, version: number): void {
    this.db.transaction(() => {
      if (evaluation.status === 'draft') this.stmts.setDraftCard.run(cardId, version, evaluation.id);
      else this.stmts.touch.run(evaluation.id);
      this.stmts.upsertDraft.run(evaluation.id, evaluation.revision, JSON.stringify(state), savedAt);
    })();
  }

  draft(evaluationId: string): DraftView | null {
    const row = this.stmts.draft.get(evaluationId);
    if (!row) return null;
    return {
      state: evaluationDraftStateSchema.parse(JSON.parse(row.state_json)),
      savedAt: row.saved_at,
      baseRevision: row.base_revision,
    };
  }

  /** Drops the draft; an evaluation that was never submitted goes with it. */
  discardDraft(evaluationId: string): boolean {
    return this.db.transaction(() => {
      const deleted = this.stmts.deleteDraft.run(evaluationId).changes > 0;
      this.stmts.deleteDraftEvaluation.run(evaluationId);
      return deleted;
    })();
  }

  /**
   * The revision, the evaluation's current totals and the outbox row for sync, all
   * in ONE transaction: a revision can never exist without its outbox row, nor the other way round.
   */
  writeRevision(body: EvaluationRevision, hash: string, result: ScoreResult): void {
    const s = this.stmts;
    this.db.transaction(() => {
      const bodyJson = JSON.stringify(body);
      s.insertRevision.run(
        body.id,
        body.revision,
        body.reason,
        hundredths(body.total),
        body.submittedAt,
        hash,
        bodyJson,
      );
      s.markSubmitted.run(
        body.revision,
        hundredths(result.total),
        hundredths(result.uncappedTotal),
        result.criticalFailed ? 1 : 0,
        body.inspectorId,
        body.submittedAt,
        body.submittedAt,
        body.id,
      );
      s.insertOutbox.run(body.id, body.revision, hash, bodyJson);
      s.deleteDraft.run(body.id);
    })();
  }

  revisions(evaluationId: string): RevisionView[] {
    return this.stmts.revisions.all(evaluationId).map((r) => ({
      revision: r.revision,
      reason: r.reason,
      submittedAt: r.submitted_at,
      total: r.total_x100 / 100,
      hash: r.hash,
      syncStatus: r.outbox_status ?? 'sent',
      rejectedReason: r.rejected_reason,
      body: JSON.parse(r.body_json) as EvaluationRevision,
    }));
  }

  list(filter: ListFilter): EvaluationSummary[] {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    // The call's date decides the month; an evaluation of a recording without a start time counts by its own date.
    const when = 'COALESCE(r.started_at, e.created_at)';
    if (filter.from) {
      where.push(`${when} >= @from`);
      params.from = filter.from;
    }
    if (filter.to) {
      // Inclusive: compare only as many characters as given, so '2025-03' or '2025-03-31' cover the whole period.
      where.push(`substr(${when}, 1, length(@to)) <= @to`);
      params.to = filter.to;
    }
    if (filter.agentNo) {
      where.push('e.agent_no = @agentNo');
      params.agentNo = filter.agentNo;
    }
    if (filter.status) {
      where.push('e.status = @status');
      params.status = filter.status;
    }
    params.limit = filter.limit ?? 5000;
    const sql = `${selectEvaluation} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${when} DESC, e.id LIMIT @limit`;
    return this.db.prepare<Record<string, string | number>, EvaluationRow>(sql).all(params).map(toSummary);
  }
}
