import { refileCallbacks } from './callbacks';
import type { Queryable } from './db';
import { refileNarratives } from './narratives';
import { reserveVersions, restamp } from './versions';

export interface RosterRow {
  agentNo: string;
  name: string;
  team: string | null;
  site: string | null;
}

/** Team ids are derived from site and name, so one team name at two sites stays two teams. */
export function teamId(team: string, site: string | null): string {
  return site ? `${site}/${team}` : team;
}

/**
 * Upserts teams, then agents, each with its own new server version (teams first, so pulls apply them first).
 * A row that did not change keeps its old version: re-importing the monthly roster re-sends nothing, and a team is
 * never moved behind the agents that already reference it (a pull would meet those agents before their team).
 */
export async function importRoster(
  tx: Queryable,
  rows: RosterRow[],
): Promise<{ teams: number; agents: number; refiled: number }> {
  const teams = new Map<string, { name: string; site: string | null }>();
  for (const r of rows) if (r.team) teams.set(teamId(r.team, r.site), { name: r.team, site: r.site });
  let version = await reserveVersions(tx, teams.size + rows.length);
  for (const [id, t] of teams) {
    await tx.query(
      `INSERT INTO teams (id, name, site, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, site = excluded.site, version = excluded.version
        WHERE (teams.name, teams.site) IS DISTINCT FROM (excluded.name, excluded.site)`,
      [id, t.name, t.site, version++],
    );
  }
  for (const r of rows) {
    await tx.query(
      `INSERT INTO agents (agent_no, name, team_id, site, active, version) VALUES ($1, $2, $3, $4, TRUE, $5)
       ON CONFLICT (agent_no) DO UPDATE SET name = excluded.name, team_id = excluded.team_id, site = excluded.site,
                                            active = TRUE, version = excluded.version
        WHERE (agents.name, agents.team_id, agents.site, agents.active)
              IS DISTINCT FROM (excluded.name, excluded.team_id, excluded.site, TRUE)`,
      [r.agentNo, r.name, r.team ? teamId(r.team, r.site) : null, r.site, version++],
    );
  }
  const refiled = await refileEvaluations(tx);
  // Call-backs follow their agent, narratives their team's site, as evaluations do.
  await refileCallbacks(tx);
  await refileNarratives(tx);
  return { teams: teams.size, agents: rows.length, refiled };
}

/**
 * Evaluations are filed under their agent's roster team and site. When the roster moves an agent (or first lists
 * one), their latest evaluations are refiled, each with a new version, so the pulls of the team and site they now
 * belong to receive them. Runs after the caller reserved versions, so no push stamps a latest row in between.
 */
async function refileEvaluations(tx: Queryable): Promise<number> {
  return restamp(
    tx,
    `SELECT l.evaluation_id, a.team_id, a.site, row_number() OVER (ORDER BY l.evaluation_id) - 1 AS n
       FROM evaluation_latest l JOIN agents a ON a.agent_no = l.agent_no
      WHERE (l.team_id, l.site) IS DISTINCT FROM (a.team_id, a.site)`,
    (moved) => `UPDATE evaluation_latest l SET team_id = m.team_id, site = m.site, version = $1::bigint + m.n
                  FROM (${moved}) m WHERE m.evaluation_id = l.evaluation_id`,
  );
}

export async function setSamplingTarget(tx: Queryable, scope: string, callsPerMonth: number): Promise<void> {
  const version = await reserveVersions(tx, 1);
  await tx.query(
    `INSERT INTO sampling_targets (scope, calls_per_month, version) VALUES ($1, $2, $3)
     ON CONFLICT (scope) DO UPDATE SET calls_per_month = excluded.calls_per_month, version = excluded.version`,
    [scope, callsPerMonth, version],
  );
}
