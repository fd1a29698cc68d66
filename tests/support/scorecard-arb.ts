import fc from 'fast-check';
import type { Answer, Answers } from '../../shared/evaluation';
import { conditionAnswersFor } from '../../shared/scorecard-check';
import type { ScorecardDefinition, ScorecardItem, ScorecardSection } from '../../shared/scorecard';

/** Splits `total` hundredths into `parts` positive integers (each ≥ 1), in random proportions. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => 1 + Math.floor(((total - weights.length) * w) / sum));
  parts[parts.length - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const steps = [0.01, 0.25, 0.5, 1];

const itemShape = fc.record({
  weight: fc.integer({ min: 1, max: 20 }),
  kind: fc.constantFrom('points', 'yesno', 'points'),
  step: fc.constantFrom(...steps),
  allowNa: fc.boolean(),
});

const criticalShape = fc.record({ scope: fc.constantFrom('total', 'section'), allowNa: fc.boolean() });

const sectionShape = fc.record({
  weight: fc.integer({ min: 1, max: 50 }),
  items: fc.array(itemShape, { minLength: 1, maxLength: 6 }),
  criticals: fc.array(criticalShape, { maxLength: 2 }),
});

/** Valid, publishable cards: sections add up to 100 and items to their section, odd points included (33.33…). */
export const scorecardArb: fc.Arbitrary<ScorecardDefinition> = fc
  .array(sectionShape, { minLength: 1, maxLength: 5 })
  .map((shapes) => {
    const sectionPoints = split(
      10000,
      shapes.map((s) => s.weight),
    );
    const sections: ScorecardSection[] = shapes.map((shape, s) => {
      const itemPoints = split(
        sectionPoints[s],
        shape.items.map((i) => i.weight),
      );
      const items: ScorecardItem[] = shape.items.map((it, i) => ({
        id: `s${s}-i${i}`,
        name: `item ${s}.${i}`,
        kind: it.kind as ScorecardItem['kind'],
        maxPoints: itemPoints[i] / 100,
        step: it.step > itemPoints[i] / 100 ? 0.01 : it.step,
        allowNa: it.allowNa,
        description: '',
        guidance: '',
        criticalScope: 'total',
      }));
      shape.criticals.forEach((c, k) =>
        items.push({
          id: `s${s}-c${k}`,
          name: `critical ${s}.${k}`,
          kind: 'critical',
          maxPoints: 0,
          step: 1,
          allowNa: c.allowNa,
          description: '',
          guidance: '',
          criticalScope: c.scope as 'total' | 'section',
        }),
      );
      return { id: `s${s}`, name: `section ${s}`, points: sectionPoints[s] / 100, description: '', items };
    });
    return { name: 'generated', channel: 'phone', description: '', sections };
  });

/** The valid answers for one item, from worst to best (N/A last, where allowed). */
export function answerChoices(item: ScorecardItem): Answer[] {
  const choices: Answer[] = [];
  if (item.kind === 'points') {
    const max = Math.round(item.maxPoints * 100);
    const step = Math.round(item.step * 100);
    for (let h = 0; h < max; h += step) choices.push(h / 100);
    choices.push(max / 100);
  } else if (item.kind === 'choice') {
    const options = [...(item.options ?? [])].sort((a, b) => a.points - b.points);
    choices.push(...options.map((o) => o.id));
  } else choices.push('fail', 'pass');
  if (item.allowNa) choices.push('na');
  return choices;
}

/** A complete set of answers for the card; `noFail` keeps critical items passed (or N/A). */
export function answersArb(
  def: ScorecardDefinition,
  options: { noCriticalFail?: boolean } = {},
): fc.Arbitrary<Answers> {
  const items = def.sections.flatMap((s) => s.items);
  return fc
    .tuple(
      ...items.map((item) => {
        const choices = answerChoices(item).filter(
          (a) => !(options.noCriticalFail && item.kind === 'critical' && a === 'fail'),
        );
        return fc.integer({ min: 0, max: choices.length - 1 }).map((i) => choices[i]);
      }),
    )
    .map((values) => Object.fromEntries(items.map((item, i) => [item.id, values[i]])));
}

export const cardWithAnswers = (options: { noCriticalFail?: boolean } = {}) =>
  scorecardArb.chain((def) => answersArb(def, options).map((answers) => ({ def, answers })));

/** Option points for a choice item worth `maxH` hundredths: full, a random part of it, and nothing. */
function optionsFor(maxH: number, partH: number): ScorecardItem['options'] {
  const middle = Math.min(maxH - 1, Math.max(1, partH % maxH));
  return [
    { id: 'good', label: '满意', points: maxH / 100 },
    { id: 'fair', label: '基本满意', points: middle / 100 },
    { id: 'poor', label: '不满意', points: 0 },
  ];
}

/**
 * Cards with every form rule: some scoring items become choice items, some items appear only when an earlier item
 * was answered a certain way (chains included), root causes listed.
 */
export const richScorecardArb: fc.Arbitrary<ScorecardDefinition> = scorecardArb.chain((def) => {
  const items = def.sections.flatMap((s) => s.items);
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: items.length, maxLength: items.length }),
      fc.array(fc.nat(), { minLength: items.length, maxLength: items.length }),
      fc.array(fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }), {
        minLength: items.length,
        maxLength: items.length,
      }),
    )
    .map(([toChoice, parts, conditions]) => {
      const done: ScorecardItem[] = [];
      const sections = def.sections.map((section) => ({
        ...section,
        items: section.items.map((original) => {
          const k = done.length;
          let item: ScorecardItem = original;
          const maxH = Math.round(item.maxPoints * 100);
          if (toChoice[k] && item.kind !== 'critical' && maxH >= 2) {
            item = { ...item, kind: 'choice', step: 1, options: optionsFor(maxH, parts[k]) };
          }
          const condition = conditions[k];
          if (condition && done.length > 0) {
            const trigger = done[condition[0] % done.length];
            const possible = conditionAnswersFor(trigger);
            const picked = possible.filter((_, i) => (condition[1] >> i) & 1);
            item = { ...item, showIf: { item: trigger.id, answers: picked.length ? picked : [possible[0]] } };
          }
          done.push(item);
          return item;
        }),
      }));
      return {
        ...def,
        sections,
        rootCauses: [
          { id: 'skill', label: '业务不熟' },
          { id: 'attitude', label: '服务意识' },
          { id: 'process', label: '流程问题' },
        ],
      };
    });
});

/** A rich card and answers for every item on it, hidden ones included (the score must ignore those). */
export const richCardWithAnswers = (options: { noCriticalFail?: boolean } = {}) =>
  richScorecardArb.chain((def) => answersArb(def, options).map((answers) => ({ def, answers })));
