import type { Database, Statement } from 'better-sqlite3';
import type { Period } from '../../../shared/report';

/**
 * Every report query. Whole months read the monthly summaries of migration 005 (a few rows per agent and month);
 * other ranges read the per-evaluation facts through their day index. All figures come back as integer sums of
 * hundredths; the service divides once, so an average is exact to two decimals.
 */

export interface AgentAgg {
  agentNo: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  n: number;
  sumX100: number;
  minX100: number;
  maxX100: number;
  criticalFails: number;
}

export interface AgentSectionAgg {
  agentNo: string;
  sectionId: string;
  n: number;
  sumX100: number;
}

export interface SectionMeta {
  id: string;
  name: string;
  position: number;
  n: number;
  pointsX100: number;
}

export interface MonthAgentAgg {
  month: string;
  agentNo: string;
  name: string;
  n: number;
  sumX100: number;
}

export interface MonthKeyAgg {
  month: string;
  key: string;
  n: number;
  sumX100: number;
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

export interface TextAgg {
  kind: 'finding' | 'suggestion' | 'item_comment';
  key: string;
  text: string;
  n: number;
}

export interface AnnexDbRow {
  evaluationId: string;
  day: string;
  startedAt: string | null;
  agentNo: string;
  name: string;
  category: string;
  callId: string | null;
  fileName: string;
  totalX100: number;
  criticalFailed: number;
  revision: number;
}

interface Params {
  from: string;
  to: string;
  fromMonth: string;
  toMonth: string;
  team: string | null;
}

const agentName = "COALESCE(NULLIF(a.name, ''), a.agent_no)";
const inTeam = (column: string) =>
  `(@team IS NULL OR ${column} IN (SELECT agent_no FROM agents WHERE team_id = @team))`;

const annexSelect = `SELECT f.evaluation_id AS evaluationId, f.day, r.started_at AS startedAt, f.agent_no AS agentNo,
    ${agentName} AS name, f.category, r.call_id AS callId, r.file_name AS fileName, f.total_x100 AS totalX100,
    f.critical_failed AS criticalFailed, e.revision
  FROM report_facts f
  JOIN evaluations e ON e.id = f.evaluation_id
  JOIN recordings r ON r.id = f.recording_id
  JOIN agents a ON a.agent_no = f.agent_no`;

export class ReportsRepository {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    const p = <R>(sql: string) => db.prepare<[Params | Record<string, unknown>], R>(sql);
    this.s = {
      agentsByMonth: p(`SELECT m.agent_no AS agentNo, ${agentName} AS name, a.team_id AS teamId, t.name AS teamName,
          sum(m.n) AS n, sum(m.sum_total_x100) AS sumX100, min(m.min_total_x100) AS minX100,
          max(m.max_total_x100) AS maxX100, sum(m.critical_fails) AS criticalFails
        FROM report_agent_month m JOIN agents a ON a.agent_no = m.agent_no LEFT JOIN teams t ON t.id = a.team_id
        WHERE m.month BETWEEN @fromMonth AND @toMonth AND (@team IS NULL OR a.team_id = @team)
        GROUP BY m.agent_no`),
      agentsByDay: p(`SELECT f.agent_no AS agentNo, ${agentName} AS name, a.team_id AS teamId, t.name AS teamName,
          count(*) AS n, sum(f.total_x100) AS sumX100, min(f.total_x100) AS minX100, max(f.total_x100) AS maxX100,
          sum(f.critical_failed) AS criticalFails
        FROM report_facts f JOIN agents a ON a.agent_no = f.agent_no LEFT JOIN teams t ON t.id = a.team_id
        WHERE f.day BETWEEN @from AND @to AND (@team IS NULL OR a.team_id = @team)
        GROUP BY f.agent_no`),
      sectionsByMonth:
        p(`SELECT agent_no AS agentNo, section_id AS sectionId, sum(n) AS n, sum(sum_score_x100) AS sumX100
        FROM report_section_month m
        WHERE month BETWEEN @fromMonth AND @toMonth AND ${inTeam('m.agent_no')}
        GROUP BY agent_no, section_id`),
      sectionsByDay:
        p(`SELECT f.agent_no AS agentNo, s.section_id AS sectionId, count(*) AS n, sum(s.score_x100) AS sumX100
        FROM report_facts f JOIN evaluation_section_scores s ON s.evaluation_id = f.evaluation_id
        WHERE f.day BETWEEN @from AND @to AND s.score_x100 IS NOT NULL AND ${inTeam('f.agent_no')}
        GROUP BY f.agent_no, s.section_id`),
      // Bare columns with max(): the name and position come from the newest month's row.
      sectionMeta: p(`SELECT section_id AS id, section_name AS name, position, max(month) AS newest,
          sum(n) AS n, sum(sum_points_x100) AS pointsX100
        FROM report_section_month WHERE month BETWEEN @fromMonth AND @toMonth
        GROUP BY section_id ORDER BY position, section_id`),
      agentMonths: p(`SELECT m.month, m.agent_no AS agentNo, ${agentName} AS name, m.n, m.sum_total_x100 AS sumX100
        FROM report_agent_month m JOIN agents a ON a.agent_no = m.agent_no
        WHERE m.month BETWEEN @fromMonth AND @toMonth AND (@team IS NULL OR a.team_id = @team)
        ORDER BY m.month, m.agent_no`),
      sectionMonths: p(`SELECT month, section_id AS key, sum(n) AS n, sum(sum_score_x100) AS sumX100
        FROM report_section_month m
        WHERE month BETWEEN @fromMonth AND @toMonth AND ${inTeam('m.agent_no')}
        GROUP BY month, section_id`),
      categoryMonths: p(`SELECT month, category AS key, sum(n) AS n, sum(sum_total_x100) AS sumX100
        FROM report_category_month m
        WHERE month BETWEEN @fromMonth AND @toMonth AND ${inTeam('m.agent_no')}
        GROUP BY month, category ORDER BY sum(n) DESC, category`),
      items: p(`SELECT item_id AS itemId, section_id AS sectionId, sum(n) AS n, sum(n_lost) AS nLost,
          sum(lost_x100) AS lostX100, sum(max_x100) AS maxX100, sum(critical_fails) AS criticalFails
        FROM report_item_month m
        WHERE month BETWEEN @fromMonth AND @toMonth AND ${inTeam('m.agent_no')}
        GROUP BY item_id ORDER BY sum(lost_x100) DESC, sum(critical_fails) DESC, item_id`),
      texts: p(`SELECT kind, key, text, n FROM (
          SELECT kind, key, text, sum(n) AS n,
                 row_number() OVER (PARTITION BY kind, key ORDER BY sum(n) DESC, text) AS rank
          FROM report_text_month m
          WHERE month BETWEEN @fromMonth AND @toMonth AND ${inTeam('m.agent_no')}
          GROUP BY kind, key, text)
        WHERE rank <= @limit ORDER BY kind, key, n DESC, text`),
      roster: p(`SELECT a.agent_no AS agentNo, ${agentName} AS name FROM agents a
        WHERE a.active = 1 AND (@team IS NULL OR a.team_id = @team) ORDER BY a.agent_no`),
      annexPage: p(`${annexSelect}
        WHERE f.day BETWEEN @from AND @to AND (@team IS NULL OR a.team_id = @team)
        ORDER BY f.day, f.agent_no, f.evaluation_id LIMIT @limit OFFSET @offset`),
      annexAfter: p(`${annexSelect}
        WHERE f.day BETWEEN @from AND @to AND (@team IS NULL OR a.team_id = @team)
          AND (f.day, f.agent_no, f.evaluation_id) > (@day, @agentNo, @evaluationId)
        ORDER BY f.day, f.agent_no, f.evaluation_id LIMIT @limit`),
      annexSections: p(`SELECT evaluation_id AS evaluationId, section_id AS sectionId, score_x100 AS scoreX100
        FROM evaluation_section_scores WHERE evaluation_id IN (SELECT value FROM json_each(@ids))`),
      annexTexts: p(`SELECT evaluation_id AS evaluationId, kind, text FROM report_eval_texts
        WHERE evaluation_id IN (SELECT value FROM json_each(@ids)) AND kind IN ('finding', 'comment')
        ORDER BY evaluation_id, kind, text`),
      count: p(`SELECT COALESCE(sum(m.n), 0) AS n FROM report_agent_month m
        WHERE m.month BETWEEN @fromMonth AND @toMonth AND ${inTeam('m.agent_no')}`),
      teams: p('SELECT id, name FROM teams ORDER BY name, id'),
      teamName: p('SELECT name FROM teams WHERE id = @team'),
      months: p('SELECT DISTINCT month FROM report_agent_month ORDER BY month DESC'),
      cards: p(`SELECT definition_json AS json FROM scorecards WHERE status = 'published'
        ORDER BY published_at, id, version`),
    };
  }

