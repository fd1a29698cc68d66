/**
 * What the annex shows beyond the numbers (call time, call id, file, findings, comment, inspector), read from each
 * evaluation's own revision body: kept out of the report facts, so a range of days scans narrow rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { EvaluationRevision, PulledRevision } from '../../../shared/evaluation';
import type { Identity } from '../../../shared/sync';
import { CallContextReader } from '../evaluations/call-context';

export interface AnnexDetails {
  startedAt: string | null;
  callId: string | null;
  fileName: string;
  inspectorName: string;
  findings: string[];
  comment: string;
}

export class AnnexDetailsReader {
  private readonly own: Statement<[string, number], { json: string }>;
  private readonly pulled: Statement<[string], { json: string; inspectorName: string }>;
  private readonly calls: CallContextReader;

  constructor(
    db: Database,
    private readonly identity: () => Identity | null,
  ) {
    this.own = db.prepare(
      'SELECT body_json AS json FROM evaluation_revisions WHERE evaluation_id = ? AND revision = ?',
    );
    this.pulled = db.prepare(
      'SELECT body_json AS json, inspector_name AS inspectorName FROM pulled_evaluations WHERE id = ?',
    );
    this.calls = new CallContextReader(db);
  }

  of(row: { evaluationId: string; source: 'own' | 'pulled'; revision: number }): AnnexDetails {
    let body: EvaluationRevision | PulledRevision | null = null;
    let inspectorName = '';
    if (row.source === 'own') {
      const r = this.own.get(row.evaluationId, row.revision);
      if (r) body = JSON.parse(r.json) as EvaluationRevision;
      inspectorName = this.identity()?.name ?? '';
    } else {
      const r = this.pulled.get(row.evaluationId);
      if (r) {
        body = JSON.parse(r.json) as PulledRevision;
        inspectorName = r.inspectorName;
      }
    }
    if (!body) return { startedAt: null, callId: null, fileName: '', inspectorName, findings: [], comment: '' };
    // Revisions written before bodies carried their call: the recording as this library has it.
    const call = body.call ?? (row.source === 'own' ? this.calls.forRecording(body.recordingId, body.agentNo) : null);
    return {
      startedAt: call?.startedAt ?? null,
      callId: call?.callId ?? null,
      fileName: call?.fileName ?? '',
      inspectorName,
      findings: [...new Set(body.findings.map((f) => f.trim()).filter(Boolean))],
      comment: body.comment.trim(),
    };
  }
}
