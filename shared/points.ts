/** Points as integer hundredths: every score is computed on these, so no float drift reaches a total. */
export const hundredths = (points: number): number => Math.round(points * 100);

/** Hundredths back to a short decimal for messages: 1250 → "12.5", 1000 → "10". */
export const formatHundredths = (h: number): string => (h / 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * A points item's ladder: every multiple of its step from 0, and its maximum (which need not be a multiple). The one
 * definition the scoring rules check answers against and the evaluate page offers and steps through.
 */
export interface Ladder {
  maxPoints: number;
  step: number;
}

/** Whether `points` (in hundredths) is on the ladder. */
export function onLadderX100(item: Ladder, pointsX100: number): boolean {
  const max = hundredths(item.maxPoints);
  return pointsX100 >= 0 && pointsX100 <= max && (pointsX100 === max || pointsX100 % hundredths(item.step) === 0);
}

/** Every value on the ladder, lowest first. */
export function ladderValues(item: Ladder): number[] {
  const max = hundredths(item.maxPoints);
  const step = hundredths(item.step);
  const values: number[] = [];
  for (let h = 0; h < max; h += step) values.push(h / 100);
  values.push(max / 100);
  return values;
}

/** How many values the ladder has (without listing them). */
export const ladderLength = (item: Ladder): number => Math.ceil(hundredths(item.maxPoints) / hundredths(item.step)) + 1;

/** The ladder's value nearest below `value` (clamped to 0..max). */
export function snapToLadder(item: Ladder, value: number): number {
  const max = hundredths(item.maxPoints);
  const step = hundredths(item.step);
  const v = Math.min(Math.max(hundredths(value), 0), max);
  return v === max ? max / 100 : (Math.floor(v / step) * step) / 100;
}

/** The next value up or down the ladder from `current` (none yet: the bottom going up, the top going down). */
export function ladderStep(item: Ladder, current: number | undefined, direction: 1 | -1): number {
  const max = hundredths(item.maxPoints);
  const step = hundredths(item.step);
  if (current === undefined) return direction > 0 ? 0 : item.maxPoints;
  const c = hundredths(current);
  if (direction > 0) return Math.min(max, c % step === 0 ? c + step : Math.ceil(c / step) * step) / 100;
  if (c === max && max % step !== 0) return (Math.floor(max / step) * step) / 100;
  return Math.max(0, c - step) / 100;
}
