/**
 * `GET /v1/reports/graders`: grading the graders over the latest revisions in the caller's scope, with the shared
 * computation the app uses (shared/grader-math.ts). An inspector gets their own row, measured against every peer who
 * scored the same agents in the same months (the only figure an inspector's app cannot compute alone).
 */
import { z } from 'zod';
import type { CalibrationSession } from '../shared/calibration';
import { calibrationResults, scoreInput } from '../shared/calibration-math';
import type { PulledRevision } from '../shared/evaluation';
import { driftWindow, graderReport, type GraderAlignment, type GraderEvaluation } from '../shared/grader-math';
import { lastDay, periodBoundSchema, resolvePeriod } from '../shared/report';
import type { ScorecardDefinition } from '../shared/scorecard';
import { safeText } from '../shared/text';
import type { Principal } from './auth';
import type { Queryable } from './db';
import { evaluationScope } from './scope';

export const gradersQuerySchema = z
  .object({
    from: periodBoundSchema,
    to: periodBoundSchema,
    teamId: safeText(100, 1).optional(),
    site: safeText(200, 1).optional(),
    driftPoints: z.coerce.number().min(0.5).max(50).default(5),
    driftMonths: z.coerce.number().int().min(1).max(12).default(2),
  })
  .strict();
export type GradersQuery = z.infer<typeof gradersQuerySchema>;

interface Row {
  inspector_id: string;
  name: string;
  agent_no: string;
  month: string;
  total_x100: number;
  active_seconds: number | null;
  played_ms: number | null;
  duration_ms: number | null;
}

async function evaluationsIn(db: Queryable, who: Principal, q: GradersQuery, from: string, to: string) {
  const scope = evaluationScope(who, 'l', 6);
  // An inspector's scope holds no one's evaluations: strictness needs the peers on the agents they scored.
  const visible =
    who.role === 'inspector'
      ? `l.agent_no IN (SELECT m.agent_no FROM evaluation_latest m
                         WHERE m.inspector_id = $5 AND m.call_day BETWEEN $1::date AND $2::date)`
      : scope.sql;
  const rows = await db.query<Row>(
    `SELECT l.inspector_id, i.name, l.agent_no, to_char(l.call_day, 'YYYY-MM') AS month, l.total_x100,
            (l.change_json::jsonb #>> '{body,work,activeSeconds}')::integer AS active_seconds,
            (l.change_json::jsonb #>> '{body,work,playedMs}')::integer AS played_ms,
            (l.change_json::jsonb #>> '{body,call,durationMs}')::integer AS duration_ms
       FROM evaluation_latest l JOIN inspectors i ON i.id = l.inspector_id
      WHERE l.call_day BETWEEN $1::date AND $2::date AND l.agent_no IS NOT NULL
        AND ($3::text IS NULL OR l.team_id = $3::text) AND ($4::text IS NULL OR l.site = $4::text)
        AND ($5::text IS NOT NULL) AND ${visible}`, // $5 typed in both forms of the query
    [from, to, q.teamId ?? null, q.site ?? null, who.inspectorId, ...(who.role === 'inspector' ? [] : scope.params)],
  );
  return rows.map((r): GraderEvaluation => ({
    inspectorId: r.inspector_id,
    inspectorName: r.name,
    agentNo: r.agent_no,
    month: r.month,
    totalX100: Number(r.total_x100),
    activeSeconds: r.active_seconds === null ? null : Number(r.active_seconds),
    playedMs: r.played_ms === null ? null : Number(r.played_ms),
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
  }));
}

/** Alignments in the sessions that closed in the period (head office's clock, the centre's day). */
async function alignmentsIn(db: Queryable, who: Principal, from: string, to: string): Promise<GraderAlignment[]> {
  const sessions = await db.query<{ id: string; session_json: string; definition_json: string }>(
    `SELECT s.id, s.session_json, c.definition_json FROM calibration_sessions s
       JOIN scorecards c ON c.id = s.scorecard_id AND c.version = s.scorecard_version
      WHERE ((s.closed_at AT TIME ZONE 'UTC') + interval '480 minutes')::date BETWEEN $1::date AND $2::date
        AND ($3::boolean OR s.created_by = $4
             OR EXISTS (SELECT 1 FROM calibration_invites i WHERE i.session_id = s.id AND i.inspector_id = $4))`,
    [from, to, who.role === 'head_office', who.inspectorId],
  );
  if (!sessions.length) return [];
  const scores = await db.query<{
    session_id: string;
    inspector_id: string;
    name: string;
    call_sha256: string;
    body_json: string;
  }>(
    `SELECT c.session_id, c.inspector_id, u.name, c.call_sha256, c.body_json FROM calibration_scores c
       JOIN inspectors u ON u.id = c.inspector_id WHERE c.session_id = ANY($1::text[])`,
    [sessions.map((s) => s.id)],
  );
  const out: GraderAlignment[] = [];
  for (const s of sessions) {
    const session = JSON.parse(s.session_json) as CalibrationSession;
    const results = calibrationResults(
      JSON.parse(s.definition_json) as ScorecardDefinition,
      session.calls,
      scores
        .filter((x) => x.session_id === s.id)
        .map((x) =>
          scoreInput({ id: x.inspector_id, name: x.name }, x.call_sha256, JSON.parse(x.body_json) as PulledRevision),
        ),
    );
    for (const i of results.inspectors) {
      if (i.alignment !== null) out.push({ inspectorId: i.inspectorId, inspectorName: i.name, alignment: i.alignment });
    }
  }
  return out;
}

export async function gradersReport(db: Queryable, who: Principal, q: GradersQuery) {
  const period = resolvePeriod(q.from, q.to);
  const window = driftWindow(period.to, q.driftMonths);
  const [evaluations, recent, alignments] = await Promise.all([
    evaluationsIn(db, who, q, period.from, period.to),
    evaluationsIn(db, who, q, `${window[0]}-01`, lastDay(window[window.length - 1])),
    alignmentsIn(db, who, period.from, period.to),
  ]);
  return graderReport(evaluations, recent, alignments, {
    from: period.from,
    to: period.to,
    driftPoints: q.driftPoints,
    driftMonths: q.driftMonths,
    ...(who.role === 'inspector' ? { only: who.inspectorId } : {}),
  });
}
