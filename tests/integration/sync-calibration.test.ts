/**
 * Calibration end to end between real apps (cores with their own databases and libraries) and a real server: head
 * office creates a session of three sample calls with a reference, three inspectors find the calls in their own
 * libraries by SHA-256 and score them while the server is down, then sync; nobody sees another's score before the
 * session closed; the results equal the hand computation of tests/support/calibration-scenario.ts; calibration
 * never reaches an agent's report. Then grading the graders over a month of ordinary evaluations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { CalibrationResultsView } from '../../shared/contracts/calibration';
import {
  calibrationServer,
  callIds,
  expectedAlignment,
  expectedAlpha,
  expectedTopItems,
  expectedTotals,
  fullMarks,
  inspectorKeys,
  scenarioAnswers,
  type CalibrationServer,
  type InspectorKey,
} from '../support/calibration-scenario';
import { openClient } from '../support/sync-client';
import { startServer } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

let env: CalibrationServer;
const temps: ReturnType<typeof makeTempDir>[] = [];
const apps = {} as Record<'head' | InspectorKey, Core>;
const recordings = {} as Record<'head' | InspectorKey, Map<string, { id: string; sha256: string; durationMs: number }>>;
let sessionId = '';

async function openApp(key: 'head' | InspectorKey) {
  const temp = makeTempDir(`qa-calibration-${key}-`);
  temps.push(temp);
  const core = openClient(temp.dir);
  await core.call('recordings.loadSample', {});
  await core.call('sync.configure', { serverUrl: env.server.url, token: env.tokens[key] });
  await core.call('sync.now', {});
  const list = await core.call('recordings.list', { limit: 10 });
  const byCall = new Map<string, { id: string; sha256: string; durationMs: number }>();
  for (const r of list.items) {
    const detail = await core.call('recordings.get', { id: r.id });
    byCall.set(r.callId!, { id: r.id, sha256: detail.sha256, durationMs: detail.durationMs });
  }
  apps[key] = core;
  recordings[key] = byCall;
}

beforeAll(async () => {
  env = await calibrationServer();
  for (const key of ['head', ...inspectorKeys] as const) await openApp(key);
}, 180_000);

afterAll(async () => {
  for (const core of Object.values(apps)) core.close();
  await env?.server.stop();
  await env?.database.cleanup();
  for (const t of temps) t.cleanup();
});

describe('a calibration session between four apps', () => {
  it('is created by head office with a reference and reaches the inspectors by pull', async () => {
    const head = apps.head;
    // the expert's own evaluation of S001: full marks but 14 of 15 for 业务知识
    const reference = await head.call('evaluations.submit', {
      recordingId: recordings.head.get('S001')!.id,
      answers: { ...fullMarks(), 'handling-knowledge': 14 },
    });
    const { inspectors, source } = await head.call('calibration.inspectors', {});
    expect(source).toBe('head_office');
    expect(inspectors.map((i) => i.name).sort()).toEqual(['质检员丙', '质检员乙', '质检员甲']);
    const created = await head.call('calibration.create', {
      name: '三月校准',
      calls: callIds.map((c) => ({ sha256: recordings.head.get(c)!.sha256, callId: c })),
      scorecardId: 'default-phone',
      inspectors: inspectors.map((i) => i.id),
      deadline: '2099-12-31',
      referenceEvaluationId: reference.id,
    });
    sessionId = created.id;
    expect((await head.call('calibration.get', { id: sessionId })).sync?.status).toBe('pending');
    await head.call('sync.now', {});
    const view = await head.call('calibration.get', { id: sessionId });
    expect(view).toMatchObject({ role: 'creator', sync: { status: 'sent' }, results: 'no_scores' });
    expect(view.deadline).toBe('2099-12-31T15:59:59.000Z'); // the day's end in the centre's time zone

    for (const key of inspectorKeys) {
      await apps[key].call('sync.now', {});
      const mine = await apps[key].call('calibration.get', { id: sessionId });
      expect(mine.role).toBe('inspector');
      expect(mine.calls.map((c) => [c.callId, c.recordingId, c.hasReference, c.mine])).toEqual(
        callIds.map((c) => [c, recordings[key].get(c)!.id, false, 'todo']), // blind: no reference yet
      );
    }
  });

  it('is scored offline by each inspector, blind, and synced once head office is back', async () => {
    const port = env.server.port;
    await env.server.stop();
    for (const key of inspectorKeys) {
      for (const [i, callId] of callIds.entries()) {
        const recordingId = recordings[key].get(callId)!.id;
        const opened = await apps[key].call('evaluations.open', { recordingId, calibrationId: sessionId });
        expect(opened.calibration?.name).toBe('三月校准');
        expect(opened.revisions).toEqual([]);
        await apps[key].call('evaluations.recordWork', {
          recordingId,
          calibrationId: sessionId,
          activeMs: 90_000,
          played: [[0, 30_000]],
        });
        const result = await apps[key].call('evaluations.submit', {
          recordingId,
          calibrationId: sessionId,
          answers: scenarioAnswers(key, i),
          itemComments: { 'handling-knowledge': `${key} 的理由` },
        });
        expect(result.total).toBe(expectedTotals[key][i]);
      }
      await expect(apps[key].call('sync.now', {})).rejects.toMatchObject({ code: 'unavailable' });
      expect((await apps[key].call('calibration.get', { id: sessionId })).mine).toMatchObject({
        submitted: 3,
        pending: 3,
      });
      // nothing of it counts for the agents: no evaluation, no report row, no work-queue progress
      expect(await apps[key].call('evaluations.list', {})).toEqual([]);
      expect((await apps[key].call('reports.options', {})).months).toEqual([]);
    }
    env.server = await startServer(env.database, { port });
    for (const key of inspectorKeys) {
      await apps[key].call('sync.now', {});
      const mine = await apps[key].call('calibration.get', { id: sessionId });
      expect(mine.mine).toMatchObject({ submitted: 3, pending: 0, rejected: [] });
      expect(mine.results).toBe('not_closed');
      await expect(apps[key].call('calibration.results', { id: sessionId })).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
    // a score cannot be given twice
    await expect(
      apps.a.call('evaluations.submit', {
        recordingId: recordings.a.get('S001')!.id,
        calibrationId: sessionId,
        answers: fullMarks(),
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('gives head office the results worked by hand, and each inspector after the close', async () => {
    await apps.head.call('sync.now', {});
    const check = (r: CalibrationResultsView, withReference: boolean) => {
      expect(r.inspectors).toHaveLength(3);
      const top = r.items.slice(0, 3);
      for (const [i, expected] of expectedTopItems.entries()) {
        expect(top[i]).toMatchObject({
          itemId: expected.itemId,
          mean: expected.mean,
          min: expected.min,
          max: expected.max,
        });
        expect(r.calls.find((c) => c.sha256 === top[i].sha256)?.callId).toBe(expected.callId);
        expect(top[i].sd).toBeCloseTo(expected.sd, 12);
      }
      expect(r.alpha.interval.alpha).toBeCloseTo(expectedAlpha.interval, 12);
      expect(r.alpha.interval.reading).toBe('unreliable');
      expect(r.alpha.nominal.alpha).toBeCloseTo(expectedAlpha.nominal, 12);
      const byName = Object.fromEntries(r.inspectors.map((i) => [i.name, i.alignment]));
      if (!withReference) {
        expect(byName.质检员甲).toBeCloseTo(expectedAlignment.a, 12);
        expect(byName.质检员乙).toBeCloseTo(expectedAlignment.b, 12);
        expect(byName.质检员丙).toBeCloseTo(expectedAlignment.c, 12);
      } else {
        // S001 against the reference (业务知识 14): 甲 1, 乙 2, 丙 5 instead of 3, 0, 3
        expect(byName.质检员甲).toBeCloseTo(1 - (1 + 0.33 + 1) / 300, 12);
        expect(byName.质检员乙).toBeCloseTo(1 - (2 + 0.67 + 2) / 300, 12);
        expect(byName.质检员丙).toBeCloseTo(1 - (5 + 0.33 + 1) / 294, 12);
      }
    };
    const head = await apps.head.call('calibration.results', { id: sessionId });
    check(head, true);
    expect(head.items.find((i) => i.itemId === 'handling-knowledge' && i.callId === 'S001')).toMatchObject({
      target: 14,
      targetSource: 'reference',
    });

    await apps.head.call('calibration.close', { id: sessionId });
    await apps.head.call('sync.now', {});
    for (const key of inspectorKeys) {
      await apps[key].call('sync.now', {});
      const view = await apps[key].call('calibration.get', { id: sessionId });
      expect(view.closedAt).not.toBeNull();
      expect(view.calls[0].hasReference).toBe(true); // shown once closed
      const r = await apps[key].call('calibration.results', { id: sessionId });
      check(r, true);
      const knowledge = r.items.find((i) => i.itemId === 'handling-knowledge' && i.callId === 'S001')!;
      // everyone's comments side by side
      expect(knowledge.ratings.map((x) => x.comment).sort()).toEqual(['a 的理由', 'b 的理由', 'c 的理由']);
    }
  });

  it('never counts a calibration score in an agent’s report', async () => {
    const comparison = await apps.head.call('reports.agentComparison', { from: '2024-01', to: '2024-12' });
    // head office's one ordinary evaluation (the reference) and nothing else
    expect(comparison.rows.map((r) => [r.agentNo, r.count])).toEqual([['8001', 1]]);
  });
});

/** Full marks but `knowledge` of 15 for 业务知识 and `diagnosis` of 12 for 问题诊断. */
const handling = (knowledge: number, diagnosis = 12) => ({
  ...fullMarks(),
  'handling-knowledge': knowledge,
  'handling-diagnosis': diagnosis,
});

