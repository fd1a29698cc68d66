/**
 * Storing dispute steps. Each step is judged in its own transaction, under a lock on its evaluation (so two devices
 * deciding one dispute at once, or two leads filing on one evaluation, are ordered by the server), against what the
 * server holds, at the database's clock: shared/disputes.ts reduceDispute decides, this file only reads and writes.
 */
import { canonicalJson, type Answers } from '../../shared/evaluation';
import {
  disputeStepSchema,
  type DisputePolicy,
  type DisputeRefusalCode,
  type DisputeState,
  type DisputeStep,
  type DisputeStepResult,
} from '../../shared/disputes';
import { centreMonth, reduceDispute, type DisputedEvaluation } from '../../shared/dispute-rules';
import { scorecardDraftDefinitionSchema } from '../../shared/scorecard';
import { audit, type Principal } from '../auth';
import type { Db, Queryable } from '../db';
import { asciiJson } from '../evaluations';
import { reserveVersions } from '../versions';

const refused = (id: string, code: DisputeRefusalCode, reason: string): DisputeStepResult => ({
  id,
  status: 'rejected',
  code,
  reason,
});

export async function disputePolicy(db: Queryable): Promise<DisputePolicy> {
  const [row] = await db.query<{ window_days: number; monthly_limit: number }>(
    'SELECT window_days, monthly_limit FROM dispute_policy WHERE id = 1',
  );
  return { windowDays: Number(row.window_days), monthlyLimit: Number(row.monthly_limit) };
}

async function evaluationOf(tx: Queryable, id: string): Promise<DisputedEvaluation | null> {
  const [row] = await tx.query<{
    revision: number;
    inspector_id: string;
    inspector_name: string;
    team_id: string | null;
    site: string | null;
    agent_no: string | null;
    agent_name: string | null;
    scorecard_id: string;
    scorecard_version: number;
    body_json: string;
    received_at: string;
    definition_json: string;
  }>(
    `SELECT l.revision, l.inspector_id, i.name AS inspector_name, l.team_id, l.site, l.agent_no, l.agent_name,
            l.scorecard_id, l.scorecard_version, r.body_json, c.definition_json,
            to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at
       FROM evaluation_latest l
       JOIN evaluation_revisions r ON r.evaluation_id = l.evaluation_id AND r.revision = l.revision
       JOIN inspectors i ON i.id = l.inspector_id
       JOIN scorecards c ON c.id = l.scorecard_id AND c.version = l.scorecard_version
      WHERE l.evaluation_id = $1`,
    [id],
  );
  if (!row) return null;
  const body = JSON.parse(row.body_json) as { answers: Answers };
  return {
    id,
    revision: Number(row.revision),
    answers: body.answers,
    card: scorecardDraftDefinitionSchema.parse(JSON.parse(row.definition_json)),
    scorecardId: row.scorecard_id,
    scorecardVersion: Number(row.scorecard_version),
    agentNo: row.agent_no,
    agentName: row.agent_name,
    teamId: row.team_id,
    site: row.site,
    inspectorId: row.inspector_id,
    inspectorName: row.inspector_name,
    receivedAt: row.received_at,
  };
}

async function stateBy(tx: Queryable, column: 'id' | 'evaluation_id', value: string): Promise<DisputeState | null> {
  const [row] = await tx.query<{ state_json: string }>(
    `SELECT state_json FROM disputes WHERE ${column} = $1 FOR UPDATE`,
    [value],
  );
  return row ? (JSON.parse(row.state_json) as DisputeState) : null;
}

