/**
 * 合计 (cumulative) columns and rows of the monthly report. A quarter, a year to date or any range of months adds up
 * exactly its months; a single month adds up the months shown of its own year, so March's report totals the first
 * quarter as the real report does, and January's never reaches back into last year.
 */
import type { CumulativeFigures, Period } from '../../../shared/report';
import { averageX100 } from '../../../shared/report-math';

export interface CumulativeSpan {
  from: string;
  to: string;
}

/** `months` are the report's months, oldest first, ending with the period's last month. */
export function cumulativeSpan(p: Period, months: string[]): CumulativeSpan {
  const to = months[months.length - 1];
  if (p.fromMonth < p.toMonth) return { from: p.fromMonth, to };
  const yearStart = `${to.slice(0, 4)}-01`;
  return { from: months.find((m) => m >= yearStart) ?? to, to };
}

const inSpan = (span: CumulativeSpan) => (m: string) => m >= span.from && m <= span.to;

/** The sum of per-month values over the span. */
export function sumOver(values: number[], months: string[], span: CumulativeSpan): number {
  const keep = inSpan(span);
  return months.reduce((total, m, i) => (keep(m) ? total + values[i] : total), 0);
}

/** Count and exact average over the span, from per-month sums of hundredths and counts. */
export function cumulativeFigures(
  sumsX100: number[],
  counts: number[],
  months: string[],
  span: CumulativeSpan,
): CumulativeFigures {
  const count = sumOver(counts, months, span);
  return { count, average: averageX100(sumOver(sumsX100, months, span), count) };
}
