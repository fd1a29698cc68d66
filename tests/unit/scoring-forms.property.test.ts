import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildEvaluationRevision,
  type SubmissionRulesError,
  verifyEvaluationRevision,
  type Answers,
} from '../../shared/evaluation';
import { hundredths } from '../../shared/points';
import { checkScorecard, type ScorecardDefinition } from '../../shared/scorecard';
import { computeScore, sectionScoreMap } from '../../shared/scoring';
import { answerChoices, richCardWithAnswers, richScorecardArb } from '../support/scorecard-arb';

const runs = { numRuns: 300 };
const itemsOf = (def: ScorecardDefinition) => def.sections.flatMap((s) => s.items);

describe('scoring properties of choice and conditional items', () => {
  it('generated cards with choices, conditions and root causes are publishable', () => {
    fc.assert(
      fc.property(richScorecardArb, (def) => {
        expect(checkScorecard(def)).toEqual([]);
      }),
      runs,
    );
  });

  it('answers left on hidden items never change the score', () => {
    fc.assert(
      fc.property(richCardWithAnswers(), fc.nat(), ({ def, answers }, seed) => {
        const r = computeScore(def, answers);
        const changed: Answers = { ...answers };
        for (const id of r.hidden) {
          const item = itemsOf(def).find((i) => i.id === id)!;
          const choices = answerChoices(item);
          changed[id] = choices[seed % choices.length];
        }
        const again = computeScore(def, changed);
        expect(again.total).toBe(r.total);
        expect(again.uncappedTotal).toBe(r.uncappedTotal);
        expect(sectionScoreMap(again)).toEqual(sectionScoreMap(r));
        expect(again.hidden).toEqual(r.hidden);
      }),
      runs,
    );
  });

  it('a hidden item scores exactly as if it were not on the card', () => {
    fc.assert(
      fc.property(richCardWithAnswers(), ({ def, answers }) => {
        const r = computeScore(def, answers);
        const hidden = new Set(r.hidden);
        // The same card with the hidden items taken off and the shown ones unconditional.
        const plain: ScorecardDefinition = {
          ...def,
          sections: def.sections.map((s) => ({
            ...s,
            items: s.items.filter((i) => !hidden.has(i.id)).map(({ showIf: _drop, ...i }) => i),
          })),
        };
        const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => !hidden.has(id)));
        const p = computeScore(plain, kept);
        expect(p.total).toBe(r.total);
        expect(p.uncappedTotal).toBe(r.uncappedTotal);
        expect(sectionScoreMap(p)).toEqual(sectionScoreMap(r));
      }),
      runs,
    );
  });

  it('final section scores add up to the total and before-critical ones to the uncapped total, when none drops out', () => {
    fc.assert(
      fc.property(richCardWithAnswers(), ({ def, answers }) => {
        const r = computeScore(def, answers);
        const sections = Object.values(r.sections);
        if (sections.some((s) => s.na)) return;
        const sum = (pick: (s: (typeof sections)[number]) => number | null) =>
          sections.reduce((acc, s) => acc + hundredths(pick(s) as number), 0);
        expect(sum((s) => s.finalScore)).toBe(hundredths(r.total));
        expect(sum((s) => s.uncappedScore)).toBe(hundredths(r.uncappedTotal));
        for (const s of sections) expect(s.finalScore).toBeLessThanOrEqual(s.uncappedScore as number);
      }),
      runs,
    );
  });

  it('deductions are exactly the shown, answered items that earned less than their points, or failed', () => {
    fc.assert(
      fc.property(richCardWithAnswers(), ({ def, answers }) => {
        const r = computeScore(def, answers);
        const hidden = new Set(r.hidden);
        const expected = itemsOf(def)
          .filter((item) => !hidden.has(item.id) && answers[item.id] !== 'na')
          .filter((item) => {
            const a = answers[item.id];
            if (item.kind === 'critical') return a === 'fail';
            const best = answerChoices(item).filter((c) => c !== 'na');
            // answerChoices lists worst to best: anything but the last loses points.
            return a !== best[best.length - 1];
          })
          .map((i) => i.id);
        expect(r.deductions).toEqual(expected);
      }),
      runs,
    );
  });

  it('a submission with a comment and a cause on every deduction builds, and head office verifies it', () => {
    fc.assert(
      fc.property(richCardWithAnswers(), ({ def, answers }) => {
        const strict: ScorecardDefinition = { ...def, requireCommentOnDeduction: true, requireRootCause: true };
        const r = computeScore(strict, answers);
        const input = {
          id: randomUUID(),
          revision: 1,
          recordingId: 'rec',
          agentNo: '1001',
          scorecardId: 'card',
          scorecardVersion: 1,
          scorecardDefinition: strict,
          answers,
          itemComments: Object.fromEntries(r.deductions.map((id) => [id, `扣分：${id}`])),
          rootCauses: Object.fromEntries(itemsOf(def).map((i) => [i.id, 'skill'])),
          comment: '',
          findings: [],
          suggestion: '',
          reason: null,
          inspectorId: null,
          submittedAt: '2026-03-02T08:00:00.000Z',
        };
        const body = buildEvaluationRevision(input);
        expect(verifyEvaluationRevision(body)).toEqual([]);
        expect(Object.keys(body.rootCauses ?? {}).sort()).toEqual([...r.deductions].sort());
        expect(body.total).toBe(r.total);
        if (r.deductions.length) {
          const missing = r.deductions[0];
          const { [missing]: _gone, ...fewer } = input.itemComments;
          let error: unknown;
          try {
            buildEvaluationRevision({ ...input, itemComments: fewer });
          } catch (e) {
            error = e;
          }
          expect((error as SubmissionRulesError).problems).toEqual([{ code: 'comment_required', itemId: missing }]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