describe('grading the graders over a month of ordinary evaluations', () => {
  it('matches the hand computation of active time, played share and strictness', async () => {
    const score = async (
      key: InspectorKey,
      callId: string,
      answers: ReturnType<typeof handling>,
      work?: [number, [number, number][]],
    ) => {
      const recordingId = recordings[key].get(callId)!.id;
      if (work) await apps[key].call('evaluations.recordWork', { recordingId, activeMs: work[0], played: work[1] });
      return apps[key].call('evaluations.submit', { recordingId, answers });
    };
    // S004 (agent 8004, 2024-03-08, 12.12 s) and S005 (agent 8002, 2024-03-11, 12.98 s): 甲 plays half of each, S005 in
    // two overlapping stretches (0–3 s and 2 s to the middle), 乙 opens S005 without playing it.
    const half4 = recordings.a.get('S004')!.durationMs / 2;
    const half5 = recordings.a.get('S005')!.durationMs / 2;
    expect((await score('a', 'S004', handling(5), [200_000, [[0, half4]]])).total).toBe(90);
    expect(
      (
        await score('a', 'S005', handling(0, 7), [
          320_000,
          [
            [0, 3_000],
            [2_000, half5],
          ],
        ])
      ).total,
    ).toBe(80);
    expect((await score('b', 'S004', handling(11))).total).toBe(96);
    expect((await score('b', 'S005', handling(0, 11), [100_000, []])).total).toBe(84);
    for (const key of ['a', 'b', 'head'] as const) await apps[key].call('sync.now', {});

    const report = await apps.head.call('reports.graders', { from: '2024-03', to: '2024-03' });
    expect(report.source).toBe('local');
    const row = (name: string) => report.rows.find((r) => r.name === name)!;
    // 甲: 8004 → peers 96 − 90 = 6; 8002 → 84 − 80 = 4; (6 + 4)/2 = 5 points stricter. 乙 the mirror image.
    // Active: 甲 200 s and 320 s → median 260; 乙 recorded S005 only → 100.
    expect(row('质检员甲')).toMatchObject({ evaluations: 2, meanTotal: 85, strictness: 5, activeSecondsMedian: 260 });
    expect(row('质检员乙')).toMatchObject({ evaluations: 2, meanTotal: 90, strictness: -5, activeSecondsMedian: 100 });
    expect(row('质检员甲').playedShare).toBeCloseTo(0.5, 3); // half of each call (whole milliseconds)
    expect(row('质检员乙').playedShare).toBe(0); // S005 opened, nothing played; S004 recorded nothing
    expect(row('总部质检')).toMatchObject({ evaluations: 1, strictness: null });

    // an inspector sees only themselves, with strictness from head office (their app holds no peers)
    const own = await apps.a.call('reports.graders', { from: '2024-03', to: '2024-03' });
    expect(own.source).toBe('head_office');
    expect(own.rows.map((r) => [r.name, r.strictness, r.activeSecondsMedian])).toEqual([['质检员甲', 5, 260]]);

    // calibration alignment counts in the month the session closed
    const month = new Date().toISOString().slice(0, 7);
    const now = await apps.head.call('reports.graders', { from: month, to: month });
    expect(now.rows.find((r) => r.name === '质检员甲')?.alignment).toBeCloseTo(1 - (1 + 0.33 + 1) / 300, 12);
  });
});