  private params(p: Period, team: string | null): Params {
    return { from: p.from, to: p.to, fromMonth: p.fromMonth, toMonth: p.toMonth, team };
  }

  agents(p: Period, team: string | null): AgentAgg[] {
    return (p.wholeMonths ? this.s.agentsByMonth : this.s.agentsByDay).all(this.params(p, team)) as AgentAgg[];
  }

  agentSections(p: Period, team: string | null): AgentSectionAgg[] {
    const stmt = p.wholeMonths ? this.s.sectionsByMonth : this.s.sectionsByDay;
    return stmt.all(this.params(p, team)) as AgentSectionAgg[];
  }

  /** Sections seen in these months (of any card), in card order. */
  sections(fromMonth: string, toMonth: string): SectionMeta[] {
    return this.s.sectionMeta.all({ fromMonth, toMonth }) as SectionMeta[];
  }

  agentMonths(fromMonth: string, toMonth: string, team: string | null): MonthAgentAgg[] {
    return this.s.agentMonths.all({ fromMonth, toMonth, team }) as MonthAgentAgg[];
  }

  sectionMonths(fromMonth: string, toMonth: string, team: string | null): MonthKeyAgg[] {
    return this.s.sectionMonths.all({ fromMonth, toMonth, team }) as MonthKeyAgg[];
  }

