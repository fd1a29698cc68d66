/**
 * Head-office comparisons: SQL reduces the latest revisions in the caller's scope to integer sums of hundredths per
 * agent or per site (shared/report-math.ts ScoreSums), and the shared buildAgentComparison / buildSiteRanking turn
 * them into figures. The app does the same from its own tables, so both sides agree to the cent: no float is
 * averaged here. Periods are call days (callDay), inclusive; the previous period has the same length.
 */
import { previousPeriod, resolvePeriod, type AgentComparison, type ScoreMode } from '../shared/report';
import {
  averageX100,
  buildAgentComparison,
  buildSiteRanking,
  sectionsOfCards,
  type AgentSums,
  type ScoreSums,
  type SiteRanking,
  type SiteSums,
} from '../shared/report-math';
import type { ScorecardDefinition } from '../shared/scorecard';
import type { ChannelSummaryRow, ComparisonQuery } from '../shared/sync';
import type { ContactChannel } from '../shared/channels';

import { isRealDate } from '../shared/text';
import type { Principal } from './auth';
import type { Queryable } from './db';
import { evaluationScope } from './scope';

export class ReportQueryError extends Error {}

/** What the rows are grouped by: a fixed expression per report, never text from the request. */
const groupings = { agent: "COALESCE(l.agent_no, '')", site: "COALESCE(l.site, '')" } as const;
type Grouping = keyof typeof groupings;

interface Filter {
  from: string;
  to: string;
  teamId: string | null;
  site: string | null;
  channel?: ContactChannel | null;
}

/**
 * The columns of each score mode (migration 007), fixed text, never from the request. Before critical items there
 * is no min/max: the app keeps those of final totals only, and both sides must give the same figures.
 */
const modeColumns = {
  final: {
    total: 'l.total_x100',
    minMax: 'min(l.total_x100) AS min, max(l.total_x100) AS max',
    sections: 'l.sections_x100',
  },
  beforeCritical: {
    total: 'l.uncapped_x100',
    minMax: 'NULL::integer AS min, NULL::integer AS max',
    sections: 'l.sections_uncapped_x100',
  },
} as const;

/** The WHERE clause every report query shares: period, optional team and site, and the caller's scope. */
function where(who: Principal, f: Filter): { sql: string; params: unknown[] } {
  const scope = evaluationScope(who, 'l', 6);
  return {
    sql: `l.call_day BETWEEN $1::date AND $2::date
          AND ($3::text IS NULL OR l.team_id = $3::text)
          AND ($4::text IS NULL OR l.site = $4::text)
          AND ($5::text IS NULL OR l.channel = $5::text)
          AND ${scope.sql}`,
    params: [f.from, f.to, f.teamId, f.site, f.channel ?? null, ...scope.params],
  };
}

async function sumsBy(
  db: Queryable,
  who: Principal,
  group: Grouping,
  f: Filter,
  mode: ScoreMode = 'final',
): Promise<Map<string, ScoreSums>> {
  const w = where(who, f);
  const key = groupings[group];
  const c = modeColumns[mode];
  const [totals, sections] = await Promise.all([
    db.query<{ key: string; n: string; sum: string; min: number | null; max: number | null; crit: string }>(
      `SELECT ${key} AS key, count(*) AS n, sum(${c.total}) AS sum, ${c.minMax},
              count(*) FILTER (WHERE l.critical_failed) AS crit
         FROM evaluation_latest l WHERE ${w.sql} GROUP BY 1`,
      w.params,
    ),
    db.query<{ key: string; section: string; n: string; sum: string | null }>(
      `SELECT ${key} AS key, s.key AS section, count(s.value) AS n, sum(s.value::integer) AS sum
         FROM evaluation_latest l CROSS JOIN LATERAL jsonb_each_text(${c.sections}) s
        WHERE ${w.sql} GROUP BY 1, 2`,
      w.params,
    ),
  ]);
  const out = new Map<string, ScoreSums>();
  for (const r of totals) {
    out.set(r.key, {
      n: Number(r.n),
      sumX100: Number(r.sum),
      minX100: r.min === null ? null : Number(r.min),
      maxX100: r.max === null ? null : Number(r.max),
      criticalFails: Number(r.crit),
      sections: {},
    });
  }
  for (const r of sections) {
    const sums = out.get(r.key);
    if (sums && Number(r.n) > 0) sums.sections[r.section] = { n: Number(r.n), sumX100: Number(r.sum ?? 0) };
  }
  return out;
}

