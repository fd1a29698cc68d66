import type { Database, Statement } from 'better-sqlite3';
import type { ContactChannel } from '../../../shared/channels';
import type { Period, ScoreMode } from '../../../shared/report';
import { emptySums, type ScoreSums } from '../../../shared/report-math';
import { MAX_SECTIONS } from '../../../shared/scorecard';
import type { CardInfo } from './contribution';
import { splitPeriod } from './period-split';
import { channelSumsSql, groupings, scopeSql, sumsSql, type Grouping, type SumRow } from './sums-sql';

export type { Grouping } from './sums-sql';

/**
 * Every report query over the report store (migration 010). Whole months read the monthly summaries; the days of a
 * period outside whole months read the facts, which are clustered by day. Everything comes back as integer sums of
 * hundredths folded into shared ScoreSums, so averages are computed once, by shared/report-math.ts.
 */

/** Which evaluations a report covers; built from the report's scope (service.ts resolveScope). */
export interface ScopeFilter {
  mine: boolean;
  teams: string[] | null;
  site: string | null;
  /** Which score the sums, the annex and the section columns read; absent: final. */
  mode?: ScoreMode;
  /** One channel only: sums and cards then come from the facts (the summaries do not split by channel). */
  channel?: ContactChannel;
}

export const everything: ScopeFilter = { mine: false, teams: null, site: null };

export interface GroupSums {
  key: string;
  agentName: string;
  teamId: string;
  teamName: string;
  sums: ScoreSums;
}

export interface ItemAgg {
  itemId: string;
  sectionId: string;
  n: number;
  nLost: number;
  lostX100: number;
  maxX100: number;
  criticalFails: number;
}

/** Deducted items per root cause ('' = none given), item and card version. */
export interface CauseAgg {
  cardKey: number;
  causeId: string;
  itemId: string;
  sectionId: string;
  n: number;
  lostX100: number;
}

export interface TextAgg {
  kind: 'finding' | 'suggestion' | 'item_comment';
  key: string;
  text: string;
  n: number;
}

/** An evaluation's row in the annex order; what only the annex shows comes from its body (annex-details.ts). */
export interface AnnexDbRow {
  evaluationId: string;
  source: 'own' | 'pulled';
  day: string;
  agentNo: string;
  name: string;
  category: string;
  /** The total and the section scores in the filter's mode. */
  totalX100: number;
  criticalFailed: number;
  revision: number;
  cardKey: number;
  s: (number | null)[];
}

const positions = Array.from({ length: MAX_SECTIONS }, (_, i) => i);

export class ReportsRepository {
  private readonly cache = new Map<string, Statement>();
  private readonly s;

