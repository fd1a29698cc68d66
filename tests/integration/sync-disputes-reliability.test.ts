/**
 * Disputes under the fault schedule of sync-reliability.test.ts: an inspector, a lead and head office sync through a
 * proxy that drops requests, cuts them after the server has them and cuts answers mid-way, while the server is
 * killed and restarted, for 500+ faults. Every sign-off, filing, decision, escalation and arbitration recorded on a
 * device ends on the server exactly once (its history lists each step once), and each accepted outcome becomes
 * exactly one revision of the inspector's, stored once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DisputeView } from '../../shared/contracts/disputes';
import { FaultProxy, seededRandom } from '../support/fault-proxy';
import { card, device, disputableAnswers, disputeWorld, type Device } from '../support/dispute-world';
import { outboxCount, submitRevision, submittedRevisions } from '../support/sync-client';
import { storedRevisions } from '../support/sync-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Kind = 'acknowledge' | 'file' | 'decide' | 'escalate' | 'arbitrate';

const pendingSteps = (d: Device) =>
  (d.core.db.prepare("SELECT count(*) AS n FROM dispute_outbox WHERE status = 'pending'").get() as { n: number }).n;

describe('disputes under faults', () => {
  it('survives 500+ faults (cut requests, cut answers, server crashes): every step stored once, every outcome one revision', async () => {
    const w = await disputeWorld({ windowDays: 7, monthlyLimit: 1000 });
    cleanups.push(() => w.stop());
    const proxy = new FaultProxy(w.server.port, 2026);
    await proxy.listen();
    cleanups.push(() => proxy.close());
    const [inspector, lead, office] = await Promise.all([
      device(w, 'inspector', proxy.url),
      device(w, 'lead', proxy.url),
      device(w, 'headOffice', proxy.url),
    ]);
    cleanups.push(
      () => inspector.close(),
      () => lead.close(),
      () => office.close(),
    );
    const random = seededRandom(18);
    /** What the devices recorded, per evaluation: the steps in order. */
    const recorded = new Map<string, Kind[]>();
    const note = (evaluationId: string, kind: Kind) =>
      recorded.set(evaluationId, [...(recorded.get(evaluationId) ?? []), kind]);
    const sync = (d: Device) => d.core.call('sync.now', {}).catch(() => null);
    const settled = (v: DisputeView) => v.synced && v.steps.every((s) => s.sync === 'rejected');
    const list = async (d: Device) => (await d.core.call('disputes.list', {})).items;

    proxy.mode = 'random';
    // lower than the push-only schedule's 0.6: a dispute needs several whole syncs (health, me, push, pull) to move on
    proxy.faultRate = 0.3;
    const crashAt = [150, 350];
    let rounds = 0;
    while (proxy.totalFaults < 500) {
      rounds++;
      const { id } = submitRevision(inspector.core.db, card, random, {
        agentNo: rounds % 2 ? 'A001' : 'A002',
        answers: disputableAnswers(),
      });
      inspector.core.db
        .prepare("UPDATE recordings SET started_at = '2025-03-20T10:00:00' WHERE id = ?")
        .run(`rec-${id}`);
      await sync(inspector);
      await sync(lead);
      // the lead reads every evaluation it holds with the agent: most are disputed, some signed off
      const held = await lead.core.call('reports.evaluations', { from: '2025-03', to: '2025-03', limit: 1000 });
      for (const row of held.rows) {
        const feedback = await lead.core.call('disputes.forEvaluation', { evaluationId: row.evaluationId });
        if (!feedback.canFile) continue;
        if (random() < 0.25) {
          await lead.core.call('evaluations.acknowledge', { evaluationId: row.evaluationId }).catch(() => null);
          note(row.evaluationId, 'acknowledge');
        } else {
          const items = { 'attitude-soothe': { reason: '无抱怨' }, 'phrasing-hold': { reason: '已说请稍等' } };
          await lead.core.call('disputes.file', { evaluationId: row.evaluationId, items });
          note(row.evaluationId, 'file');
        }
      }
      await sync(inspector);
      for (const v of await list(inspector)) {
        if (v.status !== 'open' || !settled(v)) continue;
        const rejectHold = random() < 0.6;
        await inspector.core
          .call('disputes.decide', {
            disputeId: v.id,
            items: {
              'attitude-soothe': { accept: true },
              'phrasing-hold': rejectHold ? { accept: false, note: '未说明等待原因' } : { accept: true, points: 4 },
            },
          })
          .catch(() => null);
        note(v.evaluationId, 'decide');
      }
      for (const v of await list(lead)) {
        if (v.status !== 'decided' || !settled(v) || v.final) continue;
        await lead.core.call('disputes.escalate', { disputeId: v.id, reason: '录音可证' }).catch(() => null);
        note(v.evaluationId, 'escalate');
      }
      await sync(office);
      for (const v of await list(office)) {
        if (v.status !== 'escalated' || !settled(v)) continue;
        const items = {
          'phrasing-hold': random() < 0.5 ? { accept: true, points: 5 } : { accept: false, note: '维持' },
        };
        await office.core.call('disputes.arbitrate', { disputeId: v.id, items }).catch(() => null);
        note(v.evaluationId, 'arbitrate');
      }
      if (crashAt.length && proxy.totalFaults >= crashAt[0]) {
        crashAt.shift();
        await w.restart(true);
        proxy.dropAll();
      }
    }
    proxy.mode = 'pass';
    // settle: every device syncs until nothing waits anywhere (the inspector last writes the arbitration revisions)
    for (let i = 0; i < 10; i++) {
      for (const d of [lead, inspector, office, inspector]) await sync(d);
      if ([lead, inspector, office].every((d) => pendingSteps(d) === 0) && outboxCount(inspector.core.db) === 0) break;
    }
    expect(crashAt).toEqual([]);
    expect(proxy.faults.cutAfterRequest).toBeGreaterThan(50);
    expect(proxy.faults.cutMidResponse).toBeGreaterThan(50);
    expect(proxy.faults.dropRequest).toBeGreaterThan(50);

    // no step refused, none waiting; each device's view of each dispute is the server's, with each step once
    const kinds = [...recorded.values()].flat();
    expect(kinds.filter((k) => k === 'decide').length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k === 'arbitrate').length).toBeGreaterThan(3);
    for (const d of [lead, inspector, office]) {
      expect(pendingSteps(d)).toBe(0);
      expect(d.core.db.prepare("SELECT count(*) AS n FROM dispute_outbox WHERE status = 'rejected'").get()).toEqual({
        n: 0,
      });
    }
    const byEvaluation = new Map((await list(office)).map((v) => [v.evaluationId, v]));
    for (const [evaluationId, steps] of recorded) {
      expect(byEvaluation.get(evaluationId)?.history.map((h) => h.kind)).toEqual(steps);
    }
    // each outcome is in the inspector's latest revision, written once per stage at most (a stage the inspector
    // first pulled already arbitrated goes into one revision with the decision)
    for (const v of byEvaluation.values()) {
      const history = await inspector.core.call('evaluations.history', { evaluationId: v.evaluationId });
      const accepted = (stage: 'decision' | 'arbitration') => v.items.some((i) => i[stage]?.accept);
      const stages = (accepted('decision') ? 1 : 0) + (accepted('arbitration') ? 1 : 0);
      expect(history.length).toBeGreaterThanOrEqual(stages > 0 ? 2 : 1);
      expect(history.length).toBeLessThanOrEqual(1 + stages);
      expect(history.slice(1).every((r) => /^申诉(成立|仲裁改判)：/.test(r.reason ?? ''))).toBe(true);
      const latest = history[history.length - 1].body.answers;
      for (const item of v.items) {
        const final = item.arbitration?.points ?? item.decision?.points ?? item.original;
        expect(latest[item.itemId]).toBe(final === 'fail' ? 'fail' : final);
      }
    }
    await w.server.stop();
    const open = await w.database.open();
    const stored = await storedRevisions(open);
    const steps = await open.query<{ n: string }>('SELECT count(*)::text AS n FROM dispute_steps');
    await open.close();
    expect(Number(steps[0].n)).toBe(kinds.length);
    const key = (r: { evaluation_id: string; revision: number; hash: string }) =>
      `${r.evaluation_id}#${r.revision} ${r.hash}`;
    expect(stored.map(key).sort()).toEqual(submittedRevisions(inspector.core.db).map(key).sort());
  }, 240_000);
});