/** The cards the period's evaluations were scored with, newest first, for section names and points. */
async function cardsUsed(db: Queryable, who: Principal, f: Filter): Promise<ScorecardDefinition[]> {
  const w = where(who, f);
  const rows = await db.query<{ definition_json: string }>(
    `SELECT c.definition_json FROM scorecards c
      WHERE (c.id, c.version) IN (SELECT DISTINCT l.scorecard_id, l.scorecard_version
                                    FROM evaluation_latest l WHERE ${w.sql})
      ORDER BY c.published_at DESC, c.version DESC, c.id`,
    w.params,
  );
  return rows.map((r) => JSON.parse(r.definition_json) as ScorecardDefinition);
}

const centreToday = () => new Date(Date.now() + 480 * 60_000).toISOString().slice(0, 10);

/** The period asked for; a missing bound is the first or last call day in scope (today when there is none). */
async function period(
  db: Queryable,
  who: Principal,
  q: { from?: string; to?: string },
  f: Omit<Filter, 'from' | 'to'>,
) {
  let { from, to } = q;
  if (from === undefined || to === undefined) {
    const w = where(who, { ...f, from: '1000-01-01', to: '9999-12-31' });
    const [row] = await db.query<{ lo: string | null; hi: string | null }>(
      `SELECT to_char(min(l.call_day), 'YYYY-MM-DD') AS lo, to_char(max(l.call_day), 'YYYY-MM-DD') AS hi
         FROM evaluation_latest l WHERE ${w.sql}`,
      w.params,
    );
    from ??= row?.lo ?? to ?? centreToday();
    to ??= row?.hi ?? from;
    if (to < from) to = from;
  }
  if (from > to) throw new ReportQueryError('"from" is after "to".');
  const current = resolvePeriod(from, to);
  const before = previousPeriod(current);
  // A previous period reaching before year 1000 (a period spanning millennia) is cut to what a date can hold.
  const previous = {
    from: isRealDate(before.from) ? before.from : '1000-01-01',
    to: isRealDate(before.to) ? before.to : '1000-01-01',
  };
  const previousEmpty = !isRealDate(before.to);
  return { from: current.from, to: current.to, previous, previousEmpty };
}

export async function agentComparisonReport(
  db: Queryable,
  who: Principal,
  q: ComparisonQuery,
): Promise<AgentComparison> {
  const narrow = { teamId: q.teamId ?? null, site: q.site ?? null, channel: q.channel ?? null };
  const mode = q.scoreMode ?? 'final';
  const p = await period(db, who, q, narrow);
  const current = { ...narrow, from: p.from, to: p.to };
  const [sums, previousSums, cards, info, team] = await Promise.all([
    sumsBy(db, who, 'agent', current, mode),
    p.previousEmpty ? new Map<string, ScoreSums>() : sumsBy(db, who, 'agent', { ...narrow, ...p.previous }, mode),
    cardsUsed(db, who, current),
    agentInfo(db, who, current),
    narrow.teamId === null
      ? Promise.resolve([])
      : db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [narrow.teamId]),
  ]);
  const agents: AgentSums[] = [...sums].map(([agentNo, s]) => {
    const a = info.get(agentNo);
    return { agentNo, name: a?.name ?? agentNo, teamId: a?.teamId ?? null, teamName: a?.teamName ?? null, sums: s };
  });
  const previousAgents: AgentSums[] = [...previousSums].map(([agentNo, s]) => ({
    agentNo,
    name: agentNo,
    teamId: null,
    teamName: null,
    sums: s,
  }));
  return buildAgentComparison({
    scoreMode: mode,
    from: p.from,
    to: p.to,
    previous: p.previous,
    team: narrow.teamId,
    teamName: narrow.teamId === null ? null : (team[0]?.name ?? narrow.teamId),
    sections: sectionsOfCards(cards),
    agents,
    previousAgents,
  });
}

