import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { scorecardDefinitionSchema, type ScorecardDefinitionInput } from '../../shared/scorecard';
import { computeScore, sectionScoreMap } from '../../shared/scoring';
import { insertRecording } from '../support/recording-rows';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;
beforeEach(() => {
  temp = makeTempDir();
  core = createCore({ dataDir: temp.dir, transport: 'cli' });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

/**
 * greet   choice 满意 10 / 基本满意 6 / 不满意 0, a deduction needs a comment   (开头, 10)
 * hold    yes/no 4; thanks 6 shown only when hold passed; solve 30           (沟通, 40)
 * record  points 50                                                          (处理, 50)
 * privacy critical; every deduction needs one of the card's root causes.
 */
const formCard: ScorecardDefinitionInput = {
  name: '服务表',
  channel: 'phone',
  rootCauses: [
    { id: 'skill', label: '业务不熟' },
    { id: 'attitude', label: '服务意识' },
  ],
  requireRootCause: true,
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
          requireComment: true,
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
        { id: 'thanks', name: '感谢等候', kind: 'points', maxPoints: 6, showIf: { item: 'hold', answers: ['pass'] } },
        { id: 'solve', name: '解答', kind: 'points', maxPoints: 30 },
      ],
    },
    {
      id: 'handling',
      name: '处理',
      points: 50,
      items: [
        { id: 'record', name: '工单记录', kind: 'points', maxPoints: 50 },
        { id: 'privacy', name: '泄露客户信息', kind: 'critical', maxPoints: 0 },
      ],
    },
  ],
};

async function publishFormCard() {
  await core.call('scorecards.saveDraft', { id: 'service-form', definition: formCard });
  return core.call('scorecards.publish', { id: 'service-form', version: 1 });
}

// hold failed hides thanks, which the page may still hold an answer for: it must not count.
const answers = { greet: 'fair', hold: 'fail', thanks: 6, solve: 30, record: 50, privacy: 'pass' };

describe('richer scorecards, end to end through the core', () => {
  it('lists the card with its root causes and rules, as the evaluate page needs them', async () => {
    const card = await publishFormCard();
    expect(card).toMatchObject({ status: 'published', requireRootCause: true, rootCauses: formCard.rootCauses });
    expect(card.sections[0].items[0]).toMatchObject({ kind: 'choice', requireComment: true });
  });

  it('keeps root causes and comments in the draft', async () => {
    await publishFormCard();
    const recordingId = insertRecording(core.db);
    await core.call('evaluations.saveDraft', {
      recordingId,
      state: {
        scorecardId: 'service-form',
        scorecardVersion: 1,
        answers: { greet: 'poor' },
        itemComments: { greet: '语气冷淡' },
        rootCauses: { greet: 'attitude' },
      },
    });
    const draft = await core.call('evaluations.getDraft', { recordingId });
    expect(draft?.state).toMatchObject({ rootCauses: { greet: 'attitude' }, itemComments: { greet: '语气冷淡' } });
  });

  it('refuses a deduction without its comment and cause, naming each by code and item', async () => {
    await publishFormCard();
    const recordingId = insertRecording(core.db);
    const refused = await core.dispatch('evaluations.submit', { recordingId, scorecardId: 'service-form', answers });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        reason: 'submission_rules',
        details: [
          { code: 'comment_required', itemId: 'greet' },
          { code: 'root_cause_required', itemId: 'greet' },
          { code: 'root_cause_required', itemId: 'hold' },
        ],
      },
    });
    const withComment = await core.dispatch('evaluations.submit', {
      recordingId,
      scorecardId: 'service-form',
      answers,
      itemComments: { greet: '语气冷淡' },
      rootCauses: { greet: 'nonsense', hold: 'skill' },
    });
    expect(withComment).toMatchObject({
      ok: false,
      error: { details: [{ code: 'unknown_root_cause', itemId: 'greet' }] },
    });
    expect(core.db.prepare('SELECT count(*) FROM evaluation_revisions').pluck().get()).toBe(0);
  });

  it('accepts a complete submission: the hidden answer is dropped and the total is what scoring gives', async () => {
    await publishFormCard();
    const recordingId = insertRecording(core.db);
    const result = await core.call('evaluations.submit', {
      recordingId,
      scorecardId: 'service-form',
      answers,
      itemComments: { greet: '语气冷淡', thanks: '不该出现' },
      rootCauses: { greet: 'attitude', hold: 'skill', solve: 'skill' },
    });
    const { thanks: _hidden, ...shown } = answers;
    const expected = computeScore(scorecardDefinitionSchema.parse(formCard), shown);
    // 开头 6/10; 沟通 30 of 34 possible → 35.29; 处理 50.
    expect(result.total).toBe(expected.total);
    expect(result.total).toBe(91.29);
    expect(result.sections).toEqual(sectionScoreMap(expected));
    const opened = await core.call('evaluations.open', { recordingId });
    const body = opened.revisions.at(-1)!.body;
    expect(body.answers).not.toHaveProperty('thanks');
    expect(body.itemComments).toEqual({ greet: '语气冷淡' });
    // A cause on an item that lost nothing explains nothing: only the deduction keeps its cause.
    expect(body.rootCauses).toEqual({ greet: 'attitude', hold: 'skill' });
    expect(opened.evaluation).toMatchObject({ total: 91.29, sections: sectionScoreMap(expected) });
  });
});
