/**
 * Focus items (改进重点): set in March for April, April's report says 已改进 or 未改进 from April's evaluations against
 * the target, March's report lists them as next month's focus, and too few evaluations decide nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { focusVerdict, FOCUS_MIN_EVALUATIONS } from '../../shared/coaching';
import type { Answers } from '../../shared/evaluation';
import { disputableAnswers } from '../support/dispute-world';
import { pulledChange } from '../support/pulled-evaluations';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;

/** Pulled evaluations of an agent on these days, with 等待用语 (phrasing-hold, of 5) at these points. */
function seed(agentNo: string, teamId: string, days: string[], hold: number[]) {
  const changes = days.map((day, i) => {
    const answers: Answers = { ...disputableAnswers(), 'phrasing-hold': hold[i] };
    return pulledChange({ agentNo, day, teamId, site: '武汉', inspectorId: 'insp-1', answers, category: '服务类' });
  });
  core.db.transaction(() => core.context.reports.putPulled(changes))();
}

beforeAll(() => {
  temp = makeTempDir('qa-coaching-');
  core = createCore({ dataDir: temp.dir, transport: 'test', sync: { background: false } });
  seed('8001', 'T1', ['2026-03-03', '2026-03-10', '2026-03-17'], [2, 2, 3]);
  seed('8001', 'T1', ['2026-04-02', '2026-04-09', '2026-04-16', '2026-04-23'], [4, 5, 4, 5]);
  seed('8002', 'T1', ['2026-03-05', '2026-03-12', '2026-03-19'], [3, 3, 2]);
  seed('8002', 'T1', ['2026-04-05', '2026-04-12', '2026-04-19'], [3, 2, 3]);
  seed('8003', 'T1', ['2026-03-05'], [1]);
  seed('8003', 'T1', ['2026-04-05'], [5]);
});

afterAll(() => {
  core.close();
  temp.cleanup();
});

describe('focus items', () => {
  it('a March focus item shows 已改进 or 未改进 in April, computed from April’s evaluations', async () => {
    const target = { itemId: 'phrasing-hold', value: 4 };
    const note = '标准服务用语: 等待/恢复通话用语';
    const improved = await core.call('coaching.create', { agentNo: '8001', target, month: '2026-04', note });
    const notYet = await core.call('coaching.create', { agentNo: '8002', target, month: '2026-04', note });
    const thin = await core.call('coaching.create', { agentNo: '8003', target, month: '2026-04', note });
    const team = await core.call('coaching.create', {
      team: 'T1',
      target: { sectionId: 'phrasing', value: 19 },
      month: '2026-04',
      note: '班组标准用语',
    });
    const { items } = await core.call('coaching.list', { month: '2026-04' });
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(improved.id)).toMatchObject({
      verdict: 'improved',
      baseline: { month: '2026-03', value: 2.33, count: 3 },
      current: { month: '2026-04', value: 4.5, count: 4 },
      change: 2.17,
      target: { name: '标准服务用语：请客户等待时使用标准用语', value: 4, maxPoints: 5 },
    });
    expect(byId.get(notYet.id)).toMatchObject({ verdict: 'not_improved', current: { value: 2.67, count: 3 } });
    expect(byId.get(thin.id)).toMatchObject({ verdict: 'insufficient_data', current: { value: 5, count: 1 } });
    // the team's 标准服务用语 section: 20 points less what 等待用语 lost (9 over 8 April evaluations) = 18.875
    expect(byId.get(team.id)).toMatchObject({ verdict: 'not_improved', current: { value: 18.88, count: 8 } });

    const april = await core.call('reports.monthly', { from: '2026-04', to: '2026-04', scope: 'all' });
    expect(april.focus?.due.map((f) => [f.agentNo ?? f.team, f.verdict])).toEqual([
      ['8001', 'improved'],
      ['8002', 'not_improved'],
      ['8003', 'insufficient_data'],
      ['T1', 'not_improved'],
    ]);
    const march = await core.call('reports.monthly', { from: '2026-03', to: '2026-03', scope: 'all' });
    expect(march.focus?.next).toHaveLength(4); // 下月改进重点
    expect(march.focus?.next[0].note).toBe(note);
  });

  it('refuses a target the cards do not have, a critical item, or more than full points, with a code', async () => {
    const make = (target: { sectionId?: string; itemId?: string; value: number }) =>
      core.call('coaching.create', { agentNo: '8001', target, month: '2026-05', note: '' }).catch((e: unknown) => e);
    expect(await make({ itemId: 'no-such-item', value: 1 })).toMatchObject({ reason: 'unknown_target' });
    expect(await make({ itemId: 'critical-abuse', value: 0 })).toMatchObject({ reason: 'critical_target' });
    expect(await make({ sectionId: 'phrasing', value: 21 })).toMatchObject({ reason: 'target_above_max' });
  });

  it('verdict: improved exactly when the shown average reaches the target, never on too few evaluations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 500 }),
        (xs, t) => {
          const sum = xs.reduce((a, b) => a + b, 0);
          const verdict = focusVerdict({ sumX100: sum, n: xs.length }, t);
          if (xs.length < FOCUS_MIN_EVALUATIONS) return verdict === 'insufficient_data';
          const shown = Math.round((sum / xs.length) * 1e6) / 1e6; // within rounding of the half-up average
          return verdict === 'improved' ? shown >= t - 0.5 : shown < t + 0.5;
        },
      ),
    );
  });
});
