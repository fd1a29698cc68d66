import type { Period } from '../../../shared/report';

/** The parts of a period: its whole months (read from summaries) and the days outside them (read from facts). */
export function splitPeriod(p: Period): { months: [string, string] | null; days: [string, string][] } {
  if (p.wholeMonths) return { months: [p.fromMonth, p.toMonth], days: [] };
  const monthEnd = (m: string) => {
    const [y, mo] = m.split('-').map(Number);
    return `${m}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
  };
  if (p.fromMonth === p.toMonth) return { months: null, days: [[p.from, p.to]] };
  const days: [string, string][] = [];
  let firstWhole = p.fromMonth;
  if (!p.from.endsWith('-01')) {
    days.push([p.from, monthEnd(p.fromMonth)]);
    firstWhole = nextMonth(p.fromMonth);
  }
  let lastWhole = p.toMonth;
  if (p.to !== monthEnd(p.toMonth)) {
    days.push([`${p.toMonth}-01`, p.to]);
    lastWhole = previousMonth(p.toMonth);
  }
  return { months: firstWhole <= lastWhole ? [firstWhole, lastWhole] : null, days };
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

function previousMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}
