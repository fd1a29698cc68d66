import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildEvaluationRevision,
  evaluationRevisionSchema,
  SubmissionRulesError,
  verifyEvaluationRevision,
  type Answers,
} from '../../shared/evaluation';
import {
  checkScorecard,
  scorecardDefinitionSchema,
  scorecardDraftDefinitionSchema,
  type ScorecardDefinitionInput,
} from '../../shared/scorecard';
import { computeScore, hiddenItems, sectionScoreMap } from '../../shared/scoring';

/**
 * A service card with every form rule (worked by hand below):
 *   greet    choice  满意 10 / 基本满意 6 / 不满意 0   (section "open", 10 points)
 *   hold     yesno   4, asked the customer to hold?   (section "talk", 40 points)
 *   thanks   points  6 (step 1), only when hold = pass: thanked them for holding
 *   solve    points 30 (step 5)
 *   record   points 30                                (section "handling", 50 points)
 *   escalate yesno  20, only when solve is deducted or N/A
 *   privacy  critical, whole evaluation
 */
const formCard: ScorecardDefinitionInput = {
  name: '服务表',
  channel: 'chat',
  requireCommentOnDeduction: false,
  rootCauses: [
    { id: 'skill', label: '业务不熟' },
    { id: 'attitude', label: '服务意识' },
  ],
  sections: [
    {
      id: 'open',
      name: '开头',
      points: 10,
      items: [
        {
          id: 'greet',
          name: '问候',
          kind: 'choice',
          maxPoints: 10,
          options: [
            { id: 'good', label: '满意', points: 10 },
            { id: 'fair', label: '基本满意', points: 6 },
            { id: 'poor', label: '不满意', points: 0 },
          ],
        },
      ],
    },
    {
      id: 'talk',
      name: '沟通',
      points: 40,
      items: [
        { id: 'hold', name: '请客户稍候', kind: 'yesno', maxPoints: 4 },
        {
          id: 'thanks',
          name: '感谢等候',
          kind: 'points',
          maxPoints: 6,
          showIf: { item: 'hold', answers: ['pass'] },
          requireComment: true,
        },
        { id: 'solve', name: '解答', kind: 'points', maxPoints: 30, step: 5, allowNa: true },
      ],
    },
    {
      id: 'handling',
      name: '处理',
      points: 50,
      items: [
        { id: 'record', name: '工单记录', kind: 'points', maxPoints: 30 },
        {
          id: 'escalate',
          name: '升级处理',
          kind: 'yesno',
          maxPoints: 20,
          showIf: { item: 'solve', answers: ['deducted', 'na'] },
        },
        { id: 'privacy', name: '泄露客户信息', kind: 'critical', maxPoints: 0 },
      ],
    },
  ],
};
const card = scorecardDefinitionSchema.parse(formCard);

