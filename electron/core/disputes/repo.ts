/** The SQL of disputes here (migration 012): head office's states, this app's step outbox, applied outcomes, policy. */
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from '../../../shared/evaluation';
import {
  defaultDisputePolicy,
  disputeRefusalCodes,
  type DisputePolicy,
  type DisputeRefusalCode,
  type DisputeState,
  type DisputeStep,
  type DisputeStepResult,
} from '../../../shared/disputes';

export interface StepRow {
  id: number;
  stepId: string;
  disputeId: string;
  evaluationId: string;
  kind: DisputeStep['kind'];
  step: DisputeStep;
  status: 'pending' | 'sent' | 'rejected';
  code: DisputeRefusalCode | null;
  reason: string | null;
  recordedAt: string;
}

interface RawStep {
  id: number;
  stepId: string;
  disputeId: string;
  evaluationId: string;
  kind: DisputeStep['kind'];
  json: string;
  status: 'pending' | 'sent' | 'rejected';
  code: string | null;
  reason: string | null;
  recordedAt: string;
}

const codes = new Set<string>(disputeRefusalCodes);
const toStep = (r: RawStep): StepRow => ({
  id: r.id,
  stepId: r.stepId,
  disputeId: r.disputeId,
  evaluationId: r.evaluationId,
  kind: r.kind,
  step: JSON.parse(r.json) as DisputeStep,
  status: r.status,
  code: r.code && codes.has(r.code) ? (r.code as DisputeRefusalCode) : null,
  reason: r.reason,
  recordedAt: r.recordedAt,
});

const stepColumns = `id, step_id AS stepId, dispute_id AS disputeId, evaluation_id AS evaluationId, kind,
  step_json AS json, status, code, reason, recorded_at AS recordedAt`;

export class DisputeRepository {
  private readonly s;

