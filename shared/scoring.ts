/**
 * THE score computation. The renderer (live score), the core (stored score) and the server (check on push) all call
 * computeScore, so a score can never differ between them.
 *
 * Exactness: every points value is turned into integer hundredths first; a section score is the exact rational
 * P × earned / possible rounded half-up once to hundredths, the total is a sum of those integers (rescaled, and
 * rounded once more, only when a section drops out as N/A). All intermediate values stay far below 2^53, so there
 * is no float drift: 81.49 stays 81.49 whatever the order of the items.
 */
import type { Answer, Answers } from './evaluation';
import { hundredths, onLadderX100 } from './points';
import type { ScorecardDefinition, ScorecardItem } from './scorecard';

export interface SectionScore {
  /** Section score after critical items limited to this section; null when the section dropped out (all N/A). */
  score: number | null;
  /** Same without any critical cap: the section before critical items. */
  uncappedScore: number | null;
  /**
   * The section as the final total counts it: 0 when a critical item zeroed the whole evaluation or this section.
   * These add up to the total (the before-critical scores add up to uncappedTotal) unless a section dropped out.
   */
  finalScore: number | null;
  points: number;
  earned: number;
  possible: number;
  /** Every scoring item is N/A (or not yet answered): the section drops out and the total is rescaled. */
  na: boolean;
  criticalFailed: boolean;
  unanswered: number;
}

export interface ScoreResult {
  total: number;
  uncappedTotal: number;
  sections: Record<string, SectionScore>;
  /** Any critical item failed (whatever its scope). */
  criticalFailed: boolean;
  failedCriticalItems: string[];
  /** Items with no answer yet; submit requires none. The live score counts them as not there. */
  unanswered: string[];
  /** Items a condition hides for these answers: they count as N/A, and any answer they still hold is ignored. */
  hidden: string[];
  /** Shown, answered items that lost points (or, for critical items, failed): the ones comments and causes explain. */
  deductions: string[];
  complete: boolean;
}

export class ScoringError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'ScoringError';
  }
}

/** a / b rounded half-up, for non-negative integers. Exact: no division result is ever stored as a float. */
export function divRoundHalfUp(a: number, b: number): number {
  const q = Math.floor(a / b);
  const r = a - q * b;
  return 2 * r >= b ? q + 1 : q;
}

export const fromHundredths = (h: number): number => h / 100;

function answerProblem(item: ScorecardItem, answer: Answer): string | null {
  const label = `Item "${item.id}"`;
  if (answer === 'na') return item.allowNa ? null : `${label} does not allow N/A.`;
  if (item.kind === 'points') {
    if (typeof answer !== 'number') return `${label} takes points, not "${answer}".`;
    const a = hundredths(answer);
    const max = hundredths(item.maxPoints);
    if (Math.abs(answer * 100 - a) > 1e-6) return `${label}: ${answer} has more than two decimals.`;
    if (a < 0 || a > max) return `${label}: ${answer} is outside 0..${item.maxPoints}.`;
    if (!onLadderX100(item, a)) return `${label}: ${answer} is not a step of ${item.step}.`;
    return null;
  }
  if (item.kind === 'choice') {
    return typeof answer === 'string' && (item.options ?? []).some((o) => o.id === answer)
      ? null
      : `${label} takes one of its options, not ${String(answer)}.`;
  }
  return answer === 'pass' || answer === 'fail' ? null : `${label} takes "pass" or "fail", not ${String(answer)}.`;
}

/**
 * Hundredths an answer earns on a scoring item: points as given, all or nothing for yes/no, the option's points for
 * a choice. Null where the answer earns nothing either way (N/A, critical items). Assumes a valid answer.
 */
export function itemEarnedX100(item: ScorecardItem, answer: Answer): number | null {
  if (answer === 'na' || item.kind === 'critical') return null;
  if (item.kind === 'points') return hundredths(answer as number);
  if (item.kind === 'yesno') return answer === 'pass' ? hundredths(item.maxPoints) : 0;
  const option = (item.options ?? []).find((o) => o.id === answer);
  return option ? hundredths(option.points) : 0;
}

/** Whether an answer lost points (a critical item: failed). */
export function isDeduction(item: ScorecardItem, answer: Answer): boolean {
  if (item.kind === 'critical') return answer === 'fail';
  const earned = itemEarnedX100(item, answer);
  return earned !== null && earned < hundredths(item.maxPoints);
}

/** Whether `answer` on `trigger` (undefined: hidden, which counts as N/A) is one of the values a condition lists. */
function conditionHolds(trigger: ScorecardItem, answer: Answer | undefined, values: readonly string[]): boolean {
  if (answer === undefined || answer === 'na') return values.includes('na');
  if (values.includes(String(answer))) return true;
  if (trigger.kind === 'points' || trigger.kind === 'choice') {
    return values.includes(isDeduction(trigger, answer) ? 'deducted' : 'full');
  }
  return false;
}

/**
 * Items the answers hide, in card order. A condition names an earlier item, so one pass decides: an item is shown
 * when its trigger is shown and answered with one of the listed values (a hidden or unanswered trigger is not).
 */
