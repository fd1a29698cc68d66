import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { AgentComparison, MonthlyReport } from '../../shared/report';
import { loadReportFixture } from '../support/report-fixture';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.data as T;
}

/** Every summary row, to compare trigger upkeep with a rebuild from scratch. */
function snapshot(): Record<string, unknown[]> {
  const tables = [
    'report_facts',
    'report_agent_day',
    'report_agent_month',
    'report_category_month',
    'report_item_month',
    'report_text_month',
  ];
  return Object.fromEntries(tables.map((t) => [t, core.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).all()]));
}

beforeAll(async () => {
  temp = makeTempDir('qa-reports-');
  core = createCore({ dataDir: temp.dir, transport: 'cli' });
  await loadReportFixture(core);
}, 120_000);

afterAll(() => {
  core?.close();
  temp?.cleanup();
});

const march = { from: '2026-03-01', to: '2026-03-31' };

describe('reports.agentComparison', () => {
  it('reproduces the March figures of the monthly QA report', async () => {
    const c = await call<AgentComparison>('reports.agentComparison', march);
    expect(c.overall.count).toBe(70);
    expect(c.overall.total).toBe(81.49);
    expect(c.overall.sections).toEqual({ opening: 4.34, attitude: 19.07, phrasing: 15.21, handling: 42.86 });
    expect(c.sections.map((s) => [s.id, s.points])).toEqual([
      ['opening', 5],
      ['attitude', 25],
      ['phrasing', 20],
      ['handling', 50],
    ]);
    expect(c.rows).toHaveLength(7);
    const yang = c.rows.find((r) => r.name === '杨冲')!;
    expect(yang).toMatchObject({ agentNo: '1001', count: 10, total: 85.9, previousTotal: 80.6, delta: 5.3 });
    expect(yang.min).toBe(80);
    expect(yang.max).toBe(91);
    // sorted by average, best first
    expect(c.rows.map((r) => r.total)).toEqual([...c.rows.map((r) => r.total)].sort((a, b) => b! - a!));
  });

  it('accepts month bounds, filters by team and answers partial-month ranges from the facts', async () => {
    const byMonth = await call<AgentComparison>('reports.agentComparison', { from: '2026-03', to: '2026-03' });
    expect(byMonth.overall.total).toBe(81.49);
    const team = await call<AgentComparison>('reports.agentComparison', { ...march, team: 'team-1' });
    expect(team.rows.map((r) => r.name).sort()).toEqual(['张伟', '李娜', '杨冲', '王芳'].sort());
    expect(team.teamName).toBe('一组');
    const partial = await call<AgentComparison>('reports.agentComparison', { from: '2026-03-01', to: '2026-03-30' });
    const whole = await call<AgentComparison>('reports.agentComparison', { from: '2026-02-28', to: '2026-03-31' });
    expect(partial.overall.count + whole.overall.count).toBeGreaterThan(70);
    expect(whole.previous).toEqual({ from: '2026-01-27', to: '2026-02-27' });
  });

  it('rejects a bad period with a clear error', async () => {
    const result = await core.dispatch('reports.agentComparison', { from: '2026-03-31', to: '2026-03-01' });
    expect(result.ok).toBe(false);
    const bad = await core.dispatch('reports.agentComparison', { from: '2026-02-30', to: '2026-03-01' });
    expect(bad.ok).toBe(false);
  });
});

