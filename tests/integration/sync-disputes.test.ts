/**
 * Sign-off and disputes between real apps and a real server: a lead disputes two items offline, the inspector
 * accepts one and rejects the other, the lead escalates, head office decides, and every app ends with the same final
 * score and history. Then the conflicts: a dispute of a revision the inspector has already replaced, two decisions
 * from two devices, a dispute arriving after the window closed by the server's clock, the monthly limit, duplicates
 * and scope.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisputeView } from '../../shared/contracts/disputes';
import { FaultProxy, seededRandom } from '../support/fault-proxy';
import {
  card,
  device,
  disputableAnswers,
  disputeWorld,
  refusalOf,
  type Device,
  type DisputeWorld,
} from '../support/dispute-world';
import { serverApi } from '../support/server-api';
import { submitRevision } from '../support/sync-client';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world(policy?: { windowDays: number; monthlyLimit: number }): Promise<DisputeWorld> {
  const w = await disputeWorld(policy);
  cleanups.push(() => w.stop());
  return w;
}

async function open(w: DisputeWorld, user: Parameters<typeof device>[1], url?: string): Promise<Device> {
  const d = await device(w, user, url);
  cleanups.push(() => d.close());
  return d;
}

/** The inspector scores A001's call (two items below full) and syncs; returns the evaluation id. */
async function scored(inspector: Device, agentNo = 'A001'): Promise<string> {
  const { id } = submitRevision(inspector.core.db, card, seededRandom(1), { agentNo, answers: disputableAnswers() });
  // the call's time, which a re-score (an accepted dispute) carries into its revision
  inspector.core.db.prepare("UPDATE recordings SET started_at = '2025-03-20T10:00:00' WHERE id = ?").run(`rec-${id}`);
  await inspector.core.call('sync.now', {});
  return id;
}

const only = async (d: Device, id: string): Promise<DisputeView> => {
  const { items } = await d.core.call('disputes.list', { evaluationId: id });
  expect(items).toHaveLength(1);
  return items[0];
};

describe('a dispute from the lead to head office', () => {
  it('filed offline, partly accepted, escalated and arbitrated: one final score and history everywhere', async () => {
    const w = await world();
    const proxy = new FaultProxy(w.server.port);
    await proxy.listen();
    cleanups.push(() => proxy.close());
    const inspector = await open(w, 'inspector');
    const lead = await open(w, 'lead', proxy.url);
    const office = await open(w, 'headOffice');
    const id = await scored(inspector);
    await lead.core.call('sync.now', {});
    const feedback = await lead.core.call('disputes.forEvaluation', { evaluationId: id });
    expect(feedback.canFile).toBe(true);
    expect(feedback.disputable.map((i) => i.itemId).sort()).toEqual(['attitude-soothe', 'phrasing-hold']);

    proxy.mode = 'refuse'; // the lead is offline
    proxy.dropAll();
    const filed = await lead.core.call('disputes.file', {
      evaluationId: id,
      items: {
        'attitude-soothe': { reason: '客户没有抱怨，无需安抚', proposedPoints: 6 },
        'phrasing-hold': { reason: '已说“请稍等”' },
      },
    });
    expect(filed.status).toBe('open');
    expect((await only(lead, id)).steps.map((s) => s.sync)).toEqual(['pending']);
    proxy.mode = 'pass';
    await lead.core.call('sync.now', {});
    expect((await only(lead, id)).synced).toBe(true);

    await inspector.core.call('sync.now', {});
    const queue = await inspector.core.call('disputes.list', { status: 'open' });
    expect(queue.items.map((d) => d.evaluationId)).toEqual([id]);
    const decided = await inspector.core.call('disputes.decide', {
      disputeId: filed.id,
      items: {
        'attitude-soothe': { accept: true, note: '确无抱怨' },
        'phrasing-hold': { accept: false, note: '等待前未说明原因' },
      },
    });
    expect(decided).toEqual({ status: 'decided', revision: 2 });
    const history = await inspector.core.call('evaluations.history', { evaluationId: id });
    expect(history.map((r) => r.reason)).toEqual([null, '申诉成立：客户抱怨时及时回应并安抚']);
    expect(history[1].body.answers['attitude-soothe']).toBe(6);

    await lead.core.call('sync.now', {});
    expect((await only(lead, id)).status).toBe('decided');
    const escalated = await lead.core.call('disputes.escalate', {
      disputeId: filed.id,
      reason: '录音 00:35 已说请稍等',
    });
    expect(escalated.status).toBe('escalated');
    expect(await refusalOf(lead.core.call('disputes.escalate', { disputeId: filed.id, reason: '再次' }))).toEqual({
      code: 'conflict',
      reason: 'already_escalated',
    });

    await office.core.call('sync.now', {});
    const arbitrated = await office.core.call('disputes.arbitrate', {
      disputeId: filed.id,
      items: { 'phrasing-hold': { accept: true, points: 4, note: '用语基本规范' } },
    });
    expect(arbitrated.status).toBe('arbitrated');

    await inspector.core.call('sync.now', {}); // writes and pushes the arbitration revision
    const final = await inspector.core.call('evaluations.history', { evaluationId: id });
    expect(final.map((r) => r.reason)).toEqual([
      null,
      '申诉成立：客户抱怨时及时回应并安抚',
      '申诉仲裁改判：请客户等待时使用标准用语',
    ]);
    for (const d of [lead, office, inspector]) {
      await d.core.call('sync.now', {});
      const view = await d.core.call('reports.evaluation', { id });
      expect(view.revision).toBe(3);
      expect(view.body.answers).toMatchObject({ 'attitude-soothe': 6, 'phrasing-hold': 4 });
      const dispute = await only(d, id);
      expect(dispute.history.map((h) => [h.kind, h.role])).toEqual([
        ['file', 'lead'],
        ['decide', 'inspector'],
        ['escalate', 'lead'],
        ['arbitrate', 'head_office'],
      ]);
      const stats = await d.core.call('disputes.stats', { from: '2025-03', to: '2025-03' });
      expect(stats).toMatchObject({ evaluations: 1, disputes: 1, rate: 1, escalated: 1 });
      // Named in every app: the inspector's own by its identity, the others by the evaluation head office sent.
      expect(stats.byInspector[0]).toMatchObject({
        name: '质检员张三',
        disputedItems: 2,
        overturnedItems: 2,
        overturnRate: 1,
      });
    }
  }, 120_000);

  it('a sign-off is stored once and closes the evaluation to disputes', async () => {
    const w = await world();
    const inspector = await open(w, 'inspector');
    const lead = await open(w, 'lead');
    const id = await scored(inspector);
    await lead.core.call('sync.now', {});
    const signed = await lead.core.call('evaluations.acknowledge', { evaluationId: id });
    expect(signed).toMatchObject({ status: 'acknowledged', synced: true, final: true });
    const refused = await refusalOf(
      lead.core.call('disputes.file', { evaluationId: id, items: { 'phrasing-hold': { reason: '补充申诉' } } }),
    );
    expect(refused).toEqual({ code: 'conflict', reason: 'already_filed' });
  }, 60_000);
});