  constructor(
    private readonly db: Database,
    private readonly cardByKey: (key: number) => CardInfo,
  ) {
    const p = <R>(sql: string) => db.prepare<[Record<string, unknown>], R>(sql);
    this.s = {
      allCards: p<{ cardKey: number }>('SELECT card_key AS cardKey FROM report_cards'),
      cardKeysByMonth: p<{ cardKey: number }>(`SELECT DISTINCT card_key AS cardKey FROM report_agent_month
        WHERE month BETWEEN @from AND @to AND ${scopeSql}`),
      cardKeysByDay: p<{ cardKey: number }>(`SELECT DISTINCT card_key AS cardKey FROM report_agent_day
        WHERE day BETWEEN @from AND @to AND ${scopeSql}`),
      cardKeysByChannel: p<{ cardKey: number }>(`SELECT DISTINCT card_key AS cardKey FROM report_facts
        WHERE day BETWEEN @from AND @to AND channel = @channel AND ${scopeSql}`),
      notCalls: p<{ agentNo: string; month: string; n: number }>(`SELECT agent_no AS agentNo, month, count(*) AS n
        FROM report_facts WHERE day BETWEEN @from AND @to AND channel <> 'phone' AND ${scopeSql}
        GROUP BY agent_no, month`),
      channelTotals: p<{ channel: ContactChannel; n: number; sumX100: number; uncappedX100: number; crit: number }>(
        `SELECT channel, count(*) AS n, sum(total_x100) AS sumX100, sum(uncapped_x100) AS uncappedX100,
          sum(critical_failed) AS crit
        FROM report_facts WHERE day BETWEEN @from AND @to AND ${scopeSql} GROUP BY channel`,
      ),
      categoryMonths: p<{ month: string; key: string; n: number; sumX100: number }>(`SELECT month, category AS key,
          sum(n) AS n, sum(sum_total) AS sumX100
        FROM report_category_month WHERE month BETWEEN @from AND @to AND ${scopeSql}
        GROUP BY month, category ORDER BY sum(n) DESC, category`),
      items: p<ItemAgg>(`SELECT item_id AS itemId, max(section_id) AS sectionId, sum(n) AS n, sum(n_lost) AS nLost,
          sum(lost_x100) AS lostX100, sum(max_x100) AS maxX100, sum(critical_fails) AS criticalFails
        FROM report_item_month WHERE month BETWEEN @from AND @to AND ${scopeSql}
        GROUP BY item_id ORDER BY sum(lost_x100) DESC, sum(critical_fails) DESC, item_id`),
      causes: p<CauseAgg>(`SELECT card_key AS cardKey, cause_id AS causeId, item_id AS itemId,
          max(section_id) AS sectionId, sum(n) AS n, sum(lost_x100) AS lostX100
        FROM report_cause_month WHERE month BETWEEN @from AND @to AND ${scopeSql}
        GROUP BY card_key, cause_id, item_id HAVING sum(n) > 0`),
      texts: p<TextAgg>(`SELECT kind, key, text, n FROM (
          SELECT kind, key, text, sum(n) AS n,
                 row_number() OVER (PARTITION BY kind, key ORDER BY sum(n) DESC, text) AS rank
          FROM report_text_month WHERE month BETWEEN @from AND @to AND ${scopeSql}
          GROUP BY kind, key, text)
        WHERE rank <= @limit ORDER BY kind, key, n DESC, text`),
      annexPage: p<Record<string, unknown>>(`SELECT * FROM report_facts WHERE day BETWEEN @from AND @to AND ${scopeSql}
        ORDER BY day, agent_no, evaluation_id LIMIT @limit OFFSET @offset`),
      annexAfter: p<Record<string, unknown>>(`SELECT * FROM report_facts WHERE day BETWEEN @from AND @to AND ${scopeSql}
          AND (day, agent_no, evaluation_id) > (@day, @agentNo, @evaluationId)
        ORDER BY day, agent_no, evaluation_id LIMIT @limit`),
      listPage: p<Record<string, unknown>>(`SELECT * FROM report_facts WHERE day BETWEEN @from AND @to AND ${scopeSql}
          AND (@agentNo IS NULL OR agent_no = @agentNo)
        ORDER BY day, agent_no, evaluation_id LIMIT @limit OFFSET @offset`),
      listCount: p<{ n: number }>(`SELECT count(*) AS n FROM report_facts WHERE day BETWEEN @from AND @to
          AND ${scopeSql} AND (@agentNo IS NULL OR agent_no = @agentNo)`),
      count: p<{ n: number }>(`SELECT COALESCE(sum(n), 0) AS n FROM report_agent_month
        WHERE month BETWEEN @from AND @to AND ${scopeSql}`),
      teams: p<{ id: string; name: string }>(`SELECT id, name FROM (
          SELECT id, name FROM teams
          UNION SELECT DISTINCT team_id, team_name FROM report_agent_month WHERE team_id <> ''
            AND team_id NOT IN (SELECT id FROM teams))
        GROUP BY id ORDER BY name, id`),
      sites: p<{ site: string }>(`SELECT site FROM (SELECT site FROM teams WHERE site IS NOT NULL AND site <> ''
          UNION SELECT DISTINCT site FROM report_agent_month WHERE site <> '') ORDER BY site`),
      teamName: p<{ name: string }>(`SELECT name FROM teams WHERE id = @team
        UNION ALL SELECT team_name FROM report_agent_month WHERE team_id = @team AND team_name <> '' LIMIT 1`),
      rosterTeams: p<{ id: string; name: string }>('SELECT id, name FROM teams'),
      months: p<{ month: string }>('SELECT DISTINCT month FROM report_agent_month ORDER BY month DESC'),
      roster: p<{ agentNo: string; name: string; teamId: string | null }>(`SELECT a.agent_no AS agentNo,
          COALESCE(NULLIF(a.name, ''), a.agent_no) AS name, a.team_id AS teamId FROM agents a
          LEFT JOIN teams t ON t.id = a.team_id
        WHERE a.active = 1 AND (@teams IS NULL OR a.team_id IN (SELECT value FROM json_each(@teams)))
          AND (@site IS NULL OR COALESCE(a.site, t.site) = @site)
        ORDER BY a.agent_no`),
      agentNames: p<{ agentNo: string; name: string; teamId: string | null }>(`SELECT agent_no AS agentNo,
          name, team_id AS teamId FROM agents WHERE agent_no IN (SELECT value FROM json_each(@ids))`),
    };
  }

