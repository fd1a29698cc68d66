/**
 * The dispute rules as properties: a filing is accepted exactly when every claimed item is below full points (and
 * its proposed points are a valid raise); a step accepted once is refused when applied again; the final answers
 * never lower an item; the clock and the monthly count only matter when the server checks them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedAnswers,
  isBelowFull,
  itemsOf,
  reduceDispute,
  type DisputedEvaluation,
  type StepContext,
} from '../../shared/dispute-rules';
import type { Answers } from '../../shared/evaluation';
import { hundredths } from '../../shared/scorecard';
import { seededRandom } from '../support/fault-proxy';
import { defaultCard, randomAnswers } from '../support/sync-client';

const card = defaultCard();
const items = [...itemsOf(card.definition).values()];
const uuid = () => fc.uuid({ version: 4 });

function evaluation(answers: Answers): DisputedEvaluation {
  return {
    id: '7d0c1c36-6c8e-4d7b-9d55-6a3c1f0b2a11',
    revision: 1,
    answers,
    card: card.definition,
    scorecardId: card.id,
    scorecardVersion: card.version,
    agentNo: 'A001',
    agentName: '张伟',
    teamId: 'T1',
    site: '武汉',
    inspectorId: 'insp',
    inspectorName: '质检员',
    receivedAt: '2026-03-01T00:00:00.000Z',
  };
}

const ctx = (ev: DisputedEvaluation, over: Partial<StepContext> = {}): StepContext => ({
  actor: { userId: 'lead', name: '组长', role: 'lead', teams: ['T1'], site: null },
  at: '2026-03-02T00:00:00.000Z',
  checkClock: true,
  policy: { windowDays: 7, monthlyLimit: 3 },
  evaluation: ev,
  filedThisMonth: 0,
  ...over,
});

describe('dispute rules', () => {
  it('a filing is accepted exactly when every claimed item is below full points', () => {
    fc.assert(
      fc.property(fc.integer(), fc.subarray(items, { minLength: 1 }), uuid(), (seed, claimed, id) => {
        const answers = randomAnswers(card.definition, seededRandom(seed));
        const ev = evaluation(answers);
        const claims = Object.fromEntries(claimed.map((i) => [i.id, { reason: '理由', proposedPoints: null }]));
        const outcome = reduceDispute(
          null,
          { id, kind: 'file', evaluationId: ev.id, revision: 1, items: claims },
          ctx(ev),
        );
        const allBelow = claimed.every((i) => isBelowFull(i, answers[i.id]));
        expect(outcome.ok).toBe(allBelow);
        if (!outcome.ok) expect(outcome.code).toBe('not_below_full');
      }),
    );
  });

  it('a step accepted once is refused the second time, and the outcome never lowers an item', () => {
    fc.assert(
      fc.property(fc.integer(), uuid(), uuid(), fc.boolean(), (seed, fileId, decideId, accept) => {
        const answers = randomAnswers(card.definition, seededRandom(seed));
        const below = items.filter((i) => isBelowFull(i, answers[i.id]));
        fc.pre(below.length > 0);
        const ev = evaluation(answers);
        const claims = Object.fromEntries(below.map((i) => [i.id, { reason: '理由', proposedPoints: null }]));
        const file = { id: fileId, kind: 'file' as const, evaluationId: ev.id, revision: 1, items: claims };
        const filed = reduceDispute(null, file, ctx(ev));
        if (!filed.ok) throw new Error(filed.reason);
        expect(reduceDispute(filed.state, file, ctx(ev))).toMatchObject({ ok: false, code: 'already_filed' });
        const verdicts = Object.fromEntries(below.map((i) => [i.id, { accept, points: null, note: '说明' }]));
        const inspector = ctx(ev, {
          actor: { userId: 'insp', name: '质检员', role: 'inspector', teams: [], site: null },
        });
        const decide = { id: decideId, kind: 'decide' as const, disputeId: fileId, items: verdicts };
        const decided = reduceDispute(filed.state, decide, inspector);
        if (!decided.ok) throw new Error(decided.reason);
        expect(reduceDispute(decided.state, decide, inspector)).toMatchObject({ ok: false, code: 'already_decided' });
        const changed = changedAnswers(decided.state, answers);
        expect(Object.keys(changed).length).toBe(accept ? below.length : 0);
        for (const [id, value] of Object.entries(changed)) {
          const before = answers[id];
          if (typeof value === 'number' && typeof before === 'number') {
            expect(hundredths(value)).toBeGreaterThan(hundredths(before));
          } else expect(value).toBe('pass');
        }
      }),
    );
  });

  it('the window and the monthly limit are the server’s to check, on its clock', () => {
    const answers: Answers = { ...randomAnswers(card.definition, seededRandom(3)), 'phrasing-hold': 2 };
    const ev = evaluation(answers);
    const step = {
      id: '1a5c4e1e-61a8-4a4e-a1f4-3d1f1b8c6a21',
      kind: 'file' as const,
      evaluationId: ev.id,
      revision: 1,
      items: { 'phrasing-hold': { reason: '已说请稍等', proposedPoints: null } },
    };
    const late = { at: '2026-03-09T00:00:00.001Z' };
    expect(reduceDispute(null, step, ctx(ev, late))).toMatchObject({ ok: false, code: 'window_closed' });
    expect(reduceDispute(null, step, ctx(ev, { ...late, checkClock: false })).ok).toBe(true);
    expect(reduceDispute(null, step, ctx(ev, { filedThisMonth: 3 }))).toMatchObject({ code: 'monthly_limit' });
    expect(reduceDispute(null, step, ctx(ev, { filedThisMonth: 2 })).ok).toBe(true);
  });

  it('a choice item is disputed by its option: raised to the option worth the points given, else the full one', () => {
    const greeting = {
      id: 'greet',
      name: '问候语',
      kind: 'choice' as const,
      maxPoints: 5,
      step: 1,
      allowNa: false,
      description: '',
      guidance: '',
      criticalScope: 'total' as const,
      options: [
        { id: 'full', label: '完整', points: 5 },
        { id: 'part', label: '部分', points: 3 },
        { id: 'none', label: '未问候', points: 0 },
      ],
    };
    const choiceCard = {
      ...card.definition,
      sections: [{ ...card.definition.sections[0], items: [greeting] }, ...card.definition.sections.slice(1)],
    };
    const answers: Answers = { ...randomAnswers(card.definition, seededRandom(5)), greet: 'none' };
    const ev = { ...evaluation(answers), card: choiceCard };
    expect(isBelowFull(greeting, 'none')).toBe(true);
    expect(isBelowFull(greeting, 'full')).toBe(false);
    const fileId = '2b6d0f3e-7a1c-4c55-9e0b-1f2a3b4c5d6e';
    const filed = reduceDispute(
      null,
      {
        id: fileId,
        kind: 'file',
        evaluationId: ev.id,
        revision: 1,
        items: { greet: { reason: '有问候', proposedPoints: 3 } },
      },
      ctx(ev),
    );
    if (!filed.ok) throw new Error(filed.reason);
    const inspector = ctx(ev, { actor: { userId: 'insp', name: '质检员', role: 'inspector', teams: [], site: null } });
    const decide = (points: number | null) =>
      reduceDispute(
        filed.state,
        {
          id: '3c7e1f4a-8b2d-4d66-8f1c-2a3b4c5d6e7f',
          kind: 'decide',
          disputeId: fileId,
          items: { greet: { accept: true, points, note: '' } },
        },
        inspector,
      );
    // No option is worth 4 points: refused with a code, not rounded to one.
    expect(decide(4)).toMatchObject({ ok: false, code: 'invalid_points' });
    const proposed = decide(null);
    if (!proposed.ok) throw new Error(proposed.reason);
    expect(changedAnswers(proposed.state, answers)).toEqual({ greet: 'part' });
    const full = decide(5);
    if (!full.ok) throw new Error(full.reason);
    expect(changedAnswers(full.state, answers)).toEqual({ greet: 'full' });
  });
});
