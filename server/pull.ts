import type { Change, PullPage } from '../shared/sync';
import type { Queryable } from './db';

interface ChangeRow {
  v: string;
  kind: Change['kind'];
  key: string;
  name: string | null;
  site: string | null;
  team_id: string | null;
  active: boolean | null;
  num: number | null;
  definition_json: string | null;
  published_at: string | null;
}

/** Head-office changes after `since`, in server version order; every row has its own version (see versions.ts). */
export async function pullPage(db: Queryable, since: string, limit: number): Promise<PullPage> {
  const rows = await db.query<ChangeRow>(
    `SELECT * FROM (
       SELECT version, version::text AS v, 'team' AS kind, id AS key, name, site, NULL::text AS team_id,
              NULL::boolean AS active, NULL::integer AS num, NULL::text AS definition_json, NULL::text AS published_at
         FROM teams WHERE version > $1::bigint
       UNION ALL
       SELECT version, version::text, 'agent', agent_no, name, site, team_id, active, NULL, NULL, NULL
         FROM agents WHERE version > $1::bigint
       UNION ALL
       SELECT server_version, server_version::text, 'scorecard', id, NULL, NULL, NULL, NULL, version, definition_json,
              to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         FROM scorecards WHERE server_version > $1::bigint
       UNION ALL
       SELECT version, version::text, 'sampling_target', scope, NULL, NULL, NULL, NULL, calls_per_month, NULL, NULL
         FROM sampling_targets WHERE version > $1::bigint
     ) changes
     ORDER BY version
     LIMIT $2`,
    [since, limit + 1],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes = page.map((r): Change => {
    switch (r.kind) {
      case 'team':
        return { kind: 'team', id: r.key, name: r.name ?? '', site: r.site };
      case 'agent':
        return {
          kind: 'agent',
          agentNo: r.key,
          name: r.name ?? '',
          teamId: r.team_id,
          site: r.site,
          active: !!r.active,
        };
      case 'scorecard':
        return {
          kind: 'scorecard',
          id: r.key,
          version: Number(r.num),
          definition: JSON.parse(r.definition_json ?? 'null') as never,
          publishedAt: r.published_at ?? '',
        };
      case 'sampling_target':
        return { kind: 'sampling_target', scope: r.key, callsPerMonth: Number(r.num) };
    }
  });
  return { changes, cursor: page.length ? page[page.length - 1].v : since, more };
}
