import type { MonthlyReport } from '../../../shared/report';

/** The months a 合计 adds up, as its header says them: "2026-01 – 2026-03", or one month. */
export function spanLabel(m: Pick<MonthlyReport, 'cumulative'>): string {
  const { from, to } = m.cumulative;
  return from === to ? to : `${from} – ${to}`;
}
