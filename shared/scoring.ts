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
import { hundredths, type ScorecardDefinition, type ScorecardItem } from './scorecard';

export interface SectionScore {
  /** Section score after critical items limited to this section; null when the section dropped out (all N/A). */
  score: number | null;
  /** Same without any critical cap, kept for analysis. */
  uncappedScore: number | null;
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
    if (a !== max && a % hundredths(item.step) !== 0) return `${label}: ${answer} is not a step of ${item.step}.`;
    return null;
  }
  return answer === 'pass' || answer === 'fail' ? null : `${label} takes "pass" or "fail", not ${String(answer)}.`;
}

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

/**
 * Section = section points × earned ÷ possible over answered, non-N/A items; an all-N/A section drops out and
 * the total is rescaled to the card's full points; a failed critical item zeroes the total (or its section).
 * Throws ScoringError for answers that do not fit the card.
 */
export function computeScore(def: ScorecardDefinition, answers: Answers): ScoreResult {
  const problems = answerProblems(def, answers);
  if (problems.length) throw new ScoringError(problems);

  const sections: Record<string, SectionScore> = {};
  const unanswered: string[] = [];
  const failedCriticalItems: string[] = [];
  let totalFailed = false;
  let cardH = 0;
  let remainingH = 0;
  let sumH = 0;
  let sumUncappedH = 0;

  for (const section of def.sections) {
    const pointsH = hundredths(section.points);
    cardH += pointsH;
    let earnedH = 0;
    let possibleH = 0;
    let sectionFailed = false;
    let open = 0;
    for (const item of section.items) {
      const answer = Object.prototype.hasOwnProperty.call(answers, item.id) ? answers[item.id] : undefined;
      if (answer === undefined) {
        unanswered.push(item.id);
        if (item.kind !== 'critical') open++;
        continue;
      }
      if (answer === 'na') continue;
      if (item.kind === 'critical') {
        if (answer === 'fail') {
          failedCriticalItems.push(item.id);
          if (item.criticalScope === 'section') sectionFailed = true;
          else totalFailed = true;
        }
        continue;
      }
      const maxH = hundredths(item.maxPoints);
      possibleH += maxH;
      if (item.kind === 'points') earnedH += hundredths(answer as number);
      else if (answer === 'pass') earnedH += maxH;
    }
    const na = possibleH === 0;
    const uncappedH = na ? null : divRoundHalfUp(pointsH * earnedH, possibleH);
    const scoreH = uncappedH === null ? null : sectionFailed ? 0 : uncappedH;
    if (scoreH !== null && uncappedH !== null) {
      remainingH += pointsH;
      sumH += scoreH;
      sumUncappedH += uncappedH;
    }
    sections[section.id] = {
      score: scoreH === null ? null : fromHundredths(scoreH),
      uncappedScore: uncappedH === null ? null : fromHundredths(uncappedH),
      points: fromHundredths(pointsH),
      earned: fromHundredths(earnedH),
      possible: fromHundredths(possibleH),
      na,
      criticalFailed: sectionFailed,
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
    complete: unanswered.length === 0,
  };
}

/** Section scores as sent over the wire and stored: id → score, null for a section that dropped out. */
export function sectionScoreMap(result: ScoreResult): Record<string, number | null> {
  return Object.fromEntries(Object.entries(result.sections).map(([id, s]) => [id, s.score]));
}
