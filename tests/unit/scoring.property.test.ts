import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../shared/evaluation';
import { checkScorecard, type ScorecardDefinition } from '../../shared/scorecard';
import { computeScore, divRoundHalfUp, sectionScoreMap } from '../../shared/scoring';
import { answerChoices, cardWithAnswers, scorecardArb } from '../support/scorecard-arb';

const twoDecimals = (x: number) =>
  Number.isFinite(x) && Math.round(x * 100) / 100 === x && /^\d+(\.\d{1,2})?$/.test(String(x));
const runs = { numRuns: 300 };

describe('scoring properties', () => {
  it('generated cards are publishable (the generator itself is sound)', () => {
    fc.assert(
      fc.property(scorecardArb, (def) => {
        expect(checkScorecard(def)).toEqual([]);
      }),
      runs,
    );
  });

  it('total and every section are within range and exact to two decimals', () => {
    fc.assert(
      fc.property(cardWithAnswers(), ({ def, answers }) => {
        const r = computeScore(def, answers);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(r.uncappedTotal).toBeLessThanOrEqual(100);
        expect(r.total).toBeLessThanOrEqual(r.uncappedTotal);
        expect(twoDecimals(r.total) && twoDecimals(r.uncappedTotal)).toBe(true);
        for (const s of Object.values(r.sections)) {
          if (s.score === null) continue;
          expect(twoDecimals(s.score)).toBe(true);
          expect(s.score).toBeLessThanOrEqual(s.points);
        }
      }),
      runs,
    );
  });

  it('never decreases when one answer improves', () => {
    fc.assert(
      fc.property(
        cardWithAnswers().chain(({ def, answers }) => {
          const ids = Object.keys(answers);
          return fc.record({
            def: fc.constant(def),
            answers: fc.constant(answers),
            pick: fc.integer({ min: 0, max: ids.length - 1 }),
            lift: fc.nat(),
          });
        }),
        ({ def, answers, pick, lift }) => {
          const item = def.sections.flatMap((s) => s.items)[pick];
          const current = answers[item.id];
          if (current === 'na') return;
          const ladder = answerChoices(item).filter((a) => a !== 'na');
          const at = ladder.indexOf(current);
          if (at === ladder.length - 1) return;
          const better = ladder[at + 1 + (lift % (ladder.length - 1 - at))];
          const before = computeScore(def, answers);
          const after = computeScore(def, { ...answers, [item.id]: better });
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          expect(after.uncappedTotal).toBeGreaterThanOrEqual(before.uncappedTotal);
        },
      ),
      runs,
    );
  });

  it('N/A on an item scores exactly as if the item were not on the card', () => {
    fc.assert(
      fc.property(cardWithAnswers(), ({ def, answers }) => {
        const withoutNa: ScorecardDefinition = {
          ...def,
          sections: def.sections.map((s) => ({ ...s, items: s.items.filter((i) => answers[i.id] !== 'na') })),
        };
        const kept: Answers = Object.fromEntries(Object.entries(answers).filter(([, a]) => a !== 'na'));
        const a = computeScore(def, answers);
        const b = computeScore(withoutNa, kept);
        expect(b.total).toBe(a.total);
        expect(sectionScoreMap(b)).toEqual(sectionScoreMap(a));
      }),
      runs,
    );
  });

  it('an all-N/A section drops out and the total is the others rescaled to 100', () => {
    fc.assert(
      fc.property(cardWithAnswers({ noCriticalFail: true }), ({ def, answers }) => {
        const r = computeScore(def, answers);
        let remaining = 0;
        let sum = 0;
        for (const s of def.sections) {
          const score = r.sections[s.id];
          const scoring = s.items.filter((i) => i.kind !== 'critical');
          const allNa = scoring.every((i) => answers[i.id] === 'na');
          expect(score.na).toBe(allNa);
          if (allNa) expect(score.score).toBeNull();
          else {
            remaining += Math.round(s.points * 100);
            sum += Math.round((score.score as number) * 100);
          }
        }
        const expected = remaining === 0 ? 0 : divRoundHalfUp(sum * 10000, remaining) / 100;
        expect(r.total).toBe(expected);
      }),
      runs,
    );
  });

  it('critical rules: a total-scope fail gives 0; a section-scope fail zeroes only that section', () => {
    fc.assert(
      fc.property(cardWithAnswers(), ({ def, answers }) => {
        const r = computeScore(def, answers);
        const passedAll: Answers = { ...answers };
        for (const s of def.sections)
          for (const i of s.items) if (i.kind === 'critical' && answers[i.id] === 'fail') passedAll[i.id] = 'pass';
        const clean = computeScore(def, passedAll);
        expect(r.uncappedTotal).toBe(clean.total);
        const failed = def.sections.flatMap((s) =>
          s.items.filter((i) => i.kind === 'critical' && answers[i.id] === 'fail'),
        );
        expect(r.criticalFailed).toBe(failed.length > 0);
        if (failed.some((i) => i.criticalScope === 'total')) expect(r.total).toBe(0);
        for (const s of def.sections) {
          const sectionFail = s.items.some(
            (i) => i.kind === 'critical' && i.criticalScope === 'section' && answers[i.id] === 'fail',
          );
          const expected = clean.sections[s.id].score;
          expect(r.sections[s.id].score).toBe(sectionFail && expected !== null ? 0 : expected);
          expect(r.sections[s.id].uncappedScore).toBe(expected);
        }
      }),
      runs,
    );
  });

  it('is independent of the order of sections, items and answer keys', () => {
    fc.assert(
      fc.property(cardWithAnswers(), fc.nat(), ({ def, answers }, seed) => {
        const reversed: ScorecardDefinition = {
          ...def,
          sections: [...def.sections].reverse().map((s) => ({ ...s, items: [...s.items].reverse() })),
        };
        const keys = Object.keys(answers);
        const rotated = Object.fromEntries(
          keys.map((_, i) => keys[(i + seed) % keys.length]).map((k) => [k, answers[k]]),
        );
        const a = computeScore(def, answers);
        const b = computeScore(reversed, rotated);
        expect(b.total).toBe(a.total);
        expect(b.uncappedTotal).toBe(a.uncappedTotal);
        expect(sectionScoreMap(b)).toEqual(sectionScoreMap(a));
      }),
      runs,
    );
  });

  it('without N/A sections the total is exactly the sum of the shown section scores (no float drift)', () => {
    fc.assert(
      fc.property(cardWithAnswers({ noCriticalFail: true }), ({ def, answers }) => {
        const r = computeScore(def, answers);
        const scores = Object.values(r.sections).map((s) => s.score);
        if (scores.some((s) => s === null)) return;
        const hundredthsSum = scores.reduce<number>((acc, s) => acc + Math.round((s as number) * 100), 0);
        expect(r.total).toBe(hundredthsSum / 100);
      }),
      runs,
    );
  });

  it('81.49 stays 81.49: sections whose float sum drifts are summed exactly', () => {
    // 4.34 + 19.07 + 15.21 + 42.87 in floating point is 81.49000000000001.
    expect(4.34 + 19.07 + 15.21 + 42.87).not.toBe(81.49);
    const def: ScorecardDefinition = {
      name: 'report',
      channel: 'phone',
      description: '',
      sections: [
        ['a', 5, 4.34],
        ['b', 25, 19.07],
        ['c', 20, 15.21],
        ['d', 50, 42.87],
      ].map(([id, points]) => ({
        id: id as string,
        name: id as string,
        points: points as number,
        description: '',
        items: [
          {
            id: `${id}1`,
            name: 'x',
            kind: 'points' as const,
            maxPoints: points as number,
            step: 0.01,
            allowNa: false,
            description: '',
            guidance: '',
            criticalScope: 'total' as const,
          },
        ],
      })),
    };
    const r = computeScore(def, { a1: 4.34, b1: 19.07, c1: 15.21, d1: 42.87 });
    expect(r.total).toBe(81.49);
  });
});
