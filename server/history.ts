/**
 * `GET /v1/evaluations/:id/revisions`: every revision of one evaluation, oldest first, for a caller whose scope
 * holds it, or for the inspector who owns it. Anyone else learns nothing, not even that it exists.
 */
import type { Principal } from './auth';
import type { Queryable } from './db';
import { pullChangeJson, storedChangeJson } from './evaluations';
import { evaluationScope } from './scope';

/** revisionHistorySchema as JSON text, or null when the evaluation is unknown or out of the caller's scope. */
export async function revisionHistoryJson(db: Queryable, who: Principal, id: string): Promise<string | null> {
  const scope = evaluationScope(who, 'l', 3);
  const rows = await db.query<{
    revision: number;
    hash: string;
    inspector_id: string;
    inspector_name: string;
    received_at: string;
    body_json: string;
    team_id: string | null;
    site: string | null;
  }>(
    `SELECT r.revision, r.hash, r.inspector_id, i.name AS inspector_name,
            to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
            r.body_json, l.team_id, l.site
       FROM evaluation_latest l
       JOIN evaluation_revisions r ON r.evaluation_id = l.evaluation_id
       JOIN inspectors i ON i.id = r.inspector_id
      WHERE l.evaluation_id = $1 AND (l.inspector_id = $2 OR ${scope.sql})
      ORDER BY r.revision`,
    [id, who.inspectorId, ...scope.params],
  );
  if (!rows.length) return null;
  const revisions = rows.map((r) =>
    pullChangeJson(
      storedChangeJson(
        { id, revision: Number(r.revision), hash: r.hash },
        { id: r.inspector_id, name: r.inspector_name },
        r.received_at,
        r.body_json,
      ),
      r.team_id,
      r.site,
    ),
  );
  return `{"revisions":[${revisions.join(',')}]}`;
}