export function hiddenItems(def: ScorecardDefinition, answers: Answers): Set<string> {
  const hidden = new Set<string>();
  const byId = new Map<string, ScorecardItem>();
  for (const section of def.sections) {
    for (const item of section.items) {
      byId.set(item.id, item);
      const condition = item.showIf;
      if (!condition) continue;
      const trigger = byId.get(condition.item);
      if (!trigger) {
        hidden.add(item.id);
        continue;
      }
      const answer = hidden.has(trigger.id) ? undefined : own(answers, trigger.id);
      const unanswered = answer === undefined && !hidden.has(trigger.id);
      if (unanswered || !conditionHolds(trigger, answer, condition.answers)) hidden.add(item.id);
    }
  }
  return hidden;
}

const own = (answers: Answers, id: string): Answer | undefined =>
  Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : undefined;

/** Every reason these answers cannot be scored against this card (unknown items, wrong kinds, out of range). */
export function answerProblems(def: ScorecardDefinition, answers: Answers): string[] {
  const items = new Map(def.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const problems: string[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    const item = items.get(id);
    if (!item) problems.push(`Item "${id}" is not on this scorecard.`);
    else {
      const p = answerProblem(item, answer);
      if (p) problems.push(p);
    }
  }
  return problems;
}

interface SectionTally {
  id: string;
  pointsH: number;
  earnedH: number;
  possibleH: number;
  /** A critical item limited to this section failed. */
  failed: boolean;
  /** Scoring items still unanswered. */
  open: number;
}

/**
 * Section = section points × earned ÷ possible over answered, shown, non-N/A items; an all-N/A section drops out and
 * the total is rescaled to the card's full points; a failed critical item zeroes the total (or its section).
 * Throws ScoringError for answers that do not fit the card.
 */
export function computeScore(def: ScorecardDefinition, answers: Answers): ScoreResult {
  const problems = answerProblems(def, answers);
  if (problems.length) throw new ScoringError(problems);

  const hiddenSet = hiddenItems(def, answers);
  const unanswered: string[] = [];
  const deductions: string[] = [];
  const failedCriticalItems: string[] = [];
  let totalFailed = false;

  const tallies: SectionTally[] = def.sections.map((section) => {
    const tally: SectionTally = {
      id: section.id,
      pointsH: hundredths(section.points),
      earnedH: 0,
      possibleH: 0,
      failed: false,
      open: 0,
    };
    for (const item of section.items) {
      if (hiddenSet.has(item.id)) continue;
      const answer = own(answers, item.id);
      if (answer === undefined) {
        unanswered.push(item.id);
        if (item.kind !== 'critical') tally.open++;
        continue;
      }
      if (answer === 'na') continue;
      if (isDeduction(item, answer)) deductions.push(item.id);
      if (item.kind === 'critical') {
        if (answer === 'fail') {
          failedCriticalItems.push(item.id);
          if (item.criticalScope === 'section') tally.failed = true;
          else totalFailed = true;
        }
        continue;
      }
      tally.possibleH += hundredths(item.maxPoints);
      tally.earnedH += itemEarnedX100(item, answer) as number;
    }
    return tally;
  });

  let cardH = 0;
  let remainingH = 0;
  let sumH = 0;
  let sumUncappedH = 0;
  const sections: Record<string, SectionScore> = {};
  for (const { id, pointsH, earnedH, possibleH, failed, open } of tallies) {
    cardH += pointsH;
    const na = possibleH === 0;
    const uncappedH = na ? null : divRoundHalfUp(pointsH * earnedH, possibleH);
    const scoreH = uncappedH === null ? null : failed ? 0 : uncappedH;
    if (scoreH !== null && uncappedH !== null) {
      remainingH += pointsH;
      sumH += scoreH;
      sumUncappedH += uncappedH;
    }
    sections[id] = {
      score: scoreH === null ? null : fromHundredths(scoreH),
      uncappedScore: uncappedH === null ? null : fromHundredths(uncappedH),
      finalScore: scoreH === null ? null : totalFailed ? 0 : fromHundredths(scoreH),
      points: fromHundredths(pointsH),
      earned: fromHundredths(earnedH),
      possible: fromHundredths(possibleH),
      na,
      criticalFailed: failed,
      unanswered: open,
    };
  }

  const rescale = (h: number): number => {
    if (remainingH === 0) return 0;
    return remainingH === cardH ? h : divRoundHalfUp(h * cardH, remainingH);
  };
  const uncappedTotalH = rescale(sumUncappedH);
  const totalH = totalFailed ? 0 : rescale(sumH);
  return {
    total: fromHundredths(totalH),
    uncappedTotal: fromHundredths(uncappedTotalH),
    sections,
    criticalFailed: failedCriticalItems.length > 0,
    failedCriticalItems,
    unanswered,
    hidden: [...hiddenSet],
    deductions,
    complete: unanswered.length === 0,
  };
}

/** Section scores as sent over the wire and stored: id → score, null for a section that dropped out. */
export function sectionScoreMap(result: ScoreResult): Record<string, number | null> {
  return Object.fromEntries(Object.entries(result.sections).map(([id, s]) => [id, s.score]));
}
