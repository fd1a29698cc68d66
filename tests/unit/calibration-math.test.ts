/**
 * Calibration results worked by hand on a small card (three inspectors, one call), against a reference, and as
 * properties: inspectors who all answer alike are perfectly aligned with no spread; the order the scores arrive in
 * and the names the inspectors carry change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrationResults,
  type CalibrationCallInput,
  type CalibrationScoreInput,
} from '../../shared/calibration-math';
import type { Answers } from '../../shared/evaluation';
import type { ScorecardDefinition } from '../../shared/scorecard';
import { computeScore, sectionScoreMap } from '../../shared/scoring';
import { answersArb, scorecardArb } from '../support/scorecard-arb';

const item = (id: string, kind: 'points' | 'yesno' | 'critical', maxPoints: number, allowNa = false) => ({
  id,
  name: id,
  kind,
  maxPoints,
  step: 1,
  allowNa,
  description: '',
  guidance: '',
  criticalScope: 'total' as const,
});

/** S1 (60): p1 points 40, y1 yes/no 20. S2 (40): p2 points 40 (N/A allowed), c1 critical. */
const card: ScorecardDefinition = {
  name: 'test',
  channel: 'phone',
  description: '',
  sections: [
    { id: 'S1', name: 'S1', points: 60, description: '', items: [item('p1', 'points', 40), item('y1', 'yesno', 20)] },
    {
      id: 'S2',
      name: 'S2',
      points: 40,
      description: '',
      items: [item('p2', 'points', 40, true), item('c1', 'critical', 0)],
    },
  ],
};

const sha = 'a'.repeat(64);

function score(inspectorId: string, answers: Answers, sha256 = sha): CalibrationScoreInput {
  const r = computeScore(card, answers);
  return {
    inspectorId,
    inspectorName: `name-${inspectorId}`,
    sha256,
    answers,
    total: r.total,
    sections: sectionScoreMap(r),
    itemComments: { p1: `${inspectorId} on p1` },
    comment: '',
    notes: [{ startMs: 1000, endMs: null, itemId: 'p1', text: `${inspectorId} note` }],
  };
}

const A = score('A', { p1: 40, y1: 'fail', p2: 30, c1: 'pass' }); // S1 40/60·60 = 40, S2 30 → 70
const B = score('B', { p1: 30, y1: 'pass', p2: 40, c1: 'pass' }); // S1 50, S2 40 → 90
const C = score('C', { p1: 20, y1: 'pass', p2: 'na', c1: 'pass' }); // S1 40, S2 drops out → 40·100/60 = 66.67
const call: CalibrationCallInput = { sha256: sha, callId: 'C-1', reference: null };

