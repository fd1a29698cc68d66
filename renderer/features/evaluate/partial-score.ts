import type { Answers } from '../../../shared/evaluation';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import { hiddenItems, itemEarnedX100 } from '../../../shared/scoring';

export interface PartialSection {
  /** Points earned so far on the section's scale (the section's weight × earned ÷ everything it can still hold). */
  earned: number;
  /** Points the answered items could have earned on the same scale. */
  atStake: number;
  points: number;
  answered: number;
  items: number;
}

export interface PartialScore {
  earned: number;
  atStake: number;
  answered: number;
  items: number;
  sections: Record<string, PartialSection>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The score so far while an evaluation is being filled in. shared/scoring.ts scores answered items only, so one
 * item at full marks read as 100.00 and its section as full: a figure the inspector took for the result. Here an
 * open item still counts in what its section can hold, so the figure only grows as items are scored, and reaches
 * the real total at the last one when nothing is N/A (the live total comes from computeScore once complete).
 */
export function partialScore(def: ScorecardDefinition, answers: Answers): PartialScore {
  const sections: Record<string, PartialSection> = {};
  let earned = 0;
  let atStake = 0;
  let answered = 0;
  let items = 0;
  // An item a condition hides is not there for the inspector: it neither counts as open nor holds points.
  const hidden = hiddenItems(def, answers);
  for (const section of def.sections) {
    // An item answered N/A drops out of what the section can hold; an open one still counts.
    let possible = 0;
    let got = 0;
    let stake = 0;
    let done = 0;
    let shown = 0;
    for (const item of section.items) {
      if (hidden.has(item.id)) continue;
      shown++;
      const answer = answers[item.id];
      if (answer !== undefined) done++;
      if (item.kind === 'critical' || answer === 'na') continue;
      possible += item.maxPoints;
      if (answer === undefined) continue;
      stake += item.maxPoints;
      got += (itemEarnedX100(item, answer) ?? 0) / 100;
    }
    const scale = possible > 0 ? section.points / possible : 0;
    sections[section.id] = {
      earned: round2(got * scale),
      atStake: round2(stake * scale),
      points: section.points,
      answered: done,
      items: shown,
    };
    earned += got * scale;
    atStake += stake * scale;
    answered += done;
    items += shown;
  }
  return { earned: round2(earned), atStake: round2(atStake), answered, items, sections };
}