describe('choice items and conditional items', () => {
  it('is publishable', () => {
    expect(checkScorecard(card)).toEqual([]);
  });

  it('a choice answer earns its option: 基本满意 gives 6 of 10', () => {
    const r = computeScore(card, { greet: 'fair', hold: 'pass', thanks: 6, solve: 30, record: 30, privacy: 'pass' });
    expect(r.sections.open).toMatchObject({ score: 6, earned: 6, possible: 10 });
    expect(r.total).toBe(96);
    expect(r.deductions).toEqual(['greet']);
  });

  it('a hidden item counts as N/A: hold failed hides thanks, so talk is 30 of 34 → 40 × 30/34 = 35.29', () => {
    const r = computeScore(card, { greet: 'good', hold: 'fail', solve: 30, record: 30, privacy: 'pass' });
    expect(r.hidden.sort()).toEqual(['escalate', 'thanks']);
    expect(r.complete).toBe(true);
    expect(r.sections.talk).toMatchObject({ score: 35.29, earned: 30, possible: 34 });
    expect(r.total).toBe(95.29);
  });

  it('an answer left on an item that became hidden is ignored', () => {
    const shown = computeScore(card, {
      greet: 'good',
      hold: 'pass',
      thanks: 0,
      solve: 30,
      record: 30,
      privacy: 'pass',
    });
    expect(shown.sections.talk.score).toBe(34); // 4 + 0 + 30 = 34 of 40
    const hidden = computeScore(card, {
      greet: 'good',
      hold: 'fail',
      thanks: 0,
      solve: 30,
      record: 30,
      privacy: 'pass',
    });
    expect(hidden.sections.talk.score).toBe(35.29);
    expect(hidden.deductions).toEqual(['hold']);
  });

  it('a shown item must be answered; the one a condition hides need not be', () => {
    const r = computeScore(card, { greet: 'good', hold: 'pass', solve: 25, privacy: 'pass' });
    expect(r.unanswered.sort()).toEqual(['escalate', 'record', 'thanks']);
    expect(r.hidden).toEqual([]);
    expect(computeScore(card, { hold: 'fail', solve: 30 }).unanswered.sort()).toEqual(['greet', 'privacy', 'record']);
  });

  it('"deducted" and "na" conditions: solve 25 or N/A shows escalate', () => {
    expect([...hiddenItems(card, { solve: 25 })]).not.toContain('escalate');
    expect([...hiddenItems(card, { solve: 'na' })]).not.toContain('escalate');
    expect([...hiddenItems(card, { solve: 30 })]).toContain('escalate');
    expect([...hiddenItems(card, {})].sort()).toEqual(['escalate', 'thanks']);
    // solve N/A, escalate failed: talk 4 + 6 of 10 → 40; handling 30 + 0 of 50 → 30
    const r = computeScore(card, {
      greet: 'good',
      hold: 'pass',
      thanks: 6,
      solve: 'na',
      record: 30,
      escalate: 'fail',
      privacy: 'pass',
    });
    expect(sectionScoreMap(r)).toEqual({ open: 10, talk: 40, handling: 30 });
    expect(r.total).toBe(80);
  });

  it('a condition on a hidden trigger sees N/A', () => {
    const chained = scorecardDefinitionSchema.parse({
      ...formCard,
      sections: formCard.sections.map((s) =>
        s.id !== 'handling'
          ? s
          : {
              ...s,
              items: s.items.map((i) =>
                i.id === 'escalate' ? { ...i, showIf: { item: 'thanks', answers: ['na'] } } : i,
              ),
            },
      ),
    });
    expect(checkScorecard(chained)).toEqual([]);
    expect([...hiddenItems(chained, { hold: 'fail' })]).not.toContain('escalate');
    expect([...hiddenItems(chained, { hold: 'pass', thanks: 6 })]).toContain('escalate');
  });

  it('refuses answers that do not fit: an unknown option, points on a choice', () => {
    expect(() => computeScore(card, { greet: 'great' })).toThrow(/options/);
    expect(() => computeScore(card, { greet: 10 })).toThrow(/options/);
  });
});

describe('scores before and after critical items', () => {
  const answers: Answers = {
    greet: 'fair',
    hold: 'pass',
    thanks: 6,
    solve: 20,
    record: 30,
    escalate: 'pass',
    privacy: 'fail',
  };

  it('a failed critical item zeroes every section of the final score, so the sections still add up to the total', () => {
    const r = computeScore(card, answers);
    expect(r.total).toBe(0);
    expect(Object.values(r.sections).map((s) => s.finalScore)).toEqual([0, 0, 0]);
    // Before critical items: 6 + (4 + 6 + 20 = 30 of 40) + (30 + 20 = 50 of 50) = 86
    expect(Object.values(r.sections).map((s) => s.uncappedScore)).toEqual([6, 30, 50]);
    expect(r.uncappedTotal).toBe(86);
    // What sync carries stays as it always was: capped only by section-scope critical items.
    expect(sectionScoreMap(r)).toEqual({ open: 6, talk: 30, handling: 50 });
  });

  it('without a critical fail the final sections are the sections', () => {
    const r = computeScore(card, { ...answers, privacy: 'pass' });
    expect(Object.values(r.sections).map((s) => s.finalScore)).toEqual([6, 30, 50]);
    expect(r.total).toBe(86);
  });
});

