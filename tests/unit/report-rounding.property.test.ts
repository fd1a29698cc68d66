/**
 * The rounding rule of tables with section averages beside a total (shared/report-math.ts roundingDifference):
 * every figure is its own column's half-up average and 舍入差 makes the row add up exactly; when every evaluation's
 * sections add up to its total (no section dropped out), 舍入差 is at most (sections + 1) / 2 hundredths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageX100, comparisonFigures, roundingDifference, type ScoreSums } from '../../shared/report-math';

const x100 = (v: number | null) => Math.round((v ?? 0) * 100);

/** Evaluations as section scores in hundredths; each total is the sum of its sections, as scoring makes it. */
const evaluationsArb = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: k, maxLength: k }), {
    minLength: 1,
    maxLength: 80,
  }),
);

function sumsOf(evaluations: number[][]): ScoreSums {
  const totals = evaluations.map((e) => e.reduce((a, v) => a + v, 0));
  return {
    n: evaluations.length,
    sumX100: totals.reduce((a, v) => a + v, 0),
    minX100: Math.min(...totals),
    maxX100: Math.max(...totals),
    criticalFails: 0,
    sections: Object.fromEntries(
      evaluations[0].map((_, i) => [
        `s${i}`,
        { n: evaluations.length, sumX100: evaluations.reduce((a, e) => a + e[i], 0) },
      ]),
    ),
  };
}

describe('舍入差', () => {
  it('makes every row add up, and is rounding alone when sections add up to totals', () => {
    fc.assert(
      fc.property(evaluationsArb, (evaluations) => {
        const k = evaluations[0].length;
        const ids = Array.from({ length: k }, (_, i) => `s${i}`);
        const f = comparisonFigures(sumsOf(evaluations), ids);
        const sections = ids.reduce((a, id) => a + x100(f.sections[id]), 0);
        expect(sections + x100(f.difference)).toBe(x100(f.total));
        expect(Math.abs(x100(f.difference))).toBeLessThanOrEqual((k + 1) / 2);
      }),
    );
  });

  it('is worked by hand on the domain’s March figures', () => {
    // 4.34 + 19.07 + 15.21 + 42.86 = 81.48 against an average of 81.49 over 70 calls: 舍入差 0.01
    expect(roundingDifference(81.49, [4.34, 19.07, 15.21, 42.86])).toBe(0.01);
    // three evaluations 83, 0 and 60 (a critical fail zeroed the second, and its sections): sections average
    // 10/3 → 3.33, 20/3 → 6.67, 36/3 = 12, 77/3 → 25.67, adding up to 47.67 = 143/3 rounded: 舍入差 0
    expect(averageX100(14300, 3)).toBe(47.67);
    expect(roundingDifference(47.67, [3.33, 6.67, 12, 25.67])).toBe(0);
    expect(roundingDifference(null, [1, 2])).toBeNull();
    // a section with no evaluation counts as nothing shown
    expect(roundingDifference(10, [null, 9.99])).toBe(0.01);
  });
});