describe('calibration results by hand', () => {
  const r = calibrationResults(card, [call], [C, A, B]);
  const byItem = Object.fromEntries(r.items.map((i) => [i.itemId, i]));

  it('per item: mean, sample sd, range; the most disagreement (sd ÷ points) first', () => {
    expect([A.total, B.total, C.total]).toEqual([70, 90, 66.67]);
    // y1: 0, 20, 20 → mean 13.33, sd √(((0−13.33…)² + 2·(6.66…)²)/2) = 11.547, ÷ 20 = .577
    // p1: 40, 30, 20 → mean 30, sd 10, ÷ 40 = .25;  p2: 30, 40 (C N/A) → 35, 7.071, ÷ 40 = .177;  c1: all pass → 0
    expect(r.items.map((i) => i.itemId)).toEqual(['y1', 'p1', 'p2', 'c1']);
    expect(byItem.p1).toMatchObject({ n: 3, mean: 30, min: 20, max: 40, sd: 10, spread: 0.25 });
    expect(byItem.y1).toMatchObject({ n: 3, mean: 13.33, min: 0, max: 20 });
    expect(byItem.y1.sd).toBeCloseTo(11.547005, 6);
    expect(byItem.p2).toMatchObject({ n: 2, mean: 35, min: 30, max: 40 });
    expect(byItem.p2.sd).toBeCloseTo(7.071068, 6);
    expect(byItem.c1).toMatchObject({ n: 3, mean: 1, sd: 0, spread: 0 });
  });

  it('per section and per call total', () => {
    const s1 = r.sections.find((s) => s.sectionId === 'S1')!;
    expect(s1).toMatchObject({ n: 3, mean: 43.33, min: 40, max: 50 }); // 40, 50, 40
    const s2 = r.sections.find((s) => s.sectionId === 'S2')!;
    expect(s2).toMatchObject({ n: 2, mean: 35 }); // C's S2 dropped out
    // (70 + 90 + 66.67) / 3 = 75.5566… → 75.56
    expect(r.calls[0].total).toMatchObject({ n: 3, mean: 75.56, min: 66.67, max: 90 });
    expect(r.calls[0].targetSource).toBe('consensus');
  });

  it('deviations from the consensus, and each inspector’s alignment', () => {
    expect(byItem.p1.ratings.map((x) => [x.inspectorId, x.deviation])).toEqual([
      ['A', 10],
      ['B', 0],
      ['C', -10],
    ]);
    expect(byItem.y1.ratings.map((x) => x.deviation)).toEqual([-13.33, 6.67, 6.67]);
    const align = Object.fromEntries(r.inspectors.map((i) => [i.inspectorId, i]));
    // A: (10 + 13.33 + 5) / (40 + 20 + 40) → 1 − 28.33/100
    expect(align.A.alignment).toBeCloseTo(1 - 28.33 / 100, 12);
    // B: (0 + 6.67 + 5) / 100
    expect(align.B.alignment).toBeCloseTo(1 - 11.67 / 100, 12);
    // C: p2 is N/A, so (10 + 6.67) / (40 + 20)
    expect(align.C.alignment).toBeCloseTo(1 - 16.67 / 60, 12);
    // totals against 75.56
    expect([align.A.meanDeviation, align.B.meanDeviation, align.C.meanDeviation]).toEqual([-5.56, 14.44, -8.89]);
  });

  it('α: interval on points items as shares of their points, nominal on yes/no and critical items', () => {
    // interval units: p1 (1, .75, .5), p2 (.75, 1). o(1,.75) = o(.75,1) = .5 + 1, o(1,.5) = o(.5,1) = .5,
    // o(.75,.5) = o(.5,.75) = .5; n_1 = 2, n_.75 = 2, n_.5 = 1, n = 5. Observed Σ o δ² = 2·1.5·.0625 + 2·.5·.25 +
    // 2·.5·.0625 = .5; expected Σ n n δ² = 2·4·.0625 + 2·2·.25 + 2·2·.0625 = 1.75. α = 1 − 4·.5/1.75 = −1/7.
    expect(r.alpha.interval.alpha).toBeCloseTo(-1 / 7, 12);
    expect(r.alpha.interval).toMatchObject({ reading: 'unreliable', units: 2 });
    // nominal units: y1 (fail, pass, pass), c1 (pass, pass, pass). o_fp = o_pf = 1, o_pp = 1 + 3; n_f = 1, n_p = 5.
    // α = 1 − 5·2 / (2·1·5) = 0
    expect(r.alpha.nominal.alpha).toBeCloseTo(0, 12);
  });

  it('carries each inspector’s comments and the notes tied to the item, side by side', () => {
    expect(byItem.p1.ratings.map((x) => x.comment)).toEqual(['A on p1', 'B on p1', 'C on p1']);
    expect(byItem.p1.ratings[2].notes).toEqual([{ startMs: 1000, endMs: null, itemId: 'p1', text: 'C note' }]);
    expect(byItem.y1.ratings[0].notes).toEqual([]);
  });

  it('measures against the reference where the call has one', () => {
    const ref = score('ref', { p1: 40, y1: 'pass', p2: 40, c1: 'pass' }); // 100
    const withRef = calibrationResults(
      card,
      [{ ...call, reference: { answers: ref.answers, total: ref.total, sections: ref.sections } }],
      [A, B, C],
    );
    const align = Object.fromEntries(withRef.inspectors.map((i) => [i.inspectorId, i]));
    expect(align.A.alignment).toBeCloseTo(1 - (0 + 20 + 10) / 100, 12);
    expect(align.B.alignment).toBeCloseTo(1 - (10 + 0 + 0) / 100, 12);
    expect(align.C.alignment).toBeCloseTo(1 - (20 + 0) / 60, 12);
    expect([align.A.meanDeviation, align.B.meanDeviation, align.C.meanDeviation]).toEqual([-30, -10, -33.33]);
    expect(withRef.items.find((i) => i.itemId === 'p1')).toMatchObject({ target: 40, targetSource: 'reference' });
    // the reference is not a coder: α is the inspectors' agreement alone
    expect(withRef.alpha).toEqual(r.alpha);
  });
});

