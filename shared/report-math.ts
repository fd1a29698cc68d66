/**
 * The one computation behind every comparison table, in the app and on the head-office server alike: both sides
 * reduce their evaluations to integer sums of hundredths (ScoreSums) with their own SQL, and everything after that
 * (averages, rounding, change, ranking) happens here. So a figure can never differ between a lead's laptop and
 * head office, to the cent.
 */
import type { AgentComparison, AgentComparisonRow, ComparisonFigures, ScoreMode, SectionInfo } from './report';
import { divRoundHalfUp } from './scoring';
import type { ScorecardDefinition } from './scorecard';
import { hundredths } from './scorecard';

/** Integer sums of one group of evaluations: all an average needs, exact to the hundredth. */
export interface ScoreSums {
  n: number;
  sumX100: number;
  /** Of the totals; null while n = 0. */
  minX100: number | null;
  maxX100: number | null;
  criticalFails: number;
  /** Per section id: evaluations that scored the section (it had not dropped out) and the sum of their scores. */
  sections: Record<string, { n: number; sumX100: number }>;
}

export function emptySums(): ScoreSums {
  return { n: 0, sumX100: 0, minX100: null, maxX100: null, criticalFails: 0, sections: {} };
}

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** `into` plus `add`, in place (groups are merged across months, cards and sources). */
export function addSums(into: ScoreSums, add: ScoreSums): ScoreSums {
  into.n += add.n;
  into.sumX100 += add.sumX100;
  into.minX100 = minOf(into.minX100, add.minX100);
  into.maxX100 = maxOf(into.maxX100, add.maxX100);
  into.criticalFails += add.criticalFails;
  for (const [id, s] of Object.entries(add.sections)) {
    const t = (into.sections[id] ??= { n: 0, sumX100: 0 });
    t.n += s.n;
    t.sumX100 += s.sumX100;
  }
  return into;
}

/** Average of integer hundredths, rounded half-up once, as points; null when there is nothing to average. */
export function averageX100(sumX100: number, n: number): number | null {
  if (n <= 0) return null;
  return sumX100 >= 0 ? divRoundHalfUp(sumX100, n) / 100 : -divRoundHalfUp(-sumX100, n) / 100;
}

/**
 * `part` of `whole` as a percentage to two decimals, rounded half-up once on the integers (657 of 717 → 91.63), so
 * a rate is the same on every device and never drifts through floating-point division; null when whole is 0.
 */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return divRoundHalfUp(part * 10000, whole) / 100;
}

/** a − b in points, exact (both are already whole hundredths). */
export function pointsDelta(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : (Math.round(a * 100) - Math.round(b * 100)) / 100;
}

/**
 * The rounding rule of every table that shows section averages beside a total (issue 20): each figure is the
 * average of its own column rounded half-up once (averageX100), so any of them can be checked against the annex,
 * and the row carries 舍入差 = total − Σ section averages shown, so the row adds up exactly: Σ sections + 舍入差 =
 * total. Nothing is nudged to hide the gap. Each evaluation's section columns add up to its total in both modes
 * (final sections are 0 after a critical fail), so over evaluations that scored every section the 舍入差 is rounding
 * only: at most (sections + 1) / 2 hundredths. A section dropped out as N/A (the total is rescaled over the rest)
 * or cards with different sections make it larger, and the column says so rather than hiding it.
 * null when the total is null.
 */
export function roundingDifference(total: number | null, sections: (number | null)[]): number | null {
  if (total === null) return null;
  const sumX100 = sections.reduce<number>((t, s) => t + (s === null ? 0 : Math.round(s * 100)), 0);
  return (Math.round(total * 100) - sumX100) / 100;
}

/** The figures a comparison row shows, for the section ids given (in that order). */
export function comparisonFigures(sums: ScoreSums, sectionIds: string[], previous?: ScoreSums): ComparisonFigures {
  const total = averageX100(sums.sumX100, sums.n);
  const previousTotal = previous ? averageX100(previous.sumX100, previous.n) : null;
  const sections = Object.fromEntries(
    sectionIds.map((id) => {
      const s = sums.sections[id];
      return [id, s ? averageX100(s.sumX100, s.n) : null];
    }),
  );
  return {
    count: sums.n,
    total,
    min: sums.minX100 === null ? null : sums.minX100 / 100,
    max: sums.maxX100 === null ? null : sums.maxX100 / 100,
    criticalFails: sums.criticalFails,
    sections,
    previousCount: previous?.n ?? 0,
    previousTotal,
    delta: pointsDelta(total, previousTotal),
    difference: roundingDifference(total, Object.values(sections)),
  };
}

/**
 * Sections to report on, in card order: every section of the cards used (newest card first decides name, points
 * and position; sections only older cards have follow in their own order).
 */
export function sectionsOfCards(cardsNewestFirst: ScorecardDefinition[]): SectionInfo[] {
  const seen = new Map<string, SectionInfo>();
  for (const card of cardsNewestFirst) {
    for (const s of card.sections) {
      if (!seen.has(s.id)) seen.set(s.id, { id: s.id, name: s.name, points: hundredths(s.points) / 100 });
    }
  }
  return [...seen.values()];
}

