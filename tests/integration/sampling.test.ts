import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { drawSpread, monthBounds, mulberry32 } from '../../electron/core/sampling/draw';
import { AgentsRepository } from '../../electron/core/recordings/agents-repo';
import { SyncRepository } from '../../electron/core/sync/repo';
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

const day = (d: number, h = 9) => `2025-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00`;

async function fullMarks() {
  const [card] = await core.call('scorecards.list', { latestOnly: true });
  return Object.fromEntries(
    card.sections.flatMap((s) => s.items.map((i) => [i.id, i.kind === 'points' ? i.maxPoints : 'pass'] as const)),
  );
}

describe('drawSpread', () => {
  it('takes one call from each of N equal time strata, so picks cover the whole month', () => {
    const calls = Array.from({ length: 100 }, (_, i) => i);
    const picked = drawSpread(calls, 10, mulberry32(42));
    expect(picked).toHaveLength(10);
    picked.forEach((p, k) => expect(Math.floor(p / 10)).toBe(k));
    expect(drawSpread(calls.slice(0, 3), 10, mulberry32(1))).toEqual([0, 1, 2]);
  });

  it('month bounds roll over the year', () => {
    expect(monthBounds('2025-12')).toEqual({ start: '2025-12-01', end: '2026-01-01' });
  });
});

describe('sampling plan', () => {
  it('draws N per agent spread over the month, skips evaluated calls, tops up and shows progress', async () => {
    await core.call('settings.update', { monthlyQuotaPerAgent: 4 });
    for (let d = 1; d <= 28; d++) insertRecording(core.db, { agentNo: '1001', startedAt: day(d) });
    for (let d = 1; d <= 2; d++) insertRecording(core.db, { agentNo: '1002', startedAt: day(d) });
    insertRecording(core.db, { agentNo: '1001', startedAt: '2025-04-02T10:00:00' }); // another month
    const evaluated = core.db.prepare('SELECT id FROM recordings WHERE started_at = ?').pluck().get(day(3)) as string;
    await core.call('evaluations.submit', { recordingId: evaluated, answers: await fullMarks() });

    const queue = await core.call('sampling.queue', { month: '2025-03' });
    expect(queue.quotaPerAgent).toBe(4);
    const a = queue.agents.find((x) => x.agentNo === '1001');
    // One evaluated outside the plan counts toward the quota: 3 more are drawn, none of them the evaluated call.
    expect(a).toMatchObject({ quota: 4, evaluated: 1, planned: 3, available: 24 });
    const planned1001 = queue.items.filter((i) => i.agentNo === '1001');
    expect(planned1001.map((i) => i.recordingId)).not.toContain(evaluated);
    expect(planned1001.every((i) => i.startedAt?.startsWith('2025-03'))).toBe(true);
    // Spread: three strata of the 27 remaining calls → one pick in each third of the month.
    const days = planned1001.map((i) => Number(i.startedAt?.slice(8, 10))).sort((x, y) => x - y);
    expect(days[0]).toBeLessThanOrEqual(10);
    expect(days[2]).toBeGreaterThanOrEqual(19);
    expect(queue.agents.find((x) => x.agentNo === '1002')).toMatchObject({ planned: 2, available: 0 });

    // The same month again returns the same plan; evaluating a planned call marks it done.
    const again = await core.call('sampling.queue', { month: '2025-03' });
    expect(again.items.map((i) => i.recordingId)).toEqual(queue.items.map((i) => i.recordingId));
    await core.call('evaluations.submit', { recordingId: planned1001[0].recordingId, answers: await fullMarks() });
    const after = await core.call('sampling.queue', { month: '2025-03' });
    expect(after.items.find((i) => i.recordingId === planned1001[0].recordingId)).toMatchObject({
      status: 'submitted',
      total: 100,
    });
    expect(after.agents.find((x) => x.agentNo === '1001')).toMatchObject({ evaluated: 2, planned: 3 });

    // Redraw keeps started items and replaces the others; a bigger quota draws more.
    const redrawn = await core.call('sampling.redraw', { month: '2025-03', quotaPerAgent: 6 });
    const r1001 = redrawn.items.filter((i) => i.agentNo === '1001');
    expect(r1001).toHaveLength(5);
    expect(r1001.map((i) => i.recordingId)).toContain(planned1001[0].recordingId);
  });
});

describe('head-office sampling targets', () => {
  it('drive each agent’s quota (agent, then team, then centre-wide) and the local setting applies only where none is set', async () => {
    await core.call('settings.update', { monthlyQuotaPerAgent: 2 });
    new AgentsRepository(core.db).upsertRoster([
      { agentNo: '2001', name: '甲', teamId: 'T1', teamName: '一组' },
      { agentNo: '2002', name: '乙', teamId: null, teamName: null },
    ]);
    for (let d = 1; d <= 20; d++) {
      insertRecording(core.db, { agentNo: '2001', startedAt: day(d) });
      insertRecording(core.db, { agentNo: '2002', startedAt: day(d) });
      insertRecording(core.db, { agentNo: '2003', startedAt: day(d) });
    }
    const local = await core.call('sampling.queue', { month: '2025-03' });
    expect(local.quotaSource).toBe('local');
    expect(local.agents.map((a) => [a.agentNo, a.quota, a.quotaSource])).toEqual([
      ['2001', 2, 'local'],
      ['2002', 2, 'local'],
      ['2003', 2, 'local'],
    ]);

    // What a pull from head office brings: a team target and one agent's own target.
    const repo = new SyncRepository(core.db, core.context.reports);
    repo.applyPage(
      [
        { kind: 'sampling_target', scope: 'team:T1', callsPerMonth: 5 },
        { kind: 'sampling_target', scope: 'agent:2002', callsPerMonth: 3 },
      ],
      '7',
    );
    const targeted = await core.call('sampling.queue', { month: '2025-03' });
    expect(targeted.quotaSource).toBe('head_office');
    expect(targeted.agents.map((a) => [a.agentNo, a.quota, a.quotaSource, a.planned])).toEqual([
      ['2001', 5, 'head_office', 5],
      ['2002', 3, 'head_office', 3],
      ['2003', 2, 'local', 2],
    ]);

    // A centre-wide target covers the rest; the monthly report's quota column follows the same rule.
    repo.applyPage([{ kind: 'sampling_target', scope: 'all', callsPerMonth: 4 }], '8');
    const all = await core.call('sampling.queue', { month: '2025-03' });
    expect(all.agents.find((a) => a.agentNo === '2003')).toMatchObject({ quota: 4, quotaSource: 'head_office' });
  });
});