async function judge(tx: Queryable, who: Principal, step: DisputeStep, json: string): Promise<DisputeStepResult> {
  const [seen] = await tx.query<{ step_json: string }>('SELECT step_json FROM dispute_steps WHERE id = $1', [step.id]);
  if (seen) {
    return seen.step_json === json
      ? { id: step.id, status: 'duplicate' }
      : refused(step.id, 'step_conflict', 'A different step was already received under this id.');
  }
  let evaluationId: string;
  let state: DisputeState | null;
  if (step.kind === 'file' || step.kind === 'acknowledge') {
    evaluationId = step.evaluationId;
    // Two leads filing on one evaluation at once: the second waits and finds the first's dispute.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('dispute:' || $1))", [evaluationId]);
    state = await stateBy(tx, 'evaluation_id', evaluationId);
  } else {
    state = await stateBy(tx, 'id', step.disputeId);
    if (!state) return refused(step.id, 'dispute_unknown', 'Head office holds no such dispute.');
    evaluationId = state.evaluationId;
  }
  const evaluation = await evaluationOf(tx, evaluationId);
  const [clock] = await tx.query<{ at: string }>(
    `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  const at = clock.at;
  let filedThisMonth = 0;
  if (step.kind === 'file' && evaluation?.agentNo) {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('dispute-agent:' || $1))", [evaluation.agentNo]);
    const [count] = await tx.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM disputes WHERE agent_no = $1 AND filed_month = $2 AND status <> 'acknowledged'",
      [evaluation.agentNo, centreMonth(at)],
    );
    filedThisMonth = Number(count.n);
  }
  const outcome = reduceDispute(state, step, {
    actor: { userId: who.inspectorId, name: who.name, role: who.role, teams: who.teams, site: who.site },
    at,
    checkClock: true,
    policy: await disputePolicy(tx),
    evaluation,
    filedThisMonth,
  });
  if (!outcome.ok) return refused(step.id, outcome.code, outcome.reason);
  const next = outcome.state;
  const [version] = [await reserveVersions(tx, 1)];
  await tx.query(
    `INSERT INTO disputes (id, evaluation_id, agent_no, team_id, site, inspector_id, status, filed_month, state_json,
                           version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, state_json = excluded.state_json,
       version = excluded.version`,
    [
      next.id,
      next.evaluationId,
      next.agentNo,
      next.teamId,
      next.site,
      next.inspectorId,
      next.status,
      centreMonth(next.filedAt),
      asciiJson(canonicalJson(next)),
      version,
    ],
  );
  await tx.query('INSERT INTO dispute_steps (id, dispute_id, kind, user_id, step_json) VALUES ($1, $2, $3, $4, $5)', [
    step.id,
    next.id,
    step.kind,
    who.inspectorId,
    json,
  ]);
  return { id: step.id, status: 'stored' };
}

/** A result per step, in order; each stored (or refused) on its own, so one bad step never holds back the rest. */
export async function ingestDisputeSteps(db: Db, who: Principal, raw: unknown[]): Promise<DisputeStepResult[]> {
  const results: DisputeStepResult[] = [];
  for (const value of raw) {
    const parsed = disputeStepSchema.safeParse(value);
    if (!parsed.success) {
      const id = typeof (value as { id?: unknown })?.id === 'string' ? String((value as { id: string }).id) : '';
      const issue = parsed.error.issues[0];
      results.push(refused(id.slice(0, 100), 'invalid', `Invalid step: ${issue?.path.join('.')}: ${issue?.message}`));
      continue;
    }
    const step = parsed.data;
    const json = canonicalJson(step);
    const result = await db.transaction(async (tx) => {
      const r = await judge(tx, who, step, json);
      await audit(tx, who.inspectorId, `dispute.${step.kind}`, { step: step.id, ...r }, who.tokenId);
      return r;
    });
    results.push(result);
  }
  return results;
}

/** What `server:admin set-dispute-policy` writes: a new version, so every app pulls it. */
export async function setDisputePolicy(tx: Queryable, policy: DisputePolicy): Promise<void> {
  const version = await reserveVersions(tx, 1);
  await tx.query('UPDATE dispute_policy SET window_days = $1, monthly_limit = $2, version = $3 WHERE id = 1', [
    policy.windowDays,
    policy.monthlyLimit,
    version,
  ]);
}
