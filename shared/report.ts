/**
 * Report inputs, period arithmetic and file names shared by the core (SQL, exports), the page (screens, print route) and
 * automation. Periods are calendar dates; whole months read the monthly summary tables of migration 005, any other
 * range is computed from the per-evaluation rows (still indexed, just not pre-summed). The result shapes are in
 * report-results.ts, re-exported here.
 */
import { z } from 'zod';
import { contactChannelSchema, type ContactChannel } from './channels';
import { isRealDate, safeText } from './text';

const monthRe = /^(\d{4})-(0[1-9]|1[0-2])$/;
const dayRe = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const monthSchema = z.string().regex(monthRe, 'YYYY-MM');
/** `YYYY-MM` (the whole month) or `YYYY-MM-DD`; both ends are inclusive. */
export const periodBoundSchema = z
  .string()
  .refine(
    (v) => (monthRe.test(v) && Number(v.slice(0, 4)) >= 1000) || (dayRe.test(v) && isRealDate(v)),
    'YYYY-MM or a real date YYYY-MM-DD',
  );
export const teamIdSchema = safeText(100, 1);
export const siteSchema = safeText(200, 1);

/**
 * Whose evaluations a report covers. mine: scored on this app by its user; team: the lead's teams (or `team`);
 * site: the token's 分公司 (or `site`); all: everything the app holds (its own and what head office sent down).
 */
export const reportScopes = ['mine', 'team', 'site', 'all'] as const;
export type ReportScope = (typeof reportScopes)[number];
export const reportScopeSchema = z.enum(reportScopes);

/** Scope and filters every report takes beside its period. */
export const scopeFields = {
  scope: reportScopeSchema.optional(),
  team: teamIdSchema.optional(),
  site: siteSchema.optional(),
};

/**
 * Which score a report shows (issue 20): the final score (a failed critical item zeroes the total, or its section,
 * and the section columns count it so) or the score before critical items (what the answers earned). Each mode's
 * section columns add up to its own total, evaluation by evaluation (shared/scoring.ts finalScore / uncappedScore).
 */
export const scoreModes = ['final', 'beforeCritical'] as const;
export type ScoreMode = (typeof scoreModes)[number];
export const scoreModeSchema = z.enum(scoreModes);
/** Every reports.* input takes it; absent means 'final', the score the domain's monthly report uses. */
export const scoreModeFields = { scoreMode: scoreModeSchema.optional() };
export const scoreModeTitles: Record<ScoreMode, { zh: string; en: string }> = {
  final: { zh: '最终得分', en: 'Final score' },
  beforeCritical: { zh: '致命项前得分', en: 'Score before critical items' },
};

export const periodInputSchema = z
  .object({ from: periodBoundSchema, to: periodBoundSchema, ...scopeFields, ...scoreModeFields })
  .strict()
  .refine((p) => firstDay(p.from) <= lastDay(p.to), { message: '"from" is after "to"', path: ['to'] });
export type PeriodInput = z.infer<typeof periodInputSchema>;

/**
 * A period and scope narrowed to one channel (phone, chat, store) where the report allows it: the comparisons and
 * trends. The monthly report is the phone monitoring report of domain.md and takes no channel.
 */
export const channelPeriodInputSchema = z
  .object({
    from: periodBoundSchema,
    to: periodBoundSchema,
    ...scopeFields,
    ...scoreModeFields,
    channel: contactChannelSchema.optional(),
  })
  .strict()
  .refine((p) => firstDay(p.from) <= lastDay(p.to), { message: '"from" is after "to"', path: ['to'] });
export type ChannelPeriodInput = z.infer<typeof channelPeriodInputSchema>;

/** One row of `reports.channels`: a channel's evaluations in the period and scope. */
export interface ChannelSummary {
  channel: ContactChannel;
  evaluations: number;
  /** Exact in hundredths, rounded half-up once; null with no evaluations. */
  average: number | null;
  criticalFails: number;
}
export type ScopeInput = Pick<PeriodInput, 'scope' | 'team' | 'site' | 'scoreMode'>;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function firstDay(bound: string): string {
  return monthRe.test(bound) ? `${bound}-01` : bound;
}

