/**
 * The lead's narrative through the core: the quotes offered are the inspectors' comments of the team's month, each
 * with its evaluation; a saved narrative is in reports.monthly for its team and month (and for no other team); who
 * may write follows head office's rule; what the report's cumulative columns add up for a month, a quarter and a
 * year to date.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { NarrativeBody, NarrativeView, QuoteCandidate } from '../../shared/narrative';
import type { ExportResult, MonthlyReport } from '../../shared/report';
import { fixtureAgents, loadReportFixture } from '../support/report-fixture';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

beforeAll(async () => {
  temp = makeTempDir('qa-narratives-');
  core = createCore({ dataDir: temp.dir, transport: 'cli' });
  await loadReportFixture(core);
}, 180_000);

afterAll(() => {
  core?.close();
  temp?.cleanup();
});

describe('quotes', () => {
  it('are the comments on the team’s March evaluations, each under its item and section, with its evaluation', async () => {
    const { quotes } = await call<{ quotes: QuoteCandidate[] }>('narratives.quotes', {
      team: 'team-1',
      month: '2026-03',
    });
    const team1 = new Set(fixtureAgents.filter((a) => a.team === 'team-1').map((a) => a.agentNo));
    expect(quotes.length).toBeGreaterThan(40);
    expect(quotes.every((q) => team1.has(q.agentNo) && q.day.startsWith('2026-03-'))).toBe(true);
    const soothe = quotes.find((q) => q.itemId === 'attitude-soothe')!;
    expect(soothe).toMatchObject({ text: '客户抱怨时无回应，未使用安抚用语', sectionId: 'attitude' });
    const view = await call<{ id: string; body: { itemComments: Record<string, string> } }>('reports.evaluation', {
      id: soothe.evaluationId,
    });
    expect(view.body.itemComments['attitude-soothe']).toBe(soothe.text);
    // the overall comments are offered too
    expect(quotes.some((q) => q.itemId === null && /^杨冲 2026-03 第 \d+ 通$/.test(q.text))).toBe(true);
  });
});

describe('saving and reading a narrative', () => {
  it('is the team’s for the month, in the report of that team and of everything, not of the other team', async () => {
    const { quotes } = await call<{ quotes: QuoteCandidate[] }>('narratives.quotes', {
      team: 'team-1',
      month: '2026-03',
    });
    const q = quotes.find((x) => x.itemId === 'handling-ownership')!;
    const body: NarrativeBody = {
      sections: [
        {
          sectionId: 'handling',
          name: '业务处理能力',
          problems: '推诿现象仍有发生，未能主动承担客户问题。',
          quotes: [
            {
              evaluationId: q.evaluationId,
              itemId: q.itemId,
              itemName: q.itemName,
              text: q.text,
              agentNo: q.agentNo,
              agentName: q.agentName,
              day: q.day,
            },
          ],
        },
      ],
      training: '邮箱扩容资费；域名续费流程',
      measures: '每周一次案例复盘',
      nextFocus: '首问负责制，杜绝推诿',
      focusItemIds: [],
    };
    const saved = await call<NarrativeView>('narratives.save', { team: 'team-1', month: '2026-03', body });
    // no head office: the narrative is this app's, and anyone using it writes it
    expect(saved).toMatchObject({ teamId: 'team-1', teamName: '一组', editable: true, sync: 'local', body });
    expect((await call<NarrativeView>('narratives.get', { team: 'team-1', month: '2026-03' })).body).toEqual(body);

    const forTeam = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03', team: 'team-1' });
    expect(forTeam.narratives.map((n) => [n.teamId, n.body.nextFocus])).toEqual([['team-1', '首问负责制，杜绝推诿']]);
    const all = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03' });
    expect(all.narratives.map((n) => n.teamId)).toEqual(['team-1']);
    const other = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03', team: 'team-2' });
    // 二组 has nothing written: offered empty, for this app's user to write
    expect(other.narratives.map((n) => [n.teamId, n.updatedAt, n.editable])).toEqual([['team-2', null, true]]);
    const february = await call<MonthlyReport>('reports.monthly', { from: '2026-02', to: '2026-02' });
    expect(february.narratives).toEqual([]);

    // the xlsx carries it word for word, the quote with the agent and day it came from
    const out = await call<ExportResult>('reports.export', {
      report: 'monthly',
      from: '2026-03',
      to: '2026-03',
      team: 'team-1',
      format: 'xlsx',
      out: temp.dir,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    const rows = wb
      .getWorksheet('五（5）分析与改进')!
      .getSheetValues()
      .slice(2)
      .map((r) => (r as ExcelJS.CellValue[]).slice(1));
    expect(rows).toEqual([
      [
        '一组',
        '发现的问题',
        '业务处理能力',
        body.sections[0].problems,
        `“${q.text}”（${q.agentName} ${q.day} · ${q.itemName}）`,
      ],
      ['一组', '需培训的知识点', '', '邮箱扩容资费；域名续费流程', ''],
      ['一组', '改进措施', '', '每周一次案例复盘', ''],
      ['一组', '下月工作重点', '', '首问负责制，杜绝推诿', ''],
    ]);
  });

  it('is written only by the team’s lead once head office named this app’s user', async () => {
    const identity = core.context.identity;
    identity.set({
      userId: 'lead-2',
      name: '李组长',
      role: 'lead',
      teams: [{ id: 'team-2', name: '二组' }],
      site: null,
    });
    try {
      const view = await call<NarrativeView>('narratives.get', { team: 'team-1', month: '2026-03' });
      expect(view.editable).toBe(false);
      const refused = await core.dispatch('narratives.save', {
        team: 'team-1',
        month: '2026-03',
        body: { sections: [], training: 'x', measures: '', nextFocus: '', focusItemIds: [] },
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const mine = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03', scope: 'team' });
      expect(mine.narratives.map((n) => [n.teamId, n.editable])).toEqual([['team-2', true]]);
    } finally {
      identity.set(null);
    }
  });
});

describe('合计 of the monthly report', () => {
  it('adds up the quarter for March, exactly the period for a quarter or a year to date, one month for January', async () => {
    const march = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03' });
    expect(march.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(march.cumulative).toEqual({ from: '2026-01', to: '2026-03' });
    expect(march.volume.cumulative.count).toBe(210);
    const sums = fixtureAgents.reduce((a, x) => a + x.sums[0] + x.sums[1] + x.sums[2], 0);
    expect(march.volume.cumulative.average).toBe(Math.round((sums * 100) / 210) / 100);
    expect(march.volume.categories.reduce((a, c) => a + c.cumulative.count, 0)).toBe(210);
    expect(march.quota.find((q) => q.agentNo === '1001')!.cumulative).toBe(30);

    const february = await call<MonthlyReport>('reports.monthly', { from: '2026-01', to: '2026-02' });
    expect(february.months).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(february.cumulative).toEqual({ from: '2026-01', to: '2026-02' });
    expect(february.volume.cumulative.count).toBe(140);

    const january = await call<MonthlyReport>('reports.monthly', { from: '2026-01', to: '2026-01' });
    expect(january.cumulative).toEqual({ from: '2026-01', to: '2026-01' });
    expect(january.volume.cumulative.count).toBe(70);
  });
});
