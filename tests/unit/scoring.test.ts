import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../shared/evaluation';
import {
  checkScorecard,
  scorecardDefinitionSchema,
  scorecardDraftDefinitionSchema,
  scorecardFileSchema,
  type ScorecardDefinition,
  type ScorecardDefinitionInput,
} from '../../shared/scorecard';
import { computeScore, divRoundHalfUp, ScoringError, sectionScoreMap } from '../../shared/scoring';

const defaultCard = scorecardFileSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/scorecards/default-phone.json'), 'utf8')),
).definition;

const fullMarks = (def: ScorecardDefinition): Answers =>
  Object.fromEntries(
    def.sections.flatMap((s) => s.items.map((i) => [i.id, i.kind === 'points' ? i.maxPoints : 'pass'] as const)),
  );

describe('the default phone card (电话监控评分表)', () => {
  it('is publishable: 5 / 25 / 20 / 50, items add up, three critical items', () => {
    expect(checkScorecard(defaultCard)).toEqual([]);
    expect(defaultCard.sections.map((s) => [s.name, s.points])).toEqual([
      ['开头语 / 结束语', 5],
      ['服务态度 / 沟通能力', 25],
      ['标准服务用语', 20],
      ['业务处理能力', 50],
    ]);
    const critical = defaultCard.sections.flatMap((s) => s.items.filter((i) => i.kind === 'critical'));
    expect(critical.map((i) => i.name).sort()).toEqual(['辱骂 / 不文明用语', '无故挂断', '泄露客户信息'].sort());
  });

  it('full marks give 100', () => {
    const r = computeScore(defaultCard, fullMarks(defaultCard));
    expect(r.total).toBe(100);
    expect(r.complete).toBe(true);
    expect(sectionScoreMap(r)).toEqual({ opening: 5, attitude: 25, phrasing: 20, handling: 50 });
  });

  // Documented example: worked by hand in the comments, section by section.
  const example: Answers = {
    ...fullMarks(defaultCard),
    'opening-greeting': 1.5, // opening: 1.5 + 1 + 2 = 4.5 of 5 → 4.5
    'attitude-soothe': 'na', // attitude: (4+3+4+2+2)=15 of 19 (soothe N/A) → 25 × 15/19 = 19.7368… → 19.74
    'attitude-polite': 4,
    'attitude-listen': 3,
    'attitude-questioning': 2,
    'phrasing-hold': 'na', // phrasing: thanks 4 + apology 2 + self-talk 2 = 8 of 9 → 20 × 8/9 = 17.777… → 17.78
    'phrasing-resume': 'na',
    'phrasing-apology': 2,
    'phrasing-repeat': 'na',
    'handling-knowledge': 12, // handling: 12 + 10 + 10 + 6 + 5 = 43 of 50 → 43
    'handling-diagnosis': 10,
    'handling-clarity': 6,
  };

  it('documented example: 4.5 + 19.74 + 17.78 + 43 = 85.02', () => {
    const r = computeScore(defaultCard, example);
    expect(sectionScoreMap(r)).toEqual({ opening: 4.5, attitude: 19.74, phrasing: 17.78, handling: 43 });
    expect(r.sections.attitude).toMatchObject({ earned: 15, possible: 19, points: 25, na: false });
    expect(r.total).toBe(85.02);
    expect(r.uncappedTotal).toBe(85.02);
    expect(r.criticalFailed).toBe(false);
  });

  it('one failed critical item (泄露客户信息) sets the total to 0 and keeps the uncapped 85.02', () => {
    const r = computeScore(defaultCard, { ...example, 'critical-privacy': 'fail' });
    expect(r.total).toBe(0);
    expect(r.uncappedTotal).toBe(85.02);
    expect(r.criticalFailed).toBe(true);
    expect(r.failedCriticalItems).toEqual(['critical-privacy']);
    // Section scores stay visible: only the total is capped for a total-scope critical item.
    expect(r.sections.handling.score).toBe(43);
  });

  it('reports unanswered items and scores only what is answered so far', () => {
    const r = computeScore(defaultCard, { 'opening-greeting': 2, 'opening-reply': 'fail' });
    expect(r.complete).toBe(false);
    expect(r.unanswered).toHaveLength(21); // 23 items on the card, 2 answered
    expect(r.sections.opening).toMatchObject({ score: 3.33, earned: 2, possible: 3, unanswered: 1 });
    expect(r.sections.handling.score).toBeNull();
    expect(r.total).toBe(66.6); // only the opening counts yet: 5 × 2/3 = 3.33, rescaled 3.33 × 100/5
  });
});

/** A card with N/A and critical items of both scopes. */
const naCard: ScorecardDefinitionInput = {
  name: 'N/A and critical',
  channel: 'chat',
  sections: [
    {
      id: 'a',
      name: 'A',
      points: 40,
      items: [
        { id: 'a1', name: 'a1', kind: 'points', maxPoints: 20, allowNa: true },
        { id: 'a2', name: 'a2', kind: 'yesno', maxPoints: 20, allowNa: true },
        { id: 'a-crit', name: 'a-crit', kind: 'critical', maxPoints: 0, criticalScope: 'section' },
      ],
    },
    {
      id: 'b',
      name: 'B',
      points: 60,
      items: [
        { id: 'b1', name: 'b1', kind: 'points', maxPoints: 30, step: 0.5 },
        { id: 'b2', name: 'b2', kind: 'points', maxPoints: 30, allowNa: true },
        { id: 'b-crit', name: 'b-crit', kind: 'critical', maxPoints: 0, allowNa: true },
      ],
    },
  ],
};
const card = scorecardDefinitionSchema.parse(naCard);

