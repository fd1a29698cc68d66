/**
 * A pull page: head-office changes after the cursor, in server version order, limited to the token's scope in the
 * SQL of each query. Roster kinds are few and read as rows; evaluations are many and arrive as stored change JSON,
 * so the page is written by concatenating strings, without parsing or re-serialising a single evaluation.
 */
import type { Change, PullPage } from '../shared/sync';
import type { Principal } from './auth';
import type { Queryable } from './db';
import { disputeChanges, type VersionedJson } from './disputes/pull';
import { calibrationChanges } from './calibration-pull';
import { callbackChanges } from './callbacks';
import { asciiJson, pullChangeJson } from './evaluations';
import { narrativeChanges } from './narratives';
import { agentScope, evaluationScope, scopeKey, targetScope, teamScope } from './scope';

interface ChangeRow {
  v: string;
  kind: Extract<Change['kind'], 'team' | 'agent' | 'scorecard' | 'sampling_target'>;
  key: string;
  name: string | null;
  site: string | null;
  team_id: string | null;
  active: boolean | null;
  num: number | null;
  definition_json: string | null;
  published_at: string | null;
}

async function rosterChanges(db: Queryable, who: Principal, since: string, limit: number): Promise<ChangeRow[]> {
  // Each role's predicates take their one value as $3 (a lead's teams or a site's name).
  const teams = teamScope(who, 't', 3);
  const agents = agentScope(who, 'a', 3);
  const targets = targetScope(who, 's', 3);
  // Leads and sites have the one value; the other roles' predicates are constant and take none.
  const scopeParams = teams.params.length ? [teams.params[0]] : [];
  return db.query<ChangeRow>(
    `SELECT * FROM (
       SELECT t.version, t.version::text AS v, 'team' AS kind, t.id AS key, t.name, t.site, NULL::text AS team_id,
              NULL::boolean AS active, NULL::integer AS num, NULL::text AS definition_json, NULL::text AS published_at
         FROM teams t WHERE t.version > $1::bigint AND ${teams.sql}
       UNION ALL
       SELECT a.version, a.version::text, 'agent', a.agent_no, a.name, a.site, a.team_id, a.active, NULL, NULL, NULL
         FROM agents a WHERE a.version > $1::bigint AND ${agents.sql}
       UNION ALL
       SELECT c.server_version, c.server_version::text, 'scorecard', c.id, NULL, NULL, NULL, NULL, c.version,
              c.definition_json, to_char(c.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         FROM scorecards c WHERE c.server_version > $1::bigint
       UNION ALL
       SELECT s.version, s.version::text, 'sampling_target', s.scope, NULL, NULL, NULL, NULL, s.calls_per_month, NULL,
              NULL
         FROM sampling_targets s WHERE s.version > $1::bigint AND ${targets.sql}
     ) changes
     ORDER BY version
     LIMIT $2`,
    [since, limit, ...scopeParams],
  );
}

function rosterChangeJson(r: ChangeRow): string {
  switch (r.kind) {
    case 'team':
      return JSON.stringify({ kind: 'team', id: r.key, name: r.name ?? '', site: r.site });
    case 'agent':
      return JSON.stringify({
        kind: 'agent',
        agentNo: r.key,
        name: r.name ?? '',
        teamId: r.team_id,
        site: r.site,
        active: !!r.active,
      });
    case 'scorecard':
      // definition_json is canonical JSON as published: spliced in, not parsed.
      return `{"kind":"scorecard","id":${JSON.stringify(r.key)},"version":${Number(r.num)},"definition":${r.definition_json},"publishedAt":${JSON.stringify(r.published_at ?? '')}}`;
    case 'sampling_target':
      return JSON.stringify({ kind: 'sampling_target', scope: r.key, callsPerMonth: Number(r.num) });
  }
}

interface EvaluationRow {
  v: string;
  team_id: string | null;
  site: string | null;
  change_json: string;
  change_ascii: boolean;
}

async function evaluationChanges(
  db: Queryable,
  who: Principal,
  since: string,
  limit: number,
): Promise<EvaluationRow[]> {
  if (who.role === 'inspector') return []; // inspectors receive no one's evaluations (scope is FALSE anyway)
  const scope = evaluationScope(who, 'l', 3);
  return db.query<EvaluationRow>(
    `SELECT l.version::text AS v, l.team_id, l.site, l.change_json, l.change_ascii
       FROM evaluation_latest l
      WHERE l.version > $1::bigint AND ${scope.sql}
      ORDER BY l.version
      LIMIT $2`,
    [since, limit, ...scope.params],
  );
}

/** The page as JSON text (pullPageSchema), ready to send. */
export async function pullPageJson(db: Queryable, who: Principal, since: string, limit: number): Promise<string> {
  const [roster, evaluations, disputes, calibration, callbacks, narratives] = await Promise.all([
    rosterChanges(db, who, since, limit + 1),
    evaluationChanges(db, who, since, limit + 1),
    disputeChanges(db, who, since, limit + 1),
    calibrationChanges(db, who, since, limit + 1),
    callbackChanges(db, who, since, limit + 1),
    narrativeChanges(db, who, since, limit + 1),
  ]);
  // Merge the version-ordered lists; versions are unique across all kinds. A row's JSON is built only when picked.
  const ready = (list: VersionedJson[]) => list.map((r) => ({ v: r.v, json: () => r.json }));
  const sources: { v: string; json: () => string }[][] = [
    roster.map((r) => ({ v: r.v, json: () => asciiJson(rosterChangeJson(r)) })),
    evaluations.map((e) => ({
      v: e.v,
      json: () => pullChangeJson(e.change_ascii ? e.change_json : asciiJson(e.change_json), e.team_id, e.site),
    })),
    ready(disputes),
    ready(calibration),
    ready(callbacks),
    ready(narratives),
  ];
  const at = sources.map(() => 0);
  const parts: string[] = [];
  let cursor = since;
  while (parts.length < limit) {
    let pick = -1;
    for (let k = 0; k < sources.length; k++) {
      const row = sources[k][at[k]];
      if (row && (pick < 0 || BigInt(row.v) < BigInt(sources[pick][at[pick]].v))) pick = k;
    }
    if (pick < 0) break;
    const row = sources[pick][at[pick]++];
    parts.push(row.json());
    cursor = row.v;
  }
  const more = sources.some((list, k) => at[k] < list.length);
  return `{"changes":[${parts.join(',')}],"cursor":${JSON.stringify(cursor)},"more":${more},"scopeKey":${JSON.stringify(scopeKey(who))}}`;
}

/** The same page as an object (for callers inside the server's process, such as tests and tools). */
export async function pullPage(db: Queryable, who: Principal, since: string, limit: number): Promise<PullPage> {
  return JSON.parse(await pullPageJson(db, who, since, limit)) as PullPage;
}