describe('card checks for the new forms', () => {
  it('names each problem', () => {
    const def = scorecardDraftDefinitionSchema.parse({
      name: 'bad',
      requireRootCause: true,
      rootCauses: [],
      sections: [
        {
          id: 's',
          name: 'S',
          points: 100,
          items: [
            { id: 'c1', name: 'C1', kind: 'choice', maxPoints: 10, options: [{ id: 'a', label: 'A', points: 10 }] },
            {
              id: 'c2',
              name: 'C2',
              kind: 'choice',
              maxPoints: 10,
              options: [
                { id: 'a', label: 'A', points: 8 },
                { id: 'a', label: 'B', points: 12 },
              ],
            },
            { id: 'p', name: 'P', kind: 'points', maxPoints: 40, options: [{ id: 'x', label: 'X', points: 1 }] },
            { id: 'q', name: 'Q', kind: 'points', maxPoints: 20, showIf: { item: 'later', answers: ['pass'] } },
            { id: 'r', name: 'R', kind: 'points', maxPoints: 20, showIf: { item: 'p', answers: ['pass', 'full'] } },
            { id: 'later', name: 'L', kind: 'yesno', maxPoints: 0.01 },
          ],
        },
      ],
    });
    expect(checkScorecard(def).map((p) => p.code)).toEqual([
      'choice_without_options',
      'duplicate_option_id',
      'option_above_max',
      'no_full_option',
      'options_on_other_kind',
      'condition_unknown_item',
      'condition_bad_answer',
      'items_do_not_add_up',
      'root_cause_required_without_causes',
    ]);
  });

  it('reserves na, pass, fail, full and deducted as option ids', () => {
    const option = (id: string) =>
      scorecardDraftDefinitionSchema.safeParse({
        name: 'x',
        sections: [
          {
            id: 's',
            name: 'S',
            points: 100,
            items: [{ id: 'c', name: 'C', kind: 'choice', maxPoints: 100, options: [{ id, label: 'L', points: 1 }] }],
          },
        ],
      }).success;
    expect(['na', 'pass', 'fail', 'full', 'deducted'].map(option)).toEqual([false, false, false, false, false]);
    expect(option('ok')).toBe(true);
  });
});

describe('comments and root causes on deductions', () => {
  const ruled = scorecardDefinitionSchema.parse({ ...formCard, requireRootCause: true });
  const submission = (answers: Answers, itemComments: Record<string, string>, rootCauses?: Record<string, string>) => ({
    id: randomUUID(),
    revision: 1,
    recordingId: 'rec-1',
    agentNo: '1001',
    scorecardId: 'service',
    scorecardVersion: 1,
    scorecardDefinition: ruled,
    answers,
    itemComments,
    rootCauses,
    comment: '',
    findings: [],
    suggestion: '',
    reason: null,
    inspectorId: null,
    submittedAt: '2026-03-02T08:00:00.000Z',
  });
  const answers: Answers = { greet: 'fair', hold: 'pass', thanks: 3, solve: 30, record: 30, privacy: 'pass' };

  it('refuses a deduction without a root cause, and an item that asks for a comment without one', () => {
    let error: unknown;
    try {
      buildEvaluationRevision(submission(answers, {}, { greet: 'skill' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SubmissionRulesError);
    expect((error as SubmissionRulesError).problems).toEqual([
      { code: 'comment_required', itemId: 'thanks' },
      { code: 'root_cause_required', itemId: 'thanks' },
    ]);
  });

  it('refuses a cause the card does not list', () => {
    expect(() =>
      buildEvaluationRevision(submission(answers, { thanks: '未致谢' }, { greet: 'skill', thanks: 'weather' })),
    ).toThrow(/unknown_root_cause/);
  });

  it('drops what the inspector can no longer see: a hidden answer, its comment, a cause on a full item', () => {
    const body = buildEvaluationRevision(
      submission(
        { greet: 'fair', hold: 'fail', thanks: 3, solve: 30, record: 30, privacy: 'pass' },
        { thanks: '未致谢', greet: '语气平淡' },
        { greet: 'attitude', hold: 'skill', thanks: 'skill', solve: 'skill' },
      ),
    );
    expect(body.answers).toEqual({ greet: 'fair', hold: 'fail', solve: 30, record: 30, privacy: 'pass' });
    expect(body.itemComments).toEqual({ greet: '语气平淡' });
    expect(body.rootCauses).toEqual({ greet: 'attitude', hold: 'skill' });
    expect(verifyEvaluationRevision(body)).toEqual([]);
  });

  it('head office refuses a body the app would not have written', () => {
    const body = buildEvaluationRevision(
      submission(answers, { thanks: '未致谢' }, { greet: 'skill', thanks: 'skill' }),
    );
    expect(verifyEvaluationRevision(body)).toEqual([]);
    const tampered = evaluationRevisionSchema.parse({ ...body, rootCauses: { greet: 'skill' }, itemComments: {} });
    expect(verifyEvaluationRevision(tampered)).toEqual([
      'Item "thanks": comment_required.',
      'Item "thanks": root_cause_required.',
    ]);
    const hiddenAnswer = evaluationRevisionSchema.parse({
      ...body,
      answers: { ...body.answers, escalate: 'pass' },
    });
    expect(verifyEvaluationRevision(hiddenAnswer)).toEqual(['Item "escalate": hidden_item_answered.']);
  });
});
