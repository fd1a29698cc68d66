/**
 * Focus items (改进重点, 督办整改): the verdict a report gives each. Pure, shared by the app and its tests: a figure is
 * an average in hundredths over the evaluations of the scope in the due month.
 */
import type { FocusVerdict } from './contracts/disputes';
import { averageX100, pointsDelta } from './report-math';

/** Fewer evaluations than this in the due month say nothing about a change (a quarter of the usual 10 a month). */
export const FOCUS_MIN_EVALUATIONS = 3;

/** Improved when the due month's average reaches the target; too few evaluations decide nothing. */
export function focusVerdict(current: { sumX100: number; n: number }, targetX100: number): FocusVerdict {
  if (current.n < FOCUS_MIN_EVALUATIONS) return 'insufficient_data';
  // the average as the report shows it (rounded once to hundredths), so a shown 18.00 against 18 is reached
  const shown = averageX100(current.sumX100, current.n)!;
  return Math.round(shown * 100) >= targetX100 ? 'improved' : 'not_improved';
}

export function focusFigure(month: string, sums: { sumX100: number; n: number }) {
  return { month, value: averageX100(sums.sumX100, sums.n), count: sums.n };
}

export function focusChange(baseline: number | null, current: number | null): number | null {
  return pointsDelta(current, baseline);
}