  categoryMonths(fromMonth: string, toMonth: string, team: string | null): MonthKeyAgg[] {
    return this.s.categoryMonths.all({ fromMonth, toMonth, team }) as MonthKeyAgg[];
  }

  items(month: string, team: string | null): ItemAgg[] {
    return this.s.items.all({ fromMonth: month, toMonth: month, team }) as ItemAgg[];
  }

  /** The most frequent texts per kind and key (per item for item comments). */
  texts(month: string, team: string | null, limit: number): TextAgg[] {
    return this.s.texts.all({ fromMonth: month, toMonth: month, team, limit }) as TextAgg[];
  }

  roster(team: string | null): { agentNo: string; name: string }[] {
    return this.s.roster.all({ team }) as { agentNo: string; name: string }[];
  }

  count(fromMonth: string, toMonth: string, team: string | null): number {
    return (this.s.count.get({ fromMonth, toMonth, team }) as { n: number }).n;
  }

  annexPage(p: Period, team: string | null, offset: number, limit: number): AnnexDbRow[] {
    return this.s.annexPage.all({ ...this.params(p, team), offset, limit }) as AnnexDbRow[];
  }

  /** Keyset paging for exports: rows after `last` in annex order, so a long annex never re-reads skipped rows. */
  annexAfter(p: Period, team: string | null, last: AnnexDbRow | null, limit: number): AnnexDbRow[] {
    const key = last ?? { day: '', agentNo: '', evaluationId: '' };
    return this.s.annexAfter.all({
      ...this.params(p, team),
      day: key.day,
      agentNo: key.agentNo,
      evaluationId: key.evaluationId,
      limit,
    }) as AnnexDbRow[];
  }

  annexSections(ids: string[]): { evaluationId: string; sectionId: string; scoreX100: number | null }[] {
    return this.s.annexSections.all({ ids: JSON.stringify(ids) }) as {
      evaluationId: string;
      sectionId: string;
      scoreX100: number | null;
    }[];
  }

  annexTexts(ids: string[]): { evaluationId: string; kind: 'finding' | 'comment'; text: string }[] {
    return this.s.annexTexts.all({ ids: JSON.stringify(ids) }) as {
      evaluationId: string;
      kind: 'finding' | 'comment';
      text: string;
    }[];
  }

  teams(): { id: string; name: string }[] {
    return this.s.teams.all({}) as { id: string; name: string }[];
  }

  teamName(team: string | null): string | null {
    if (team === null) return null;
    return (this.s.teamName.get({ team }) as { name: string } | undefined)?.name ?? null;
  }

  months(): string[] {
    return (this.s.months.all({}) as { month: string }[]).map((r) => r.month);
  }

  /** Published card definitions, oldest first, for item and section names. */
  cardDefinitions(): string[] {
    return (this.s.cards.all({}) as { json: string }[]).map((r) => r.json);
  }
}
