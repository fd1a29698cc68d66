/**
 * The SQL text of the report store's sums queries: the monthly and daily summaries (migrations 010 and 017) and one
 * channel's facts (migration 016), each row in the same column order so one fold in repo.ts reads them all.
 */
import type { ScoreMode } from '../../../shared/report';

/** What a report groups by, in the month and the day summaries. Keys join columns with \u0001 (never in ids). */
export const groupings: Record<string, Record<'months' | 'days', string[]>> = {
  agent: { months: ['agent_no'], days: ['agent_no'] },
  site: { months: ['site'], days: ['site'] },
  month: { months: ['month'], days: ['substr(day, 1, 7)'] },
  monthAgent: { months: ['month', 'agent_no'], days: ['substr(day, 1, 7)', 'agent_no'] },
};
export type Grouping = 'agent' | 'site' | 'month' | 'monthAgent';

export const scopeSql = `(@mine = 0 OR mine = 1)
  AND (@teams IS NULL OR team_id IN (SELECT value FROM json_each(@teams)))
  AND (@site IS NULL OR site = @site)`;

/**
 * Columns of a sums row, in order: key, card key, agent name, team id, team name, n, sum, min, max, critical fails,
 * then for each section position up to `width`: count and sum. Rows come back as arrays (.raw()): at thousands of
 * groups, building an object per row was a large part of a report's time.
 */
export type SumRow = [string, number, string, string, string, number, number, number, number, number, ...number[]];

/**
 * Summary rows as they are, folded into groups in JS (fold in sums()): SQLite's GROUP BY sorted every row and
 * called ten aggregate functions on it, three times slower than reading the rows and adding them up here.
 */
export function sumsSql(source: 'months' | 'days', group: string[], width: number, mode: ScoreMode): string {
  const w = Array.from({ length: width }, (_, i) => i);
  const [table, period] = source === 'months' ? ['report_agent_month', 'month'] : ['report_agent_day', 'day'];
  // Before critical items: the uncapped sums. min/max are kept of final totals only, so that mode has none (-1).
  const [total, minMax, section] =
    mode === 'final' ? ['sum_total', 'min_total, max_total', 't'] : ['sum_uncapped', '-1, -1', 'u'];
  return `SELECT ${group.join(' || char(1) || ')} AS key, card_key, agent_name, team_id, team_name, n, ${total},
      ${minMax}, critical_fails${w.map((i) => `, n${i}, ${section}${i}`).join('')}
    FROM ${table} WHERE ${period} BETWEEN @from AND @to AND ${scopeSql}`;
}

/**
 * As sumsSql, from one channel's facts: each evaluation is a group row of one (migration 016). Before critical
 * items it reads the uncapped total and sections (migration 017) and, as the summaries, no min/max.
 */
export function channelSumsSql(group: string[], width: number, mode: ScoreMode): string {
  const w = Array.from({ length: width }, (_, i) => i);
  const [total, minMax, section] =
    mode === 'final' ? ['total_x100', 'total_x100, total_x100', 's'] : ['uncapped_x100', '-1, -1', 'u'];
  return `SELECT ${group.join(' || char(1) || ')} AS key, card_key, agent_name, team_id, team_name, 1, ${total},
      ${minMax}, critical_failed${w.map((i) => `, ${section}${i} IS NOT NULL, COALESCE(${section}${i}, 0)`).join('')}
    FROM report_facts WHERE day BETWEEN @from AND @to AND channel = @channel AND ${scopeSql}`;
}
