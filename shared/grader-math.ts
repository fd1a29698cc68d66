/**
 * Grading the graders: per inspector over a period, how much they scored, how long they worked on a call, how much of
 * it they listened to, and how strict they are against the peers who scored the same agents in the same month. One
 * computation for the app (from the evaluations it holds) and the head-office server (from everything in scope).
 *
 * Definitions (README, "Grading the graders"):
 * - activeSecondsMedian: the median of the evaluations' active seconds (time the call was open in front of the
 *   inspector, idle stretches left out, up to the revision reported), over evaluations that recorded it.
 * - playedShare: the mean over those evaluations of min(1, played ÷ call duration), where played is the length of
 *   the union of the stretches of audio actually played.
 * - meanTotal: the average total, exact to the hundredth (averageX100).
 * - strictness: for each (month, agent) the inspector scored and some other inspector scored too, the peers' mean
 *   for that agent that month (rounded to hundredths) minus the inspector's own scores, weighted by how many the
 *   inspector scored: Σ (n_own · peerMean − Σ own totals) ÷ Σ n_own, exact in hundredths. Positive = stricter (scores
 *   lower than peers), negative = more lenient; null when no peer scored the same agents in the same months.
 * - alignment: the mean of the inspector's calibration alignments in the sessions that closed in the period.
 * - overturnRate: disputes overturned ÷ disputed, where the app knows disputes (not yet: always null).
 * - drift: an alert when each of the `driftMonths` whole months up to the period's last month has a strictness of
 *   at least `driftPoints` the same way (stricter, or more lenient).
 */
import { z } from 'zod';
import { addMonths, monthsBetween } from './report';
import { averageX100 } from './report-math';

export interface GraderEvaluation {
  inspectorId: string;
  inspectorName: string;
  agentNo: string;
  /** YYYY-MM of the call day. */
  month: string;
  totalX100: number;
  activeSeconds: number | null;
  playedMs: number | null;
  durationMs: number | null;
}

export interface GraderAlignment {
  inspectorId: string;
  inspectorName: string;
  alignment: number;
}

export interface GraderMonth {
  month: string;
  evaluations: number;
  strictness: number | null;
}

export interface GraderRow {
  inspectorId: string;
  name: string;
  evaluations: number;
  activeSecondsMedian: number | null;
  playedShare: number | null;
  meanTotal: number | null;
  strictness: number | null;
  alignment: number | null;
  overturnRate: number | null;
  months: GraderMonth[];
}

export interface GraderAlert {
  inspectorId: string;
  name: string;
  kind: 'strict' | 'lenient';
  months: string[];
  values: number[];
  threshold: number;
}

export interface GraderReport {
  from: string;
  to: string;
  /** The drift window's months, which each row's `months` follow. */
  months: string[];
  driftPoints: number;
  driftMonths: number;
  rows: GraderRow[];
  alerts: GraderAlert[];
}