/**
 * Name and team of each agent seen in the period, by the rule the app follows too (electron/core/reports/service.ts
 * agentSums): the roster's where the agent is on it, else the greatest name and team id the period's evaluations
 * carried (a deterministic pick for an agent who moved), else the agent number.
 */
async function agentInfo(db: Queryable, who: Principal, f: Filter) {
  const w = where(who, f);
  const rows = await db.query<{
    agent_no: string;
    name: string | null;
    team_id: string | null;
    team_name: string | null;
  }>(
    `WITH carried AS (
       SELECT COALESCE(l.agent_no, '') AS agent_no, max(NULLIF(l.agent_name, '')) AS name,
              max(NULLIF(l.team_id, '')) AS team_id
         FROM evaluation_latest l
        WHERE ${w.sql}
        GROUP BY COALESCE(l.agent_no, ''))
     SELECT c.agent_no, COALESCE(NULLIF(a.name, ''), c.name) AS name,
            COALESCE(a.team_id, c.team_id) AS team_id,
            COALESCE(t.name,
                     (SELECT max(NULLIF(l2.call_team_name, '')) FROM evaluation_latest l2
                       WHERE COALESCE(l2.agent_no, '') = c.agent_no AND l2.team_id = COALESCE(a.team_id, c.team_id)),
                     COALESCE(a.team_id, c.team_id)) AS team_name
       FROM carried c
       LEFT JOIN agents a ON a.agent_no = c.agent_no
       LEFT JOIN teams t ON t.id = COALESCE(a.team_id, c.team_id)`,
    w.params,
  );
  return new Map(
    rows.map((r) => [
      r.agent_no,
      { name: r.name ?? r.agent_no, teamId: r.team_id, teamName: r.team_id === null ? null : r.team_name },
    ]),
  );
}

export async function siteRankingReport(
  db: Queryable,
  who: Principal,
  q: { from: string; to: string; scoreMode?: ScoreMode; channel?: ContactChannel },
): Promise<SiteRanking> {
  const narrow = { teamId: null, site: null, channel: q.channel ?? null };
  const mode = q.scoreMode ?? 'final';
  const p = await period(db, who, q, narrow);
  const current = { ...narrow, from: p.from, to: p.to };
  const [sums, previousSums, cards] = await Promise.all([
    sumsBy(db, who, 'site', current, mode),
    p.previousEmpty ? new Map<string, ScoreSums>() : sumsBy(db, who, 'site', { ...narrow, ...p.previous }, mode),
    cardsUsed(db, who, current),
  ]);
  const toSites = (m: Map<string, ScoreSums>): SiteSums[] => [...m].map(([site, s]) => ({ site, sums: s }));
  return buildSiteRanking({
    scoreMode: mode,
    from: p.from,
    to: p.to,
    previous: p.previous,
    sections: sectionsOfCards(cards),
    sites: toSites(sums),
    previousSites: toSites(previousSums),
  });
}

/** The period's evaluations in the caller's scope, split by channel (phone first, then chat, then store). */
export async function channelSummaryReport(
  db: Queryable,
  who: Principal,
  q: { from: string; to: string },
): Promise<ChannelSummaryRow[]> {
  if (q.from > q.to) throw new ReportQueryError('"from" is after "to".');
  const w = where(who, { from: q.from, to: q.to, teamId: null, site: null, channel: null });
  const rows = await db.query<{ channel: ContactChannel; n: string; sum: string; crit: string }>(
    `SELECT l.channel, count(*) AS n, sum(l.total_x100) AS sum, count(*) FILTER (WHERE l.critical_failed) AS crit
       FROM evaluation_latest l WHERE ${w.sql} GROUP BY 1`,
    w.params,
  );
  const order: ContactChannel[] = ['phone', 'chat', 'store'];
  return rows
    .map((r) => ({
      channel: r.channel,
      evaluations: Number(r.n),
      average: averageX100(Number(r.sum), Number(r.n)),
      criticalFails: Number(r.crit),
    }))
    .sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel));
}
