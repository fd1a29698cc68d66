/**
 * Disputes and the dispute policy in a pull page: each dispute in the puller's scope (a lead's teams, a site, head
 * office, and the inspector who scored the call) at its latest state, in server version order, as stored JSON.
 */
import type { Principal } from '../auth';
import type { Queryable } from '../db';

export interface VersionedJson {
  v: string;
  json: string;
}

function disputeScope(who: Principal): { sql: string; params: unknown[] } {
  switch (who.role) {
    case 'head_office':
      return { sql: 'TRUE', params: [] };
    case 'lead':
      return { sql: 'd.team_id = ANY($3::text[])', params: [who.teams] };
    case 'site':
      return { sql: 'd.site = $3::text', params: [who.site] };
    case 'inspector':
      return { sql: 'd.inspector_id = $3::text', params: [who.inspectorId] };
  }
}

export async function disputeChanges(
  db: Queryable,
  who: Principal,
  since: string,
  limit: number,
): Promise<VersionedJson[]> {
  const scope = disputeScope(who);
  const rows = await db.query<{ v: string; kind: string; json: string }>(
    `SELECT * FROM (
       SELECT d.version, d.version::text AS v, 'dispute' AS kind, d.state_json AS json
         FROM disputes d WHERE d.version > $1::bigint AND ${scope.sql}
       UNION ALL
       SELECT p.version, p.version::text, 'dispute_policy',
              json_build_object('windowDays', p.window_days, 'monthlyLimit', p.monthly_limit)::text
         FROM dispute_policy p WHERE p.version > $1::bigint
     ) changes ORDER BY version LIMIT $2`,
    [since, limit, ...scope.params],
  );
  // The kind goes in front of the stored object, which is spliced in as it is (no parse, no stringify).
  return rows.map((r) => ({ v: r.v, json: `{"kind":${JSON.stringify(r.kind)},${r.json.slice(1)}` }));
}