  private params(filter: ScopeFilter, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      mine: filter.mine ? 1 : 0,
      teams: filter.teams ? JSON.stringify(filter.teams) : null,
      site: filter.site,
      ...extra,
    };
  }

  private channelStatement(grouping: Grouping, width: number, mode: ScoreMode): Statement {
    const name = `channel:${grouping}:${width}:${mode}`;
    let stmt = this.cache.get(name);
    if (!stmt) {
      stmt = this.db.prepare(channelSumsSql(groupings[grouping].months, width, mode)).raw();
      this.cache.set(name, stmt);
    }
    return stmt;
  }

  /** Per agent and month, the period's evaluations that are chats or store visits, not calls. */
  notCalls(period: Period, filter: ScopeFilter): { agentNo: string; month: string; n: number }[] {
    return this.s.notCalls.all(this.params(filter, { from: period.from, to: period.to }));
  }

  /** The period's evaluations split by channel, in the scope (reports.channels). */
  channelTotals(period: Period, filter: ScopeFilter) {
    return this.s.channelTotals.all(this.params(filter, { from: period.from, to: period.to }));
  }

  private statement(source: 'months' | 'days', grouping: Grouping, width: number, mode: ScoreMode): Statement {
    const name = `${source}:${grouping}:${width}:${mode}`;
    let stmt = this.cache.get(name);
    if (!stmt) {
      const group = groupings[grouping];
      stmt = this.db.prepare(sumsSql(source, group[source], width, mode)).raw();
      this.cache.set(name, stmt);
    }
    return stmt;
  }

  /**
   * Sums per group over a period, whole months from the summaries and the other days from the facts. `sections`
   * false leaves the per-section sums out (trends per agent need only totals).
   */
  sums(period: Period, grouping: Grouping, filter: ScopeFilter, sections = true): Map<string, GroupSums> {
    const out = new Map<string, GroupSums>();
    const width = sections ? this.widestCard() : 0;
    const fold = (rows: SumRow[]) => {
      for (const r of rows) {
        const [key, cardKey, agentName, teamId, teamName, n, total, mn, mx, crit] = r;
        let g = out.get(key);
        if (!g) {
          g = { key, agentName, teamId, teamName, sums: emptySums() };
          out.set(key, g);
        } else {
          if (agentName > g.agentName) g.agentName = agentName;
          if (teamId > g.teamId) {
            g.teamId = teamId;
            g.teamName = teamName;
          }
        }
        const s = g.sums;
        s.n += n;
        s.sumX100 += total;
        if (mn >= 0) s.minX100 = s.minX100 === null ? mn : Math.min(s.minX100, mn);
        if (mx >= 0) s.maxX100 = s.maxX100 === null ? mx : Math.max(s.maxX100, mx);
        s.criticalFails += crit;
        if (width === 0) continue;
        const ids = this.cardByKey(cardKey).sectionIds;
        for (let i = 0; i < ids.length; i++) {
          const count = r[10 + 2 * i] as number;
          if (!count) continue;
          const t = (s.sections[ids[i]] ??= { n: 0, sumX100: 0 });
          t.n += count;
          t.sumX100 += r[11 + 2 * i] as number;
        }
      }
    };
    const mode = filter.mode ?? 'final';
    if (filter.channel) {
      const channelRows = this.channelStatement(grouping, width, mode).all(
        this.params(filter, { from: period.from, to: period.to, channel: filter.channel }),
      ) as SumRow[];
      fold(channelRows);
      return out;
    }
    const { months, days } = splitPeriod(period);
    if (months) {
      fold(
        this.statement('months', grouping, width, mode).all(
          this.params(filter, { from: months[0], to: months[1] }),
        ) as SumRow[],
      );
    }
    for (const [from, to] of days) {
      fold(this.statement('days', grouping, width, mode).all(this.params(filter, { from, to })) as SumRow[]);
    }
    return out;
  }

  cardOf(key: number): CardInfo {
    return this.cardByKey(key);
  }

  /** Section columns to read: as many as the card with the most sections that any evaluation was scored on. */
  widestCard(): number {
    return Math.max(0, ...this.s.allCards.all({}).map((r) => this.cardByKey(r.cardKey).sectionIds.length));
  }

  /** Cards the period's evaluations were scored on, most recently first used first. */
  cards(period: Period, filter: ScopeFilter): CardInfo[] {
    const keys = new Set<number>();
    if (filter.channel) {
      const params = this.params(filter, { from: period.from, to: period.to, channel: filter.channel });
      for (const r of this.s.cardKeysByChannel.all(params)) keys.add(r.cardKey);
      return [...keys].sort((a, b) => b - a).map((key) => this.cardByKey(key));
    }
    const { months, days } = splitPeriod(period);
    if (months) {
      for (const r of this.s.cardKeysByMonth.all(this.params(filter, { from: months[0], to: months[1] }))) {
        keys.add(r.cardKey);
      }
    }
    for (const [from, to] of days) {
      for (const r of this.s.cardKeysByDay.all(this.params(filter, { from, to }))) keys.add(r.cardKey);
    }
    return [...keys].sort((a, b) => b - a).map((key) => this.cardByKey(key));
  }

  categoryMonths(fromMonth: string, toMonth: string, filter: ScopeFilter) {
    return this.s.categoryMonths.all(this.params(filter, { from: fromMonth, to: toMonth }));
  }

  items(month: string, filter: ScopeFilter): ItemAgg[] {
    return this.s.items.all(this.params(filter, { from: month, to: month }));
  }

  causes(month: string, filter: ScopeFilter): CauseAgg[] {
    return this.s.causes.all(this.params(filter, { from: month, to: month }));
  }

  /** The most frequent texts per kind and key (per item for item comments). */
  texts(month: string, filter: ScopeFilter, limit: number): TextAgg[] {
    return this.s.texts.all(this.params(filter, { from: month, to: month, limit }));
  }

  count(fromMonth: string, toMonth: string, filter: ScopeFilter): number {
    return this.s.count.get(this.params(filter, { from: fromMonth, to: toMonth }))!.n;
  }

  private annexRow(r: Record<string, unknown>, mode: ScoreMode): AnnexDbRow {
    const final = mode === 'final';
    return {
      evaluationId: r.evaluation_id as string,
      source: r.source as AnnexDbRow['source'],
      day: r.day as string,
      agentNo: r.agent_no as string,
      name: (r.agent_name as string) || (r.agent_no as string),
      category: r.category as string,
      totalX100: (final ? r.total_x100 : r.uncapped_x100) as number,
      criticalFailed: r.critical_failed as number,
      revision: r.revision as number,
      cardKey: r.card_key as number,
      s: positions.map((i) => r[`${final ? 's' : 'u'}${i}`] as number | null),
    };
  }

  annexPage(p: Period, filter: ScopeFilter, offset: number, limit: number): AnnexDbRow[] {
    return this.s.annexPage
      .all(this.params(filter, { from: p.from, to: p.to, offset, limit }))
      .map((r) => this.annexRow(r, filter.mode ?? 'final'));
  }

  /** Evaluations of a period (one agent's, or all) in annex order, and how many there are. */
  list(p: Period, filter: ScopeFilter, agentNo: string | null, offset: number, limit: number) {
    const params = this.params(filter, { from: p.from, to: p.to, agentNo, offset, limit });
    return {
      total: this.s.listCount.get(params)!.n,
      rows: this.s.listPage.all(params).map((r) => this.annexRow(r, filter.mode ?? 'final')),
    };
  }

  /** Keyset paging for exports: rows after `last` in annex order, so a long annex never re-reads skipped rows. */
  annexAfter(p: Period, filter: ScopeFilter, last: AnnexDbRow | null, limit: number): AnnexDbRow[] {
    const key = last ?? { day: '', agentNo: '', evaluationId: '' };
    return this.s.annexAfter
      .all(
        this.params(filter, {
          from: p.from,
          to: p.to,
          day: key.day,
          agentNo: key.agentNo,
          evaluationId: key.evaluationId,
          limit,
        }),
      )
      .map((r) => this.annexRow(r, filter.mode ?? 'final'));
  }

  teams(): { id: string; name: string }[] {
    return this.s.teams.all({});
  }

  /** Names of the roster's teams (the report rows' own names fill in for teams not on it). */
  rosterTeamNames(): Map<string, string> {
    return new Map(this.s.rosterTeams.all({}).map((t) => [t.id, t.name]));
  }

  sites(): string[] {
    return this.s.sites.all({}).map((r) => r.site);
  }

  teamName(team: string | null): string | null {
    if (team === null) return null;
    return this.s.teamName.get({ team })?.name ?? null;
  }

  months(): string[] {
    return this.s.months.all({}).map((r) => r.month);
  }

  /** Active agents of the roster within the scope's teams or site (the mine scope has no roster of its own). */
  roster(filter: ScopeFilter): { agentNo: string; name: string; teamId: string | null }[] {
    return this.s.roster.all(this.params(filter, {}));
  }

  /** These agents as the roster has them now: name and team (they win over what a revision carried). */
  rosterAgents(agentNos: string[]): Map<string, { name: string; teamId: string | null }> {
    if (agentNos.length === 0) return new Map();
    return new Map(this.s.agentNames.all({ ids: JSON.stringify(agentNos) }).map((r) => [r.agentNo, r]));
  }
}