  constructor(private readonly db: Database) {
    this.s = {
      put: db.prepare<[string, string, string, string, string | null, string | null, string | null, string, string]>(
        `INSERT INTO disputes (id, evaluation_id, status, inspector_id, agent_no, team_id, site, filed_at, state_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, team_id = excluded.team_id, site = excluded.site,
           state_json = excluded.state_json`,
      ),
      get: db.prepare<[string], { json: string }>('SELECT state_json AS json FROM disputes WHERE id = ?'),
      byEvaluation: db.prepare<[string], { json: string }>(
        'SELECT state_json AS json FROM disputes WHERE evaluation_id = ? ORDER BY filed_at LIMIT 1',
      ),
      all: db.prepare<[], { json: string }>('SELECT state_json AS json FROM disputes ORDER BY filed_at DESC, id'),
      addStep: db.prepare<[string, string, string, string, string]>(
        `INSERT INTO dispute_outbox (step_id, dispute_id, evaluation_id, kind, step_json) VALUES (?, ?, ?, ?, ?)`,
      ),
      pending: db.prepare<[number, number], RawStep>(
        `SELECT ${stepColumns} FROM dispute_outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?`,
      ),
      stepsOf: db.prepare<[string], RawStep>(
        `SELECT ${stepColumns} FROM dispute_outbox WHERE dispute_id = ? ORDER BY id`,
      ),
      stepsOfEvaluation: db.prepare<[string], RawStep>(
        `SELECT ${stepColumns} FROM dispute_outbox WHERE evaluation_id = ? ORDER BY id`,
      ),
      allSteps: db.prepare<[], RawStep>(`SELECT ${stepColumns} FROM dispute_outbox ORDER BY id`),
      stepById: db.prepare<[string], RawStep>(`SELECT ${stepColumns} FROM dispute_outbox WHERE step_id = ?`),
      done: db.prepare<[string]>("UPDATE dispute_outbox SET status = 'sent' WHERE step_id = ? AND status = 'pending'"),
      arrived: db.prepare<[string]>(
        "DELETE FROM dispute_outbox WHERE status = 'sent' AND step_id IN (SELECT value FROM json_each(?))",
      ),
      reject: db.prepare<[string, string, string]>(
        `UPDATE dispute_outbox SET status = 'rejected', code = ?, reason = ?, attempts = attempts + 1
          WHERE step_id = ? AND status = 'pending'`,
      ),
      fail: db.prepare<[string, number]>(
        "UPDATE dispute_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'",
      ),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM dispute_outbox WHERE status = 'pending'"),
      applied: db.prepare<[string, string], { revision: number }>(
        'SELECT revision FROM dispute_applied WHERE dispute_id = ? AND stage = ?',
      ),
      appliedAny: db.prepare<[string], { revision: number }>(
        'SELECT max(revision) AS revision FROM dispute_applied WHERE dispute_id = ?',
      ),
      markApplied: db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO dispute_applied (dispute_id, stage, revision) VALUES (?, ?, ?)',
      ),
      policy: db.prepare<[], { windowDays: number; monthlyLimit: number }>(
        'SELECT window_days AS windowDays, monthly_limit AS monthlyLimit FROM dispute_policy WHERE id = 1',
      ),
      setPolicy: db.prepare<[number, number]>(
        `INSERT INTO dispute_policy (id, window_days, monthly_limit) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET window_days = excluded.window_days, monthly_limit = excluded.monthly_limit`,
      ),
    } satisfies Record<string, Statement>;
  }

  /** A state head office sent (inside the pull's transaction); the sent steps it holds leave the outbox. */
  put(state: DisputeState): void {
    this.s.arrived.run(JSON.stringify(state.history.map((h) => h.stepId)));
    this.s.put.run(
      state.id,
      state.evaluationId,
      state.status,
      state.inspectorId,
      state.agentNo,
      state.teamId,
      state.site,
      state.filedAt,
      JSON.stringify(state),
    );
  }

  get(id: string): DisputeState | null {
    const row = this.s.get.get(id);
    return row ? (JSON.parse(row.json) as DisputeState) : null;
  }

  forEvaluation(evaluationId: string): DisputeState | null {
    const row = this.s.byEvaluation.get(evaluationId);
    return row ? (JSON.parse(row.json) as DisputeState) : null;
  }

  all(): DisputeState[] {
    return this.s.all.all().map((r) => JSON.parse(r.json) as DisputeState);
  }

  addStep(step: DisputeStep, disputeId: string, evaluationId: string): void {
    this.s.addStep.run(step.id, disputeId, evaluationId, step.kind, canonicalJson(step));
  }

  pending(limit: number, afterId = 0): StepRow[] {
    return this.s.pending.all(afterId, limit).map(toStep);
  }

  stepsOf(disputeId: string): StepRow[] {
    return this.s.stepsOf.all(disputeId).map(toStep);
  }

  stepsOfEvaluation(evaluationId: string): StepRow[] {
    return this.s.stepsOfEvaluation.all(evaluationId).map(toStep);
  }

  allSteps(): StepRow[] {
    return this.s.allSteps.all().map(toStep);
  }

  step(stepId: string): StepRow | null {
    const row = this.s.stepById.get(stepId);
    return row ? toStep(row) : null;
  }

  pendingCount(): number {
    return this.s.count.get()!.n;
  }

  /** Head office's answer per step: stored or duplicate become 'sent', refused ones stay with the code. */
  applyResults(results: DisputeStepResult[]): { acked: number; rejected: number } {
    let acked = 0;
    let rejected = 0;
    this.db.transaction(() => {
      for (const r of results) {
        if (r.status === 'rejected') rejected += this.s.reject.run(r.code ?? 'invalid', r.reason ?? '', r.id).changes;
        else acked += this.s.done.run(r.id).changes;
      }
    })();
    return { acked, rejected };
  }

  markFailed(ids: number[], error: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.s.fail.run(error, id);
    })();
  }

  applied(disputeId: string, stage: 'decided' | 'arbitrated'): boolean {
    return this.s.applied.get(disputeId, stage) !== undefined;
  }

  appliedRevision(disputeId: string): number | null {
    return this.s.appliedAny.get(disputeId)?.revision ?? null;
  }

  markApplied(disputeId: string, stage: 'decided' | 'arbitrated', revision: number): void {
    this.s.markApplied.run(disputeId, stage, revision);
  }

  policy(): DisputePolicy {
    return this.s.policy.get() ?? defaultDisputePolicy;
  }

  setPolicy(policy: DisputePolicy): void {
    this.s.setPolicy.run(policy.windowDays, policy.monthlyLimit);
  }

  /** What was pulled under another scope goes (this app's own steps stay). */
  clearPulled(): void {
    this.db.prepare('DELETE FROM disputes').run();
  }
}
