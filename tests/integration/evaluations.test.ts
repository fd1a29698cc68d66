import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { EvaluationDraftState } from '../../shared/contracts/evaluations';
import {
  evaluationRevisionHash,
  evaluationRevisionSchema,
  verifyEvaluationRevision,
  type Answers,
} from '../../shared/evaluation';
import { scorecardDefinitionSchema } from '../../shared/scorecard';
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

async function defaultCard() {
  const [card] = await core.call('scorecards.list', { latestOnly: true });
  return card;
}

async function fullMarks(): Promise<Answers> {
  const card = await defaultCard();
  return Object.fromEntries(
    card.sections.flatMap((s) => s.items.map((i) => [i.id, i.kind === 'points' ? i.maxPoints : 'pass'] as const)),
  );
}

describe('scorecards', () => {
  it('seeds the default phone, chat and store-visit cards on first start, published, with sections, items, points and kinds', async () => {
    const list = await core.call('scorecards.list', {});
    expect(list.map((c) => [c.id, c.channel, c.status])).toEqual([
      ['default-phone', 'phone', 'published'],
      ['online-chat', 'chat', 'published'],
      ['store-visit', 'store', 'published'],
    ]);
    const [card] = list;
    expect(card).toMatchObject({ id: 'default-phone', version: 1, status: 'published', channel: 'phone' });
    expect(card.sections.map((s) => s.points)).toEqual([5, 25, 20, 50]);
    expect(card.sections[0].items[0]).toMatchObject({ id: 'opening-greeting', kind: 'points', points: 2 });
    // A second start does not seed again.
    core.close();
    core = createCore({ dataDir: temp.dir, transport: 'cli' });
    expect(await core.call('scorecards.list', {})).toHaveLength(3);
  });

  it('editing makes a new draft version; a published version is immutable even to direct SQL', async () => {
    const card = await defaultCard();
    const exported = await core.call('scorecards.export', { id: card.id, version: 1 });
    const edited = { ...exported.definition, name: '电话监控评分表（修订）' };
    const draft = await core.call('scorecards.saveDraft', { id: card.id, definition: edited });
    expect(draft).toMatchObject({ version: 2, status: 'draft' });
    const published = await core.call('scorecards.publish', { id: card.id, version: 2 });
    expect(published.publishedAt).not.toBeNull();
    expect(() => core.db.prepare("UPDATE scorecards SET name = 'x' WHERE id = ? AND version = 1").run(card.id)).toThrow(
      /immutable/,
    );
    expect(() => core.db.prepare('DELETE FROM scorecards WHERE version = 1').run()).toThrow(/cannot be deleted/);
    expect((await core.call('scorecards.get', { id: card.id })).name).toBe('电话监控评分表（修订）');
  });

  it('refuses to publish a version identical to the published one', async () => {
    const latest = await core.call('scorecards.get', { id: 'default-phone' });
    const exported = await core.call('scorecards.export', { id: 'default-phone', version: latest.version });
    const draft = await core.call('scorecards.saveDraft', { id: 'default-phone', definition: exported.definition });
    await expect(core.call('scorecards.publish', { id: 'default-phone', version: draft.version })).rejects.toThrow(
      new RegExp(`identical to published v${latest.version}`),
    );
    await core.call('scorecards.discardDraft', { id: 'default-phone', version: draft.version });
  });

  it('refuses to publish a card whose points do not add up, listing the problem', async () => {
    const exported = await core.call('scorecards.export', { id: 'default-phone', version: 1 });
    const broken = structuredClone(exported.definition);
    broken.sections[0].items[0].maxPoints = 3;
    await core.call('scorecards.import', { file: { ...exported, id: 'broken', definition: broken } });
    await expect(core.call('scorecards.publish', { id: 'broken', version: 1 })).rejects.toThrow(/add up to 6/);
  });
});

