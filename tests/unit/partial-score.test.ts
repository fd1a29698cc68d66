import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeScore } from '../../shared/scoring';
import { scorecardFileSchema } from '../../shared/scorecard';
import { partialScore } from '../../renderer/features/evaluate/partial-score';
import { normalisingGain } from '../../renderer/features/player/peaks';

const card = scorecardFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../resources/scorecards/default-phone.json', import.meta.url), 'utf8')),
).definition;
const items = card.sections.flatMap((s) => s.items);
const full = (item: (typeof items)[number]) => (item.kind === 'points' ? item.maxPoints : 'pass');

describe('the score so far', () => {
  it('counts an open item as not yet earned, not as full marks', () => {
    const one = partialScore(card, { 'opening-greeting': 2 });
    expect(one.answered).toBe(1);
    expect(one.items).toBe(23);
    // 2 of the opening section's 5 item points, on its 5-point scale; 100.00 was shown before.
    expect(one.earned).toBe(2);
    expect(one.sections.opening.earned).toBe(2);
    expect(one.sections.opening.points).toBe(5);
    expect(computeScore(card, { 'opening-greeting': 2 }).total).toBe(100);
  });

  it('only grows as items are scored, and ends at the total when nothing is N/A', () => {
    const answers: Record<string, number | 'pass'> = {};
    let last = 0;
    for (const item of items) {
      answers[item.id] = full(item);
      const p = partialScore(card, answers);
      expect(p.earned).toBeGreaterThanOrEqual(last);
      last = p.earned;
    }
    expect(last).toBe(computeScore(card, answers).total);
    expect(partialScore(card, answers).answered).toBe(23);
  });

  it('drops an N/A item from what its section can hold', () => {
    const p = partialScore(card, { 'attitude-soothe': 'na', 'attitude-polite': 5 });
    // 25 points over the section's 19 remaining item points: 5 × 25/19.
    expect(p.sections.attitude.earned).toBeCloseTo((5 * 25) / 19, 2);
  });

  it('earns a choice its option, and leaves an item a condition hides out of the count and the section', () => {
    const forms = structuredClone(card);
    const [greeting, reply] = forms.sections[0].items;
    Object.assign(greeting, {
      kind: 'choice',
      options: [
        { id: 'met', label: '达标', points: 2 },
        { id: 'flat', label: '语气平淡', points: 1 },
      ],
    });
    reply.showIf = { item: greeting.id, answers: ['met'] };
    // Greeting open: the reply is hidden, so 22 items remain.
    expect(partialScore(forms, {}).items).toBe(22);
    const p = partialScore(forms, { 'opening-greeting': 'flat', closing: 2 });
    expect(p.sections.opening).toMatchObject({ answered: 2, items: 2 });
    // 1 + 2 of the 4 points left once the reply dropped out, on the 5-point scale: 3.75, as computeScore has it.
    expect(p.sections.opening.earned).toBe(3.75);
    expect(partialScore(forms, { 'opening-greeting': 'met' }).items).toBe(23);
  });
});

describe('waveform normalisation', () => {
  it('lifts a quiet call to fill the channel, one gain for every channel, capped', () => {
    const quiet = Int16Array.from({ length: 2000 }, (_, i) => (i % 2 ? 3000 : -3000));
    const silent = new Int16Array(2000);
    const gain = normalisingGain([quiet, silent]);
    expect(gain * (3000 / 32768)).toBeGreaterThan(0.8);
    expect(gain * (3000 / 32768)).toBeLessThanOrEqual(0.95);
    // A click does not set the scale: the loud speech under it does.
    const click = Int16Array.from(quiet);
    click[1] = 32767;
    expect(normalisingGain([click])).toBeCloseTo(gain, 1);
    expect(normalisingGain([silent])).toBe(1);
    expect(normalisingGain([Int16Array.from({ length: 2000 }, () => 40)])).toBe(16);
  });
});