/** A card, a few calls and 2–5 inspectors' answers for each. */
const sessionArb = scorecardArb.chain((def) =>
  fc.record({
    def: fc.constant(def),
    calls: fc.integer({ min: 1, max: 3 }),
    inspectors: fc.integer({ min: 2, max: 5 }),
    answers: fc.array(answersArb(def), { minLength: 15, maxLength: 15 }),
  }),
);

function scoresOf(def: ScorecardDefinition, calls: number, inspectors: number, answers: Answers[]) {
  const list: CalibrationScoreInput[] = [];
  for (let c = 0; c < calls; c++) {
    for (let i = 0; i < inspectors; i++) {
      const a = answers[c * inspectors + i];
      const r = computeScore(def, a);
      list.push({
        inspectorId: `i${i}`,
        inspectorName: `质检员${i}`,
        sha256: String(c).repeat(64),
        answers: a,
        total: r.total,
        sections: sectionScoreMap(r),
        itemComments: {},
        comment: '',
        notes: [],
      });
    }
  }
  return list;
}
const callsOf = (n: number): CalibrationCallInput[] =>
  Array.from({ length: n }, (_, c) => ({ sha256: String(c).repeat(64), callId: null, reference: null }));

describe('calibration properties', () => {
  it('inspectors who answer alike are perfectly aligned, without spread, with α = 1 where it is defined', () => {
    fc.assert(
      fc.property(sessionArb, ({ def, calls, inspectors, answers }) => {
        const same = Array.from({ length: 15 }, (_, k) => answers[Math.floor(k / inspectors)]);
        const r = calibrationResults(def, callsOf(calls), scoresOf(def, calls, inspectors, same));
        for (const i of r.inspectors) if (i.alignment !== null) expect(i.alignment).toBe(1);
        for (const i of r.items) if (i.sd !== null) expect(i.sd).toBe(0);
        for (const a of [r.alpha.interval.alpha, r.alpha.nominal.alpha]) if (a !== null) expect(a).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('the order scores arrive in changes nothing; renaming inspectors changes only the names', () => {
    fc.assert(
      fc.property(sessionArb, fc.integer(), ({ def, calls, inspectors, answers }, seed) => {
        const scores = scoresOf(def, calls, inspectors, answers);
        const r = calibrationResults(def, callsOf(calls), scores);
        let s = seed >>> 0;
        const shuffled = scores
          .map((v) => ({ v, k: (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.v);
        expect(calibrationResults(def, callsOf(calls), shuffled)).toEqual(r);
        // reverse the inspectors' ids: the same people under other names
        const renamed = scores.map((x) => ({ ...x, inspectorId: `z${inspectors - Number(x.inspectorId.slice(1))}` }));
        const again = calibrationResults(def, callsOf(calls), renamed);
        expect(again.alpha).toEqual(r.alpha);
        const alignment = (list: typeof r.inspectors) =>
          Object.fromEntries(list.map((i) => [i.name, [i.alignment, i.meanDeviation]]));
        expect(alignment(again.inspectors)).toEqual(alignment(r.inspectors));
        for (const i of r.inspectors) if (i.alignment !== null) expect(i.alignment).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });
});
