import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { seedRecordings } from '../support/seed-recordings';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-list-');
let core: Core;
let ids: string[];

beforeAll(() => {
  core = createCore({ dataDir: join(temp.dir, 'data') });
  ids = seedRecordings(core.db, 300, 10);
});
afterAll(() => {
  core?.close();
  temp.cleanup();
});

const list = (input: Parameters<Core['call']>[1] & object) => core.call('recordings.list', input as never);

describe('recordings.list on a real SQLite file', () => {
  it('pages newest first by default, with the total', async () => {
    const page = await list({ limit: 20, offset: 0 });
    expect(page.total).toBe(300);
    expect(page.items).toHaveLength(20);
    expect(page.items[0].callId).toBe('C299');
    expect(page.items[0]).toMatchObject({ agentName: '坐席9', teamName: '第1组', evaluationStatus: 'none' });
    const next = await list({ limit: 20, offset: 20 });
    expect(next.items[0].callId).toBe('C279');
  });

  it('filters by agent, team, dates, category, duration, talk-over and search', async () => {
    expect((await list({ agentNo: '8003' })).total).toBe(30);
    expect((await list({ team: 'T1' })).total).toBe(90); // agents 8001, 8005, 8009
    // i minutes after midnight: the first day holds all 300 rows, the next day none
    expect((await list({ from: '2024-01-01', to: '2024-01-01' })).total).toBe(300);
    expect((await list({ from: '2024-01-02' })).total).toBe(0);
    expect((await list({ from: '2024-01-01T01:00:00', to: '2024-01-01T01:59:59' })).total).toBe(60);
    expect((await list({ category: '邮箱类' })).total).toBe(60);
    expect((await list({ durationMin: 100, durationMax: 129 })).total).toBe(30);
    expect((await list({ talkOver: true })).total).toBe(100);
    expect((await list({ talkOver: false })).total).toBe(200);
    expect((await list({ search: 'C12' })).total).toBe(11); // C12, C120–C129
    expect((await list({ search: '坐席3' })).total).toBe(30);
    expect((await list({ search: '%' })).total).toBe(0);
    // agent 8003 (i ≡ 3 mod 10), 服务类 (i ≡ 3 mod 5), talk-over (i ≡ 0 mod 3): i ≡ 3 mod 30
    const combined = await list({ agentNo: '8003', category: '服务类', talkOver: true });
    expect(combined.items.map((i) => i.callId)).toEqual(Array.from({ length: 10 }, (_, k) => `C${273 - 30 * k}`));
  });

  it('sorts by any column either way', async () => {
    const longest = await list({ sort: 'durationMs', order: 'desc', limit: 3 });
    expect(longest.items.map((i) => i.durationMs)).toEqual([329_000, 328_000, 327_000]);
    const byAgent = await list({ sort: 'agentNo', order: 'asc', limit: 1 });
    expect(byAgent.items[0].agentNo).toBe('8000');
    const oldest = await list({ sort: 'startedAt', order: 'asc', limit: 1 });
    expect(oldest.items[0].callId).toBe('C0');
  });

  it('masks every caller number', async () => {
    const page = await list({ limit: 1000 });
    for (const item of page.items) expect(item.callerNumberMasked).toMatch(/^138\*{4}\d{4}$/);
    expect(JSON.stringify(page)).not.toMatch(/138\d{8}/);
  });

  it("shows each recording's evaluation status: a saved draft, a submitted evaluation, the rest none", async () => {
    expect((await list({ status: 'draft' })).total).toBe(0);
    expect((await list({ status: 'none' })).total).toBe(300);
    const [card] = await core.call('scorecards.list', { latestOnly: true });
    const answers = Object.fromEntries(
      card.sections.flatMap((s) => s.items.map((i) => [i.id, i.kind === 'points' ? i.maxPoints : 'pass'] as const)),
    );
    const state = { scorecardId: card.id, scorecardVersion: card.version, answers: {} };
    await core.call('evaluations.saveDraft', { recordingId: ids[0], state } as never);
    await core.call('evaluations.submit', { recordingId: ids[1], scorecardId: card.id, answers });
    expect((await list({ status: 'draft' })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await list({ status: 'submitted' })).items.map((i) => i.id)).toEqual([ids[1]]);
    expect((await list({ status: 'none' })).total).toBe(298);
    const detail = await core.call('recordings.get', { id: ids[1] });
    expect(detail.evaluationStatus).toBe('submitted');
  });

  it('rejects bad filters with a clear error', async () => {
    await expect(list({ from: '1/2/2024' })).rejects.toThrow(/from: use YYYY-MM-DD/);
    await expect(list({ sort: 'password' as never })).rejects.toThrow(/sort/);
    await expect(core.call('recordings.get', { id: 'missing' })).rejects.toThrow(/No recording with id missing/);
  });
});