export interface GraderOptions {
  from: string;
  to: string;
  driftPoints: number;
  driftMonths: number;
  /** Only this inspector's row (an inspector sees themselves; peers still count for strictness). */
  only?: string;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Cell {
  n: number;
  sumX100: number;
}

/** Strictness numerators and weights per inspector and month, from (month, agent, inspector) cells. */
function strictnessParts(evaluations: GraderEvaluation[]): Map<string, Map<string, { num: number; den: number }>> {
  const cells = new Map<string, Map<string, Cell>>(); // month\u0001agent → inspector → cell
  for (const e of evaluations) {
    const key = `${e.month}\u0001${e.agentNo}`;
    let byInspector = cells.get(key);
    if (!byInspector) cells.set(key, (byInspector = new Map()));
    const cell = byInspector.get(e.inspectorId) ?? { n: 0, sumX100: 0 };
    cell.n++;
    cell.sumX100 += e.totalX100;
    byInspector.set(e.inspectorId, cell);
  }
  const parts = new Map<string, Map<string, { num: number; den: number }>>();
  for (const [key, byInspector] of cells) {
    const month = key.split('\u0001')[0];
    let allN = 0;
    let allSum = 0;
    for (const c of byInspector.values()) {
      allN += c.n;
      allSum += c.sumX100;
    }
    for (const [inspectorId, own] of byInspector) {
      const peersN = allN - own.n;
      if (peersN === 0) continue;
      const peerMeanX100 = Math.round(averageX100(allSum - own.sumX100, peersN)! * 100);
      let perMonth = parts.get(inspectorId);
      if (!perMonth) parts.set(inspectorId, (perMonth = new Map()));
      const p = perMonth.get(month) ?? { num: 0, den: 0 };
      p.num += own.n * peerMeanX100 - own.sumX100;
      p.den += own.n;
      perMonth.set(month, p);
    }
  }
  return parts;
}

/**
 * `evaluations`: those of the period (call days from..to). `recent`: those of the whole months of the drift window
 * (driftWindow), for the month-by-month strictness the alerts read; the period's own months may be fewer.
 */
export function graderReport(
  evaluations: GraderEvaluation[],
  recent: GraderEvaluation[],
  alignments: GraderAlignment[],
  options: GraderOptions,
): GraderReport {
  const months = driftWindow(options.to, options.driftMonths);
  const parts = strictnessParts(evaluations);
  const monthly = strictnessParts(recent);
  const byInspector = new Map<string, GraderEvaluation[]>();
  const names = new Map<string, string>();
  for (const e of evaluations) {
    const list = byInspector.get(e.inspectorId) ?? [];
    list.push(e);
    byInspector.set(e.inspectorId, list);
    if (e.inspectorName) names.set(e.inspectorId, e.inspectorName);
  }
  const alignmentOf = new Map<string, number[]>();
  for (const a of alignments) {
    alignmentOf.set(a.inspectorId, [...(alignmentOf.get(a.inspectorId) ?? []), a.alignment]);
    if (!names.has(a.inspectorId) && a.inspectorName) names.set(a.inspectorId, a.inspectorName);
  }
  const ids = [...new Set([...byInspector.keys(), ...alignmentOf.keys()])].filter(
    (id) => options.only === undefined || id === options.only,
  );
  const rows: GraderRow[] = ids.map((inspectorId) => {
    const own = byInspector.get(inspectorId) ?? [];
    const worked = own.filter((e) => e.activeSeconds !== null);
    const listened = own.filter((e) => e.playedMs !== null && e.durationMs !== null && e.durationMs > 0);
    let num = 0;
    let den = 0;
    for (const p of (parts.get(inspectorId) ?? new Map<string, { num: number; den: number }>()).values()) {
      num += p.num;
      den += p.den;
    }
    const aligned = alignmentOf.get(inspectorId) ?? [];
    return {
      inspectorId,
      name: names.get(inspectorId) ?? '',
      evaluations: own.length,
      activeSecondsMedian: median(worked.map((e) => e.activeSeconds as number)),
      playedShare: listened.length
        ? listened.reduce((s, e) => s + Math.min(1, (e.playedMs as number) / (e.durationMs as number)), 0) /
          listened.length
        : null,
      meanTotal: averageX100(
        own.reduce((s, e) => s + e.totalX100, 0),
        own.length,
      ),
      strictness: averageX100(num, den),
      alignment: aligned.length ? aligned.reduce((a, b) => a + b, 0) / aligned.length : null,
      overturnRate: null,
      months: months.map((month) => {
        const p = monthly.get(inspectorId)?.get(month);
        return {
          month,
          evaluations: recent.filter((e) => e.inspectorId === inspectorId && e.month === month).length,
          strictness: p ? averageX100(p.num, p.den) : null,
        };
      }),
    };
  });
  rows.sort((a, b) => (b.strictness ?? -Infinity) - (a.strictness ?? -Infinity) || (a.name < b.name ? -1 : 1));
  return {
    from: options.from,
    to: options.to,
    months,
    driftPoints: options.driftPoints,
    driftMonths: options.driftMonths,
    rows,
    alerts: driftAlerts(rows, months, options),
  };
}

/** Inspectors at least driftPoints stricter (or more lenient) than peers in each of the period's last months. */
function driftAlerts(rows: GraderRow[], last: string[], options: GraderOptions): GraderAlert[] {
  const alerts: GraderAlert[] = [];
  for (const row of rows) {
    const values = last.map((m) => row.months.find((x) => x.month === m)?.strictness ?? null);
    if (values.some((v) => v === null)) continue;
    const v = values as number[];
    const kind = v.every((x) => x >= options.driftPoints)
      ? 'strict'
      : v.every((x) => x <= -options.driftPoints)
        ? 'lenient'
        : null;
    if (kind) {
      alerts.push({
        inspectorId: row.inspectorId,
        name: row.name,
        kind,
        months: last,
        values: v,
        threshold: options.driftPoints,
      });
    }
  }
  return alerts;
}

/** The whole months a drift alert looks at: the last `driftMonths` up to the period's last month, oldest first. */
export function driftWindow(to: string, driftMonths: number): string[] {
  const last = to.slice(0, 7);
  return monthsBetween(addMonths(last, 1 - driftMonths), last);
}

const nullableNumber = z.number().nullable();
const monthRe = /^\d{4}-\d{2}$/;

/** The report as head office sends it (`GET /v1/reports/graders`), checked by the app before it is shown. */
export const graderReportSchema = z.object({
  from: z.string().max(10),
  to: z.string().max(10),
  months: z.array(z.string().regex(monthRe)).max(12),
  driftPoints: z.number(),
  driftMonths: z.number().int(),
  rows: z
    .array(
      z.object({
        inspectorId: z.string().max(100),
        name: z.string().max(200),
        evaluations: z.number().int().min(0),
        activeSecondsMedian: nullableNumber,
        playedShare: nullableNumber,
        meanTotal: nullableNumber,
        strictness: nullableNumber,
        alignment: nullableNumber,
        overturnRate: nullableNumber,
        months: z
          .array(
            z.object({ month: z.string().regex(monthRe), evaluations: z.number().int(), strictness: nullableNumber }),
          )
          .max(12),
      }),
    )
    .max(100_000),
  alerts: z
    .array(
      z.object({
        inspectorId: z.string().max(100),
        name: z.string().max(200),
        kind: z.enum(['strict', 'lenient']),
        months: z.array(z.string().regex(monthRe)).max(12),
        values: z.array(z.number()).max(12),
        threshold: z.number(),
      }),
    )
    .max(100_000),
}) satisfies z.ZodType<GraderReport>;
