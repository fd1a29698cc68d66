/**
 * The points ladder is defined once (shared/points.ts): the buttons the evaluate page offers, the keys that step
 * through it and the scoring rules that check an answer must agree on every item a card can hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hundredths, ladderLength, ladderStep, ladderValues, onLadderX100, snapToLadder } from '../../shared/points';

const ladderArb = fc
  .record({ maxX100: fc.integer({ min: 1, max: 5000 }), stepX100: fc.integer({ min: 1, max: 2000 }) })
  .filter(({ maxX100, stepX100 }) => stepX100 <= maxX100 && Math.ceil(maxX100 / stepX100) <= 500)
  .map(({ maxX100, stepX100 }) => ({ maxPoints: maxX100 / 100, step: stepX100 / 100 }));

describe('the points ladder', () => {
  it('offers exactly the values the scoring accepts, and stepping walks them one by one', () => {
    fc.assert(
      fc.property(ladderArb, (item) => {
        const values = ladderValues(item);
        expect(values.length).toBe(ladderLength(item));
        expect(values[0]).toBe(0);
        expect(values.at(-1)).toBe(item.maxPoints);
        for (const v of values) expect(onLadderX100(item, hundredths(v))).toBe(true);
        for (let i = 0; i < values.length; i++) {
          expect(ladderStep(item, values[i], 1)).toBe(values[Math.min(i + 1, values.length - 1)]);
          expect(ladderStep(item, values[i], -1)).toBe(values[Math.max(i - 1, 0)]);
        }
      }),
    );
  });

  it('snaps a typed value to the ladder value at or below it, within 0..max', () => {
    fc.assert(
      fc.property(ladderArb, fc.integer({ min: -500, max: 6000 }), (item, typedX100) => {
        const snapped = snapToLadder(item, typedX100 / 100);
        expect(onLadderX100(item, hundredths(snapped))).toBe(true);
        const clamped = Math.min(Math.max(typedX100, 0), hundredths(item.maxPoints));
        expect(hundredths(snapped)).toBeLessThanOrEqual(clamped);
        // nothing on the ladder lies between the snapped value and what was typed
        const next = ladderStep(item, snapped, 1);
        if (hundredths(next) !== hundredths(snapped)) expect(hundredths(next)).toBeGreaterThan(clamped);
      }),
    );
  });
});