export interface AgentSums {
  agentNo: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  sums: ScoreSums;
}

export interface ComparisonInput {
  /** Which score the sums are of (default final); the result says so. */
  scoreMode?: ScoreMode;
  from: string;
  to: string;
  previous: { from: string; to: string };
  team: string | null;
  teamName: string | null;
  sections: SectionInfo[];
  agents: AgentSums[];
  /** Per agent number, the same sums over the previous period. */
  previousAgents: AgentSums[];
}

const byTotalThen = <T extends { total: number | null }>(key: (row: T) => string) => {
  return (x: T, y: T) => (y.total ?? -1) - (x.total ?? -1) || (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);
};

/** The per-agent comparison: best average first, then agent number. */
export function buildAgentComparison(input: ComparisonInput): AgentComparison {
  const ids = input.sections.map((s) => s.id);
  const previous = new Map(input.previousAgents.map((a) => [a.agentNo, a.sums]));
  const rows: AgentComparisonRow[] = input.agents
    .map((a) => ({
      agentNo: a.agentNo,
      name: a.name,
      teamId: a.teamId,
      teamName: a.teamName,
      ...comparisonFigures(a.sums, ids, previous.get(a.agentNo)),
    }))
    .sort(byTotalThen((r) => r.agentNo));
  const overall = input.agents.reduce((acc, a) => addSums(acc, a.sums), emptySums());
  const overallPrevious = input.previousAgents.reduce((acc, a) => addSums(acc, a.sums), emptySums());
  return {
    scoreMode: input.scoreMode ?? 'final',
    from: input.from,
    to: input.to,
    team: input.team,
    teamName: input.teamName,
    previous: input.previous,
    sections: input.sections,
    rows,
    overall: comparisonFigures(overall, ids, overallPrevious.n ? overallPrevious : undefined),
  };
}

export interface SiteRankingRow extends ComparisonFigures {
  site: string;
  /** 1 = best average; sites with equal averages share a rank. */
  rank: number;
  /** Average total minus the overall average, in points. */
  vsOverall: number | null;
  /** Per section: this site's average minus the overall section average. */
  sectionsVsOverall: Record<string, number | null>;
  /** Average total minus the previous period's (same as delta; named as the review calls it). */
  change: number | null;
}

export interface SiteRanking {
  scoreMode: ScoreMode;
  from: string;
  to: string;
  previous: { from: string; to: string };
  sections: SectionInfo[];
  rows: SiteRankingRow[];
  overall: ComparisonFigures;
}

export interface SiteSums {
  site: string;
  sums: ScoreSums;
}

/** Sites (分公司) ranked by average total, each against the overall average and its own previous period. */
export function buildSiteRanking(input: {
  scoreMode?: ScoreMode;
  from: string;
  to: string;
  previous: { from: string; to: string };
  sections: SectionInfo[];
  sites: SiteSums[];
  previousSites: SiteSums[];
}): SiteRanking {
  const ids = input.sections.map((s) => s.id);
  const overallSums = input.sites.reduce((acc, s) => addSums(acc, s.sums), emptySums());
  const previousSums = input.previousSites.reduce((acc, s) => addSums(acc, s.sums), emptySums());
  const overall = comparisonFigures(overallSums, ids, previousSums.n ? previousSums : undefined);
  const previous = new Map(input.previousSites.map((s) => [s.site, s.sums]));
  const rows = input.sites
    .map((s) => {
      const f = comparisonFigures(s.sums, ids, previous.get(s.site));
      return {
        site: s.site,
        rank: 0,
        ...f,
        vsOverall: pointsDelta(f.total, overall.total),
        sectionsVsOverall: Object.fromEntries(
          ids.map((id) => [id, pointsDelta(f.sections[id] ?? null, overall.sections[id] ?? null)]),
        ),
        change: f.delta,
      };
    })
    .sort(byTotalThen((r) => r.site));
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    row.rank = before && before.total === row.total ? before.rank : i + 1;
  });
  return {
    scoreMode: input.scoreMode ?? 'final',
    from: input.from,
    to: input.to,
    previous: input.previous,
    sections: input.sections,
    rows,
    overall,
  };
}

/** The centre's time zone (China Standard Time, no daylight saving): calls and periods are counted in it. */
export const CENTRE_UTC_OFFSET_MINUTES = 480;

/**
 * The day an evaluation counts on: the call's own date as the recorder wrote it (local time), or, for a call
 * without a known time, the day it was submitted in the centre's time zone. Never the laptop's clock or zone.
 */
export function callDay(startedAt: string | null | undefined, submittedAt: string): string {
  if (startedAt) return startedAt.slice(0, 10);
  const ms = Date.parse(submittedAt) + CENTRE_UTC_OFFSET_MINUTES * 60_000;
  return new Date(ms).toISOString().slice(0, 10);
}