export function lastDay(bound: string): string {
  if (!monthRe.test(bound)) return bound;
  const [y, m] = bound.split('-').map(Number);
  return `${bound}-${pad(daysInMonth(y, m))}`;
}

/** `month` moved by `delta` months: addMonths('2026-01', -1) = '2025-12'. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** Every month from `from` to `to` inclusive, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

function addDays(day: string, delta: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + delta)).toISOString().slice(0, 10);
}

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface Period {
  /** First and last day, inclusive. */
  from: string;
  to: string;
  /** The months touched, oldest first. */
  fromMonth: string;
  toMonth: string;
  /** Starts on a 1st and ends on a month's last day: answered from the monthly summaries. */
  wholeMonths: boolean;
}

export function resolvePeriod(fromBound: string, toBound: string): Period {
  const from = firstDay(fromBound);
  const to = lastDay(toBound);
  return {
    from,
    to,
    fromMonth: from.slice(0, 7),
    toMonth: to.slice(0, 7),
    wholeMonths: from.endsWith('-01') && to === lastDay(to.slice(0, 7)),
  };
}

/** The period of the same length just before: the previous N months for whole months, else the previous N days. */
export function previousPeriod(p: Period): Period {
  if (p.wholeMonths) {
    const n = monthsBetween(p.fromMonth, p.toMonth).length;
    return resolvePeriod(addMonths(p.fromMonth, -n), addMonths(p.fromMonth, -1));
  }
  const n = dayCount(p.from, p.to);
  return resolvePeriod(addDays(p.from, -n), addDays(p.from, -1));
}

/** How a period is written in file names and titles: 2026-03, 2026-01_2026-03 or 2026-03-05_2026-03-20. */
export function periodLabel(p: Period): string {
  if (p.wholeMonths) return p.fromMonth === p.toMonth ? p.fromMonth : `${p.fromMonth}_${p.toMonth}`;
  return p.from === p.to ? p.from : `${p.from}_${p.to}`;
}

export const reportKinds = ['agentComparison', 'monthly', 'siteRanking'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const exportFormats = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const reportTitles: Record<ReportKind, { zh: string; en: string }> = {
  agentComparison: { zh: '坐席质检对比', en: 'Agent comparison' },
  monthly: { zh: '月度质检分析', en: 'Monthly QA report' },
  siteRanking: { zh: '分公司质检排名', en: 'Site ranking' },
};

/** 月度质检分析_全部班组_2026-03.xlsx: report, whose evaluations (team, site or scope) and period, safe on Windows. */
export function reportFileName(
  report: ReportKind,
  whose: { scope?: ReportScope; teamName?: string | null; site?: string | null },
  p: Period,
  format: ExportFormat,
  mode: ScoreMode = 'final',
): string {
  // The final score is the report's own; the other mode is named in the file so two exports never pass for one.
  const suffix = mode === 'final' ? '' : `_${scoreModeTitles[mode].zh}`;
  const label =
    whose.teamName ??
    whose.site ??
    (whose.scope === 'mine'
      ? '我的评分'
      : whose.scope === 'team'
        ? '我的班组'
        : whose.scope === 'site'
          ? '本分公司'
          : '全部班组');
  return `${reportTitles[report].zh}_${label.replace(/[\\/:*?"<>|\s]+/g, '-')}_${periodLabel(p)}${suffix}.${format}`;
}

/** The monthly report's month and the months its trends cover: at least a quarter, back to `from` if earlier. */
export function monthlyWindow(p: Period, minimumMonths = 3): { month: string; months: string[] } {
  const month = p.toMonth;
  const start = [p.fromMonth, addMonths(month, -(minimumMonths - 1))].sort()[0];
  return { month, months: monthsBetween(start, month) };
}

// What the reports answer (their result shapes), kept beside these inputs for every importer.
export * from './report-results';