describe('conflicts, decided by head office', () => {
  it('a dispute of revision 1 after the inspector made revision 2 is refused; the lead reads the new score', async () => {
    const w = await world();
    const inspector = await open(w, 'inspector');
    const lead = await open(w, 'lead');
    const id = await scored(inspector);
    await lead.core.call('sync.now', {});
    submitRevision(inspector.core.db, card, seededRandom(2), {
      id,
      revision: 2,
      agentNo: 'A001',
      answers: disputableAnswers(),
    });
    await inspector.core.call('sync.now', {});
    const refused = await refusalOf(
      lead.core.call('disputes.file', { evaluationId: id, items: { 'phrasing-hold': { reason: '已说请稍等' } } }),
    );
    expect(refused).toEqual({ code: 'conflict', reason: 'revision_superseded' });
    // the sync that refused it also brought revision 2: filing again now is accepted
    expect((await lead.core.call('reports.evaluation', { id })).revision).toBe(2);
    const again = await lead.core.call('disputes.file', {
      evaluationId: id,
      items: { 'phrasing-hold': { reason: '已说请稍等' } },
    });
    expect(again.status).toBe('open');
  }, 60_000);

  it('two decisions from two devices: the first head office stores wins, the other is refused and changes nothing', async () => {
    const w = await world();
    const proxy = new FaultProxy(w.server.port);
    await proxy.listen();
    cleanups.push(() => proxy.close());
    const laptop = await open(w, 'inspector', proxy.url);
    const other = await open(w, 'inspector');
    const lead = await open(w, 'lead');
    const id = await scored(laptop);
    await lead.core.call('sync.now', {});
    const { id: disputeId } = await lead.core.call('disputes.file', {
      evaluationId: id,
      items: { 'phrasing-hold': { reason: '已说请稍等', proposedPoints: 5 } },
    });
    await laptop.core.call('sync.now', {});
    await other.core.call('sync.now', {});
    proxy.mode = 'refuse';
    proxy.dropAll();
    // the laptop accepts offline; the other device rejects, online, first
    const offline = await laptop.core.call('disputes.decide', {
      disputeId,
      items: { 'phrasing-hold': { accept: true, note: '' } },
    });
    expect(offline).toEqual({ status: 'decided' });
    await other.core.call('disputes.decide', {
      disputeId,
      items: { 'phrasing-hold': { accept: false, note: '未说明原因' } },
    });
    proxy.mode = 'pass';
    await laptop.core.call('sync.now', {});
    const seen = await only(laptop, id);
    expect(seen.steps).toMatchObject([{ kind: 'decide', sync: 'rejected', code: 'already_decided' }]);
    expect(seen.items[0].decision).toMatchObject({ accept: false, note: '未说明原因' });
    expect(seen.history.filter((h) => h.kind === 'decide')).toHaveLength(1);
    // the rejected item keeps its score: no revision was written for the decision that lost
    expect((await laptop.core.call('evaluations.history', { evaluationId: id })).map((r) => r.revision)).toEqual([1]);
  }, 60_000);

  it('a dispute recorded in time on the laptop but arriving after the window closed (server clock) is refused', async () => {
    const w = await world({ windowDays: 7, monthlyLimit: 3 });
    const inspector = await open(w, 'inspector');
    const lead = await open(w, 'lead');
    const id = await scored(inspector);
    await lead.core.call('sync.now', {});
    const { deadline } = await lead.core.call('disputes.forEvaluation', { evaluationId: id });
    expect(deadline).not.toBeNull();
    // head office received the evaluation eight days ago by its own clock; the laptop's clock is not asked
    await w.restart(false, async (db) => {
      await db.query("UPDATE evaluation_revisions SET received_at = now() - interval '8 days'");
    });
    const refused = await refusalOf(
      lead.core.call('disputes.file', { evaluationId: id, items: { 'phrasing-hold': { reason: '已说请稍等' } } }),
    );
    expect(refused).toEqual({ code: 'conflict', reason: 'window_closed' });
    const [view] = (await lead.core.call('disputes.list', {})).items;
    expect(view.steps).toMatchObject([{ kind: 'file', sync: 'rejected', code: 'window_closed' }]);
  }, 60_000);

  it('the monthly limit per agent, scope, and who may decide, each refused with its code', async () => {
    const w = await world({ windowDays: 7, monthlyLimit: 1 });
    const inspector = await open(w, 'inspector');
    const lead = await open(w, 'lead');
    const lead2 = await open(w, 'lead2');
    const first = await scored(inspector);
    const second = await scored(inspector);
    await lead.core.call('sync.now', {});
    await lead2.core.call('sync.now', {});
    const claim = { 'phrasing-hold': { reason: '已说请稍等' } };
    const { id: disputeId } = await lead.core.call('disputes.file', { evaluationId: first, items: claim });
    expect(await refusalOf(lead.core.call('disputes.file', { evaluationId: second, items: claim }))).toEqual({
      code: 'conflict',
      reason: 'monthly_limit',
    });
    // a lead of another team holds no such evaluation; a full-marks item cannot be disputed
    expect(await refusalOf(lead2.core.call('disputes.file', { evaluationId: first, items: claim }))).toMatchObject({
      reason: 'evaluation_unknown',
    });
    expect(await refusalOf(lead.core.call('evaluations.acknowledge', { evaluationId: first }))).toMatchObject({
      reason: 'already_filed',
    });
    await lead.core.call('sync.now', {});
    expect(
      await refusalOf(
        lead.core.call('disputes.decide', { disputeId, items: { 'phrasing-hold': { accept: true, note: '' } } }),
      ),
    ).toEqual({ code: 'forbidden', reason: 'role_not_allowed' });
    const third = await scored(inspector, 'A002');
    await lead.core.call('sync.now', {});
    expect(
      await refusalOf(
        lead.core.call('disputes.file', { evaluationId: third, items: { 'opening-greeting': { reason: '满分项' } } }),
      ),
    ).toEqual({ code: 'invalid_input', reason: 'not_below_full' });
  }, 90_000);

  it('the server stores a step once: a repeat is a duplicate, the same id with other content is refused', async () => {
    const w = await world();
    const inspector = await open(w, 'inspector');
    const id = await scored(inspector);
    const { api } = serverApi(w.server.url);
    const step = {
      id: randomUUID(),
      kind: 'file',
      evaluationId: id,
      revision: 1,
      items: { 'phrasing-hold': { reason: '已说请稍等', proposedPoints: null } },
    };
    const send = (s: unknown) => api('/v1/sync/disputes', { token: w.tokens.lead, body: { steps: [s] } });
    expect((await send(step)).json).toEqual({ results: [{ id: step.id, status: 'stored' }] });
    expect((await send(step)).json).toEqual({ results: [{ id: step.id, status: 'duplicate' }] });
    const other = await send({ ...step, items: { 'attitude-soothe': { reason: '无抱怨', proposedPoints: null } } });
    expect(other.json).toMatchObject({ results: [{ status: 'rejected', code: 'step_conflict' }] });
    const byInspector = await api('/v1/sync/disputes', {
      token: w.tokens.inspector,
      body: { steps: [{ ...step, id: randomUUID() }] },
    });
    expect(byInspector.json).toMatchObject({ results: [{ status: 'rejected', code: 'role_not_allowed' }] });
    const pulled = await serverApi(w.server.url).pullAll(w.tokens.lead2);
    expect(pulled.changes.filter((c) => c.kind === 'dispute')).toEqual([]); // another team's lead never sees it
  }, 60_000);
});