describe('evaluations', () => {
  it('submit stores revision 1 with the outbox row; stored totals equal scoring() on the stored answers', async () => {
    const recordingId = insertRecording(core.db);
    const answers = { ...(await fullMarks()), 'handling-knowledge': 12, 'attitude-soothe': 'na' as const };
    const result = await core.call('evaluations.submit', { recordingId, scorecardId: 'default-phone', answers });
    expect(result).toMatchObject({ revision: 1 });
    expect(result.total).toBe(97);

    const revision = core.db
      .prepare('SELECT body_json, hash, total_x100 FROM evaluation_revisions WHERE evaluation_id = ?')
      .get(result.id) as { body_json: string; hash: string; total_x100: number };
    const body = evaluationRevisionSchema.parse(JSON.parse(revision.body_json));
    expect(verifyEvaluationRevision(body)).toEqual([]);
    expect(evaluationRevisionHash(body)).toBe(revision.hash);
    const card = scorecardDefinitionSchema.parse(
      (await core.call('scorecards.export', { id: 'default-phone', version: 1 })).definition,
    );
    const recomputed = computeScore(card, body.answers);
    expect(revision.total_x100 / 100).toBe(recomputed.total);
    expect(result.sections).toEqual(sectionScoreMap(recomputed));

    const outbox = core.db.prepare('SELECT evaluation_id, revision, hash, body_json, status FROM outbox').all();
    expect(outbox).toEqual([
      { evaluation_id: result.id, revision: 1, hash: revision.hash, body_json: revision.body_json, status: 'pending' },
    ]);
    // What the inspector and the lists show: the submitted revision's section scores, as scoring gives them.
    const opened = await core.call('evaluations.open', { recordingId });
    expect(opened.evaluation?.sections).toEqual(sectionScoreMap(recomputed));
    expect(opened.revisions.at(-1)?.body.sections).toEqual(sectionScoreMap(recomputed));
    const [listed] = await core.call('evaluations.list', { status: 'submitted' });
    expect(listed).toMatchObject({ id: result.id, total: 97, revision: 1, agentNo: '1001', agentName: '坐席1001' });
    expect(listed.sections).toEqual(sectionScoreMap(recomputed));
  });

  it('refuses an incomplete submission, naming the unanswered items, and a second submit of the same call', async () => {
    const recordingId = insertRecording(core.db);
    const answers = await fullMarks();
    delete answers['critical-privacy'];
    await expect(
      core.call('evaluations.submit', { recordingId, scorecardId: 'default-phone', answers }),
    ).rejects.toThrow(/Unanswered items: critical-privacy/);
    await core.call('evaluations.submit', { recordingId, scorecardId: 'default-phone', answers: await fullMarks() });
    await expect(
      core.call('evaluations.submit', { recordingId, scorecardId: 'default-phone', answers: await fullMarks() }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('re-scoring needs a reason, writes revision 2 beside revision 1 and a second outbox row', async () => {
    const recordingId = insertRecording(core.db);
    const first = await core.call('evaluations.submit', {
      recordingId,
      scorecardId: 'default-phone',
      answers: await fullMarks(),
      comment: '整体良好',
    });
    await expect(
      core.call('evaluations.revise', { evaluationId: first.id, reason: '  ', answers: await fullMarks() }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const second = await core.call('evaluations.revise', {
      evaluationId: first.id,
      reason: '复核：漏听抢话',
      answers: { ...(await fullMarks()), 'attitude-listen': 2 },
    });
    expect(second).toMatchObject({ id: first.id, revision: 2, total: 97 });
    const history = await core.call('evaluations.history', { evaluationId: first.id });
    expect(history.map((h) => [h.revision, h.reason, h.total, h.syncStatus])).toEqual([
      [1, null, 100, 'pending'],
      [2, '复核：漏听抢话', 97, 'pending'],
    ]);
    expect(history[1].body.comment).toBe('整体良好'); // carried over when not given
    expect(core.db.prepare('SELECT revision FROM outbox ORDER BY id').pluck().all()).toEqual([1, 2]);
    expect(() => core.db.prepare('UPDATE evaluation_revisions SET reason = NULL').run()).toThrow(/never overwritten/);
    const [listed] = await core.call('evaluations.list', {});
    expect(listed).toMatchObject({ revision: 2, total: 97 });
  });

  it('writes revision and outbox row in one transaction: if the outbox insert fails, nothing is stored', async () => {
    const recordingId = insertRecording(core.db);
    const card = await defaultCard();
    const state: EvaluationDraftState = {
      scorecardId: card.id,
      scorecardVersion: card.version,
      answers: { 'opening-greeting': 1.5 },
      itemComments: {},
      rootCauses: {},
      comment: '草稿',
      findings: [],
      suggestion: '',
      reason: '',
      focusItemId: 'opening-greeting',
    };
    await core.call('evaluations.saveDraft', { recordingId, state });
    core.db.exec(`CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(
      core.call('evaluations.submit', { recordingId, scorecardId: card.id, answers: await fullMarks() }),
    ).rejects.toMatchObject({ code: 'internal' });
    expect(core.db.prepare('SELECT COUNT(*) FROM evaluation_revisions').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT status FROM evaluations').pluck().all()).toEqual(['draft']);
    expect((await core.call('evaluations.getDraft', { recordingId }))?.state).toEqual(state);
    core.db.exec('DROP TRIGGER fail_outbox');
    const ok = await core.call('evaluations.submit', { recordingId, scorecardId: card.id, answers: await fullMarks() });
    expect(ok.revision).toBe(1);
    expect(await core.call('evaluations.getDraft', { recordingId })).toBeNull();
  });

  it('drafts: saved exactly, validated against the card, and discarded with their never-submitted evaluation', async () => {
    const recordingId = insertRecording(core.db);
    const card = await defaultCard();
    const base = { scorecardId: card.id, scorecardVersion: card.version };
    await expect(
      core.call('evaluations.saveDraft', { recordingId, state: { ...base, answers: { 'opening-greeting': 7 } } }),
    ).rejects.toThrow(/outside/);
    const saved = await core.call('evaluations.saveDraft', {
      recordingId,
      state: { ...base, answers: { 'opening-reply': 'fail' }, findings: ['抢话'] },
    });
    const view = await core.call('evaluations.open', { recordingId });
    expect(view.evaluation).toMatchObject({ id: saved.evaluationId, status: 'draft', hasDraft: true });
    expect(view.draft?.state.findings).toEqual(['抢话']);
    expect(view.recording.callerNumber).toBe('138****8000');
    expect(await core.call('evaluations.discardDraft', { recordingId })).toEqual({ deleted: true });
    expect((await core.call('evaluations.open', { recordingId })).evaluation).toBeNull();
  });

  it('lists by call date (inclusive bounds), agent and status', async () => {
    insertRecording(core.db, { agentNo: '1001', startedAt: '2025-03-01T08:00:00' });
    insertRecording(core.db, { agentNo: '1002', startedAt: '2025-03-31T23:59:00' });
    insertRecording(core.db, { agentNo: '1001', startedAt: '2025-04-01T00:00:00' });
    const ids = core.db.prepare('SELECT id FROM recordings ORDER BY started_at').pluck().all() as string[];
    for (const recordingId of ids) {
      await core.call('evaluations.submit', { recordingId, scorecardId: 'default-phone', answers: await fullMarks() });
    }
    expect(await core.call('evaluations.list', { from: '2025-03-01', to: '2025-03-31' })).toHaveLength(2);
    expect(await core.call('evaluations.list', { from: '2025-03', to: '2025-03' })).toHaveLength(2);
    expect(await core.call('evaluations.list', { agentNo: '1001' })).toHaveLength(2);
    expect(await core.call('evaluations.list', { status: 'draft' })).toHaveLength(0);
  });

  it('annotations: create, list by time, update, delete', async () => {
    const recordingId = insertRecording(core.db);
    const a = await core.call('annotations.create', {
      recordingId,
      startMs: 5000,
      text: '抢话',
      itemId: 'attitude-listen',
    });
    await core.call('annotations.create', { recordingId, startMs: 1000, endMs: 2000, text: '开头语拖沓' });
    expect((await core.call('annotations.list', { recordingId })).map((x) => x.startMs)).toEqual([1000, 5000]);
    const updated = await core.call('annotations.update', { id: a.id, endMs: 7000, text: '客户说话时抢话' });
    expect(updated).toMatchObject({ startMs: 5000, endMs: 7000, itemId: 'attitude-listen', text: '客户说话时抢话' });
    await expect(core.call('annotations.update', { id: a.id, endMs: 10 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await core.call('annotations.delete', { id: a.id })).toEqual({ deleted: true });
    expect(await core.call('annotations.list', { recordingId })).toHaveLength(1);
  });
});
