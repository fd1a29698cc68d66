/**
 * Calibration changes of a pull page, in server version order, limited in SQL to what the token may see:
 * - a session: to head office, its creator, and the inspectors invited (without the references until it closed);
 * - a score: to head office, the session's creator, the inspector who gave it, and — once the session has closed —
 *   to every inspector who scored in the session (blind until then: nobody sees another's score while scoring).
 */
import type { CalibrationCall, CalibrationSession } from '../shared/calibration';
import type { Principal } from './auth';
import type { Queryable } from './db';
import { asciiJson } from './evaluations';

export interface VersionedJson {
  v: string;
  json: string;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface SessionRow {
  v: string;
  id: string;
  name: string;
  created_by: string;
  creator_name: string;
  deadline: string;
  closed_at: string | null;
  received_at: string;
  session_json: string;
  inspectors_json: string;
}

interface ScoreRow {
  v: string;
  id: string;
  session_id: string;
  call_sha256: string;
  inspector_id: string;
  inspector_name: string;
  hash: string;
  received_at: string;
  body_json: string;
}

export async function calibrationChanges(
  db: Queryable,
  who: Principal,
  since: string,
  limit: number,
): Promise<VersionedJson[]> {
  const all = who.role === 'head_office';
  const [sessions, scores] = await Promise.all([
    db.query<SessionRow>(
      `SELECT s.version::text AS v, s.id, s.name, s.created_by, c.name AS creator_name, ${iso('s.deadline')} AS deadline,
              CASE WHEN s.closed_at IS NULL THEN NULL ELSE ${iso('s.closed_at')} END AS closed_at,
              ${iso('s.received_at')} AS received_at, s.session_json,
              COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.id)
                          FROM calibration_invites i JOIN inspectors u ON u.id = i.inspector_id
                         WHERE i.session_id = s.id), '[]'::json)::text AS inspectors_json
         FROM calibration_sessions s JOIN inspectors c ON c.id = s.created_by
        WHERE s.version > $1::bigint
          AND ($3::boolean OR s.created_by = $4
               OR EXISTS (SELECT 1 FROM calibration_invites i WHERE i.session_id = s.id AND i.inspector_id = $4))
        ORDER BY s.version LIMIT $2`,
      [since, limit, all, who.inspectorId],
    ),
    db.query<ScoreRow>(
      `SELECT c.version::text AS v, c.id, c.session_id, c.call_sha256, c.inspector_id, u.name AS inspector_name, c.hash,
              ${iso('c.received_at')} AS received_at, c.body_json
         FROM calibration_scores c
         JOIN calibration_sessions s ON s.id = c.session_id
         JOIN inspectors u ON u.id = c.inspector_id
        WHERE c.version > $1::bigint
          AND ($3::boolean OR s.created_by = $4 OR c.inspector_id = $4
               OR (s.closed_at IS NOT NULL
                   AND EXISTS (SELECT 1 FROM calibration_scores m WHERE m.session_id = s.id AND m.inspector_id = $4)))
        ORDER BY c.version LIMIT $2`,
      [since, limit, all, who.inspectorId],
    ),
  ]);
  const out: VersionedJson[] = [
    ...sessions.map((r) => ({ v: r.v, json: asciiJson(sessionChangeJson(r, who)) })),
    ...scores.map((r) => ({ v: r.v, json: asciiJson(scoreChangeJson(r)) })),
  ];
  return out.sort((a, b) => (BigInt(a.v) < BigInt(b.v) ? -1 : 1)).slice(0, limit);
}

function sessionChangeJson(r: SessionRow, who: Principal): string {
  const session = JSON.parse(r.session_json) as CalibrationSession;
  // Blind scoring: an invited inspector gets the expert's answers only once the session has closed.
  const seesReferences = who.role === 'head_office' || r.created_by === who.inspectorId || r.closed_at !== null;
  const calls: CalibrationCall[] = session.calls.map((c) => (seesReferences ? c : { ...c, reference: null }));
  return JSON.stringify({
    kind: 'calibration_session',
    id: r.id,
    name: r.name,
    createdBy: { id: r.created_by, name: r.creator_name },
    scorecardId: session.scorecardId,
    scorecardVersion: session.scorecardVersion,
    deadline: r.deadline,
    closedAt: r.closed_at,
    calls,
    inspectors: JSON.parse(r.inspectors_json) as { id: string; name: string }[],
    receivedAt: r.received_at,
  });
}

function scoreChangeJson(r: ScoreRow): string {
  return `{"kind":"calibration_score","id":${JSON.stringify(r.id)},"sessionId":${JSON.stringify(r.session_id)},"sha256":${JSON.stringify(r.call_sha256)},"inspector":${JSON.stringify({ id: r.inspector_id, name: r.inspector_name })},"hash":${JSON.stringify(r.hash)},"receivedAt":${JSON.stringify(r.received_at)},"body":${r.body_json}}`;
}
