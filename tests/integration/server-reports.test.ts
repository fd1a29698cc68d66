/**
 * Head-office comparisons over HTTP from a real server process, checked against an independent computation over
 * the pushed bodies (integer hundredths, half-up once): random sets of evaluations per agent and per site, the
 * previous period, scope (a lead sees their teams only, an inspector gets 403), and 80.07 and 80.08 averaging to 80.08.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, importAgents, publishScorecardFile } from '../../server/admin-commands';
import type { Answers } from '../../shared/evaluation';
import type { AgentComparison } from '../../shared/report';
import type { SiteRanking } from '../../shared/report-math';
import type { ScorecardDefinition } from '../../shared/scorecard';
import type { PushItem } from '../../shared/sync';
import { makeItem } from '../support/revisions';
import { serverApi } from '../support/server-api';
import type { Card } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';

/** Points in hundredths on two sections, one of which may drop out (N/A), and a critical item. */
const definition: ScorecardDefinition = {
  name: '对比测试卡',
  channel: 'phone',
  description: '',
  sections: [
    {
      id: 'S1',
      name: '服务态度',
      points: 60,
      description: '',
      items: [
        {
          id: 'i1',
          name: '礼貌',
          kind: 'points',
          maxPoints: 60,
          step: 0.01,
          allowNa: false,
          description: '',
          guidance: '',
          criticalScope: 'total',
        },
        {
          id: 'c1',
          name: '辱骂客户',
          kind: 'critical',
          maxPoints: 0,
          step: 1,
          allowNa: false,
          description: '',
          guidance: '',
          criticalScope: 'total',
        },
      ],
    },
    {
      id: 'S2',
      name: '业务能力',
      points: 40,
      description: '',
      items: [
        {
          id: 'i2',
          name: '准确',
          kind: 'points',
          maxPoints: 40,
          step: 0.01,
          allowNa: true,
          description: '',
          guidance: '',
          criticalScope: 'total',
        },
      ],
    },
  ],
};
const card: Card = { id: 'compare-card', version: 1, definition };
const roster = [
  { agentNo: 'R1', name: '张伟', team: '一组', site: '武汉' },
  { agentNo: 'R2', name: '李娜', team: '一组', site: '武汉' },
  { agentNo: 'R3', name: '王芳', team: '二组', site: '杭州' },
  { agentNo: 'R4', name: '', team: '二组', site: '杭州' },
];
let database: TestDatabase;
let server: ServerProcess;
let api: ReturnType<typeof serverApi>;
let head: string;
let leadOne: string;
let inspectorToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  inspectorToken = (await addUser(db, { name: '质检员', role: 'inspector' })).token;
  head = (await addUser(db, { name: '总部', role: 'head_office' })).token;
  leadOne = (await addUser(db, { name: '组长', role: 'lead', teams: ['武汉/一组'] })).token;
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await importAgents(db, roster);
  await db.close();
  server = await startServer(database);
  api = serverApi(server.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

interface Sample {
  agent: number;
  /** Day of February (previous period) or March (this period). */
  march: boolean;
  day: number;
  i1: number;
  i2: number | null;
  fail: boolean;
}

function item(year: number, s: Sample): PushItem {
  const answers: Answers = { i1: s.i1 / 100, i2: s.i2 === null ? 'na' : s.i2 / 100, c1: s.fail ? 'fail' : 'pass' };
  const agentNo = roster[s.agent].agentNo;
  const day = `${year}-${s.march ? '03' : '02'}-${String(s.day).padStart(2, '0')}`;
  return makeItem(card, () => 0.5, {
    agentNo,
    answers,
    call: { startedAt: `${day}T10:00:00`, agentName: `call-${agentNo}` },
  });
}

const h = (points: number) => Math.round(points * 100);
/** Half-up average of integer hundredths, as points: the rule, written out independently of shared/. */
const avg = (sum: number, n: number) => (n === 0 ? null : Math.floor((2 * sum + n) / (2 * n)) / 100);

/** The figures of one row; `sectionIds` are the sections of the cards the period used (none when it is empty). */
function figures(bodies: PushItem['body'][], previous: PushItem['body'][], sectionIds: string[]) {
  const totals = bodies.map((b) => h(b.total));
  const section = (id: string) => {
    // Final sections: a critical fail that zeroed the evaluation (total 0) zeroes every section it scored.
    const scores = bodies
      .filter((b) => b.sections[id] !== null)
      .map((b) => (b.criticalFailed && b.total === 0 ? 0 : (b.sections[id] as number)));
    return avg(
      scores.reduce((a, v) => a + h(v), 0),
      scores.length,
    );
  };
  const total = avg(
    totals.reduce((a, v) => a + v, 0),
    totals.length,
  );
  const prevTotals = previous.map((b) => h(b.total));
  const previousTotal = avg(
    prevTotals.reduce((a, v) => a + v, 0),
    prevTotals.length,
  );
  const sections = Object.fromEntries(sectionIds.map((id) => [id, section(id)]));
  // 舍入差: the total less the section averages shown.
  const shown = Object.values(sections).reduce<number>((a, v) => a + (v === null ? 0 : h(v)), 0);
  return {
    count: bodies.length,
    total,
    min: totals.length ? Math.min(...totals) / 100 : null,
    max: totals.length ? Math.max(...totals) / 100 : null,
    criticalFails: bodies.filter((b) => b.criticalFailed).length,
    sections,
    previousCount: previous.length,
    previousTotal,
    delta: total === null || previousTotal === null ? null : (h(total) - h(previousTotal)) / 100,
    difference: total === null ? null : (h(total) - shown) / 100,
  };
}

const sampleArb = fc.record({
  agent: fc.integer({ min: 0, max: 3 }),
  march: fc.boolean(),
  day: fc.integer({ min: 1, max: 28 }),
  i1: fc.integer({ min: 0, max: 6000 }),
  i2: fc.option(fc.integer({ min: 0, max: 4000 }), { freq: 4 }),
  fail: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});

let year = 2100;

describe('head-office comparisons', () => {
  it('averages 80.07 and 80.08 to 80.08 (half-up on the exact sum, once)', async () => {
    const y = year++;
    const items = [6000, 2007, 2008]
      .slice(1)
      .map((i2) => item(y, { agent: 0, march: true, day: 3, i1: 6000, i2, fail: false }));
    expect(items.map((i) => i.body.total)).toEqual([80.07, 80.08]);
    expect((await api.push(inspectorToken, items)).status).toBe(200);
    const res = await api.api(`/v1/reports/agent-comparison?from=${y}-03-01&to=${y}-03-31`, { token: head });
    const report = res.json as unknown as AgentComparison;
    expect(report.rows.map((r) => [r.agentNo, r.total, r.count])).toEqual([['R1', 80.08, 2]]);
    expect(report.overall.total).toBe(80.08);
    expect(report.sections).toEqual([
      { id: 'S1', name: '服务态度', points: 60 },
      { id: 'S2', name: '业务能力', points: 40 },
    ]);
    expect(report.previous).toEqual({ from: `${y}-02-01`, to: `${y}-02-28` });
  });

  it('equals an independent computation on random sets, per agent and per site, this and the previous period', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sampleArb, { minLength: 1, maxLength: 25 }), async (samples) => {
        const y = year++;
        const items = samples.map((s) => item(y, s));
        const res = await api.push(inspectorToken, items);
        expect((res.json.results as { status: string }[]).every((r) => r.status === 'stored')).toBe(true);
        const inMarch = (i: number) => samples[i].march;
        const ids = samples.some((x) => x.march) ? ['S1', 'S2'] : [];
        const agentsReport = (
          await api.api(`/v1/reports/agent-comparison?from=${y}-03-01&to=${y}-03-31`, { token: head })
        ).json as unknown as AgentComparison;
        const agentNos = [...new Set(samples.filter((s) => s.march).map((s) => roster[s.agent].agentNo))].sort();
        expect(agentsReport.rows.map((r) => r.agentNo).sort()).toEqual(agentNos);
        for (const row of agentsReport.rows) {
          const of = (march: boolean) =>
            items.filter((it, i) => it.body.agentNo === row.agentNo && inMarch(i) === march).map((it) => it.body);
          const { agentNo, name, teamId, teamName, ...rest } = row;
          expect(rest).toEqual(figures(of(true), of(false), ids));
          const r = roster.find((a) => a.agentNo === agentNo)!;
          expect([name, teamId, teamName]).toEqual([r.name || `call-${agentNo}`, `${r.site}/${r.team}`, r.team]);
        }
        const march = items.filter((_, i) => inMarch(i)).map((it) => it.body);
        const february = items.filter((_, i) => !inMarch(i)).map((it) => it.body);
        const overall = figures(march, february, ids);
        expect(agentsReport.overall).toEqual(overall);
        const totals = agentsReport.rows.map((r) => r.total ?? -1);
        expect([...totals].sort((a, b) => b - a)).toEqual(totals);

        const sites = (await api.api(`/v1/reports/site-ranking?from=${y}-03-01&to=${y}-03-31`, { token: head }))
          .json as unknown as SiteRanking;
        const siteOf = (b: PushItem['body']) => roster.find((a) => a.agentNo === b.agentNo)!.site;
        expect(sites.rows.map((r) => r.site).sort()).toEqual([...new Set(march.map(siteOf))].sort());
        for (const row of sites.rows) {
          const { site, rank, vsOverall, sectionsVsOverall, change, ...rest } = row;
          const f = figures(
            march.filter((b) => siteOf(b) === site),
            february.filter((b) => siteOf(b) === site),
            ids,
          );
          expect(rest).toEqual(f);
          expect(change).toBe(f.delta);
          expect(vsOverall).toBe(
            f.total === null || overall.total === null ? null : (h(f.total) - h(overall.total)) / 100,
          );
          for (const id of ids) {
            const a = f.sections[id];
            const b = overall.sections[id];
            expect(sectionsVsOverall[id]).toBe(a === null || b === null ? null : (h(a) - h(b)) / 100);
          }
          const better = sites.rows.filter((o) => (o.total ?? -1) > (row.total ?? -1)).length;
          expect(rank).toBe(better + 1);
        }
      }),
      { numRuns: 25, seed: 1507 },
    );
  }, 240_000);

  it("limits a lead to their teams, narrows by team and site, and refuses inspectors' tokens", async () => {
    const y = year++;
    const items = [0, 1, 2, 3].map((agent) => item(y, { agent, march: true, day: 9, i1: 5000, i2: 3000, fail: false }));
    await api.push(inspectorToken, items);
    const period = `from=${y}-03-01&to=${y}-03-31`;
    const lead = (await api.api(`/v1/reports/agent-comparison?${period}`, { token: leadOne }))
      .json as unknown as AgentComparison;
    expect(lead.rows.map((r) => r.agentNo)).toEqual(['R1', 'R2']);
    const foreign = (
      await api.api(`/v1/reports/agent-comparison?${period}&teamId=${encodeURIComponent('杭州/二组')}`, {
        token: leadOne,
      })
    ).json as unknown as AgentComparison;
    expect(foreign.rows).toEqual([]);
    const narrowed = (
      await api.api(`/v1/reports/agent-comparison?${period}&site=${encodeURIComponent('杭州')}`, { token: head })
    ).json as unknown as AgentComparison;
    expect(narrowed.rows.map((r) => r.agentNo)).toEqual(['R3', 'R4']);
    const leadSites = (await api.api(`/v1/reports/site-ranking?${period}`, { token: leadOne }))
      .json as unknown as SiteRanking;
    expect(leadSites.rows.map((r) => [r.site, r.count])).toEqual([['武汉', 2]]);
    for (const path of ['agent-comparison', 'site-ranking']) {
      const res = await api.api(`/v1/reports/${path}?${period}`, { token: inspectorToken });
      expect(res.status).toBe(403);
    }
  });

  it('answers 400, never 500, to periods and filters the database could not read', async () => {
    for (const query of [
      'from=0000-01-01&to=2026-01-31',
      'from=2026-02-30&to=2026-03-31',
      'from=2026-03-31&to=2026-03-01',
      'from=2026-03-01&to=2026-03-31&site=%00',
      'from=2026-03-01&to=2026-03-31&teamId=',
      'from=2026-03-01&to=2026-03-31&from=2026-03-02',
      'from=2026-03-01&to=2026-03-31&unknown=1',
    ]) {
      const res = await api.api(`/v1/reports/agent-comparison?${query}`, { token: head });
      expect([query, res.status]).toEqual([query, 400]);
    }
    const site = await api.api('/v1/reports/site-ranking?from=2026-03-01', { token: head });
    expect(site.status).toBe(400);
    const wide = await api.api('/v1/reports/agent-comparison?from=1000-01-01&to=9999-12-31', { token: head });
    expect(wide.status).toBe(200);
  });
});