describe('a card with N/A and critical items', () => {
  it('an all-N/A section drops out and the total is rescaled: B 52.5 of 60 → 87.5', () => {
    const r = computeScore(card, { a1: 'na', a2: 'na', 'a-crit': 'pass', b1: 22.5, b2: 30, 'b-crit': 'na' });
    expect(r.sections.a).toMatchObject({ score: null, na: true });
    expect(r.sections.b.score).toBe(52.5);
    expect(r.total).toBe(87.5);
  });

  it('N/A inside a section rescales the section: b2 N/A, b1 10 of 30 → B = 20; A 30 → 50', () => {
    const r = computeScore(card, { a1: 10, a2: 'pass', 'a-crit': 'pass', b1: 10, b2: 'na', 'b-crit': 'pass' });
    expect(sectionScoreMap(r)).toEqual({ a: 30, b: 20 });
    expect(r.total).toBe(50);
  });

  it('a section-scope critical fail zeroes only its section: A 0 (uncapped 30) + B 60 = 60, uncapped 90', () => {
    const r = computeScore(card, { a1: 10, a2: 'pass', 'a-crit': 'fail', b1: 30, b2: 30, 'b-crit': 'pass' });
    expect(r.sections.a).toMatchObject({ score: 0, uncappedScore: 30, criticalFailed: true });
    expect(r.total).toBe(60);
    expect(r.uncappedTotal).toBe(90);
    expect(r.criticalFailed).toBe(true);
  });

  it('a total-scope critical fail zeroes the total', () => {
    const r = computeScore(card, { a1: 20, a2: 'pass', 'a-crit': 'pass', b1: 30, b2: 30, 'b-crit': 'fail' });
    expect(r.total).toBe(0);
    expect(r.uncappedTotal).toBe(100);
  });

  it('rounds thirds half-up once per section: A 40 × 1/3 = 13.33, B 60 × 2/3 = 40 → 53.33', () => {
    const third = scorecardDefinitionSchema.parse({
      ...naCard,
      sections: [
        { ...naCard.sections[0], items: [{ id: 'x', name: 'x', kind: 'points', maxPoints: 40, step: 0.01 }] },
        naCard.sections[1],
      ],
    });
    const r = computeScore(third, { x: 13.33, b1: 20, b2: 'na', 'b-crit': 'pass' });
    expect(sectionScoreMap(r)).toEqual({ a: 13.33, b: 40 });
    expect(r.total).toBe(53.33);
  });

  it('rejects answers that do not fit the card', () => {
    expect(() => computeScore(card, { b1: 22.4 })).toThrow(ScoringError);
    expect(() => computeScore(card, { b1: 31 })).toThrow(/outside/);
    expect(() => computeScore(card, { b1: 'na' })).toThrow(/N\/A/);
    expect(() => computeScore(card, { a2: 5 })).toThrow(/pass/);
    expect(() => computeScore(card, { nope: 1 })).toThrow(/not on this scorecard/);
    expect(() => computeScore(card, { b1: 0.125 })).toThrow(/two decimals/);
  });
});

describe('scorecard checks', () => {
  it('lists every problem: sums, empty sections, duplicates, critical points', () => {
    const bad = scorecardDefinitionSchema.safeParse({
      name: 'bad',
      sections: [
        { id: 's', name: 'S', points: 50, items: [{ id: 'i', name: 'I', kind: 'points', maxPoints: 40 }] },
        { id: 's', name: 'T', points: 30, items: [] },
        { id: 'u', name: 'U', points: 10, items: [{ id: 'i', name: 'C', kind: 'critical', maxPoints: 2 }] },
      ],
    });
    expect(bad.success).toBe(false);
    const def = scorecardDraftDefinitionSchema.parse({
      name: 'bad',
      sections: [
        { id: 's', name: 'S', points: 50, items: [{ id: 'i', name: 'I', kind: 'points', maxPoints: 40 }] },
        { id: 's', name: 'T', points: 30, items: [] },
        { id: 'u', name: 'U', points: 10, items: [{ id: 'i', name: 'C', kind: 'critical', maxPoints: 2 }] },
      ],
    });
    expect(checkScorecard(def).map((p) => p.code)).toEqual([
      'items_do_not_add_up',
      'duplicate_section_id',
      'empty_section',
      'duplicate_item_id',
      'critical_has_points',
      'items_do_not_add_up',
      'total_not_100',
    ]);
  });
});

describe('divRoundHalfUp', () => {
  it('rounds exact halves up and everything else to nearest', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(7, 3)).toBe(2);
    expect(divRoundHalfUp(8, 3)).toBe(3);
    expect(divRoundHalfUp(250000, 19)).toBe(13158);
  });
});