describe('reports.trends and reports.monthly', () => {
  it('gives 杨冲 77.3 → 80.6 → 85.9 over January to March', async () => {
    const t = await call<{ months: string[]; agents: { name: string; totals: number[] }[] }>('reports.trends', {
      from: '2026-01',
      to: '2026-03',
    });
    expect(t.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(t.agents.find((a) => a.name === '杨冲')!.totals).toEqual([77.3, 80.6, 85.9]);
  });

  it('builds the March report section by section', async () => {
    const m = await call<MonthlyReport>('reports.monthly', march);
    expect(m.month).toBe('2026-03');
    expect(m.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(m.volume.totals).toEqual([70, 70, 70]);
    expect(m.volume.categories.reduce((a, c) => a + c.counts[2], 0)).toBe(70);
    // The domain's own March figures: the section averages add up to 81.48, the average total is 81.49, and the
    // 舍入差 column shows the 0.01 so the row adds up (each figure is its own column's average, rounded once).
    expect(m.overall).toEqual({
      count: 70,
      total: 81.49,
      sections: { opening: 4.34, attitude: 19.07, phrasing: 15.21, handling: 42.86 },
      difference: 0.01,
    });
    expect(m.sectionAverages.opening[2]).toBe(4.34);
    expect(m.trend.find((a) => a.name === '杨冲')!.totals).toEqual([77.3, 80.6, 85.9]);
    expect(m.quota.filter((q) => !q.met).map((q) => q.name)).toEqual(['周敏']);
    expect(m.deductions.length).toBeGreaterThan(3);
    expect(m.deductions[0].lostPoints).toBeGreaterThanOrEqual(m.deductions[1].lostPoints);
    // the points lost over all items equal 100 − average, times the number of calls
    const lost = m.deductions.reduce((a, d) => a + d.lostPoints, 0);
    expect(Math.round(lost * 100)).toBe(70 * 10000 - 570400);
    expect(m.deductions.some((d) => d.comments.length > 0)).toBe(true);
    expect(m.findings.map((f) => f.text)).toContain('抢话');
    expect(m.suggestions.length).toBeGreaterThan(0);
    expect(m.annexCount).toBe(70);
    const kinds = m.alerts.map((a) => `${a.kind}:${a.name ?? a.sectionName}`);
    expect(kinds).toContain('drop:王芳');
    expect(kinds).toContain('below:王芳');
    expect(kinds).toContain('quota:周敏');
  });

  it('pages through the annex in call order', async () => {
    const first = await call<{ total: number; rows: { day: string; total: number; sections: object }[] }>(
      'reports.annex',
      { month: '2026-03', limit: 50 },
    );
    const second = await call<{ rows: { day: string }[] }>('reports.annex', { month: '2026-03', offset: 50 });
    expect(first.total).toBe(70);
    expect(first.rows).toHaveLength(50);
    expect(second.rows).toHaveLength(20);
    const days = [...first.rows, ...second.rows].map((r) => r.day);
    expect(days).toEqual([...days].sort());
    const sum = first.rows.reduce((a, r) => a + Math.round(r.total * 100), 0);
    expect(Object.keys(first.rows[0].sections)).toHaveLength(4);
    expect(sum).toBeGreaterThan(0);
  });
});

describe('the report store', () => {
  it('follow a re-score and equal a rebuild from scratch', async () => {
    const before = await call<AgentComparison>('reports.agentComparison', march);
    const list = await call<{ id: string; recordingId: string }[]>('evaluations.list', {
      from: '2026-03',
      to: '2026-03',
      agentNo: '1001',
    });
    const target = list[0];
    const view = await call<{ revisions: { body: { answers: Record<string, unknown> } }[] }>('evaluations.open', {
      recordingId: target.recordingId,
    });
    const answers = { ...view.revisions[0].body.answers, 'handling-knowledge': 0 };
    await call('evaluations.revise', { evaluationId: target.id, reason: '复核：业务知识错误', answers });
    const after = await call<AgentComparison>('reports.agentComparison', march);
    expect(after.overall.count).toBe(70);
    expect(after.overall.total).not.toBe(before.overall.total);

    const kept = snapshot();
    core.context.reports.rebuild();
    expect(snapshot()).toEqual(kept);
  });
});

describe('reports.export', () => {
  it('writes an xlsx whose numbers are those of the screen', async () => {
    const c = await call<AgentComparison>('reports.agentComparison', march);
    const out = await call<{ path: string; fileName: string }>('reports.export', {
      report: 'agentComparison',
      ...march,
      format: 'xlsx',
      out: temp.dir,
    });
    expect(out.fileName).toBe('坐席质检对比_全部班组_2026-03.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    const sheet = wb.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['工号', '姓名', '班组', '质检量', '平均分']);
    const totalRow = sheet.getRow(c.rows.length + 2);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(totalRow.getCell(4).value).toBe(70);
    expect(totalRow.getCell(5).value).toBe(c.overall.total);
    expect([6, 7, 8, 9].map((i) => totalRow.getCell(i).value)).toEqual(c.sections.map((s) => c.overall.sections[s.id]));
    expect(sheet.getCell('E2').numFmt).toBe('0.00');
    for (const [i, r] of c.rows.entries()) {
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(r.agentNo);
      expect(sheet.getRow(i + 2).getCell(5).value).toBe(r.total);
    }
  });

  it('writes the monthly report as one sheet per table, with the annex', async () => {
    const m = await call<MonthlyReport>('reports.monthly', march);
    const out = await call<{ path: string; rows: number }>('reports.export', {
      report: 'monthly',
      ...march,
      format: 'xlsx',
      out: join(temp.dir, 'monthly.xlsx'),
    });
    expect(out.rows).toBe(70);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    expect(wb.worksheets.map((w) => w.name)).toContain('七 附件 评分明细');
    const sections = wb.getWorksheet('三 分项均分')!;
    expect(sections.getRow(2).getCell(1).value).toBe('开头语 / 结束语');
    expect(sections.getRow(2).getCell(5).value).toBe(m.sectionAverages.opening[2]);
    expect(sections.getRow(5).getCell(5).value).toBe(m.sectionAverages.handling[2]);
    expect(sections.getRow(6).getCell(1).value).toBe('舍入差');
    expect(sections.getRow(6).getCell(5).value).toBe(0.01);
    expect(sections.getRow(7).getCell(5).value).toBe(m.overall.total);
    expect(wb.getWorksheet('七 附件 评分明细')!.rowCount).toBe(71);
  });

  it('writes CSV in UTF-8 with a BOM', async () => {
    const out = await call<{ path: string }>('reports.export', {
      report: 'agentComparison',
      ...march,
      team: 'team-2',
      format: 'csv',
      out: join(temp.dir, 'c.csv'),
    });
    const bytes = readFileSync(out.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0].startsWith('工号,姓名,班组,质检量,平均分')).toBe(true);
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(text).toContain('二组');
  });

  it('answers "unavailable" for a PDF where the transport gives the core no printer (the desktop prints its window)', async () => {
    const result = await core.dispatch('reports.export', {
      report: 'monthly',
      ...march,
      format: 'pdf',
      out: join(temp.dir, 'x.pdf'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('refuses an out path with the wrong extension', async () => {
    const result = await core.dispatch('reports.export', {
      report: 'monthly',
      ...march,
      format: 'xlsx',
      out: join(temp.dir, 'x.pdf'),
    });
    expect(result.ok).toBe(false);
  });
});
