/**
 * The March report of domain.md through the monthly report and the exports: per-agent rows in both reports,
 * xlsx formats and conditional formatting read back with exceljs, CSV bytes, file names, progress events, and the
 * alert thresholds of the settings. (The PDF needs the built page and Chromium: tests/e2e/reports.e2e.ts.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { AgentComparison, Alerts, ExportResult, MonthlyReport } from '../../shared/report';
import { fixtureAgents, loadReportFixture } from '../support/report-fixture';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.data as T;
}

beforeAll(async () => {
  temp = makeTempDir('qa-reports-export-');
  core = createCore({ dataDir: temp.dir, transport: 'cli' });
  await loadReportFixture(core);
}, 120_000);

afterAll(() => {
  core?.close();
  temp?.cleanup();
});

/** exceljs reads conditional formatting back but leaves it out of its type declarations. */
interface ReadRule {
  type: string;
  operator?: string;
  formulae?: string[];
}
const formattingOf = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { conditionalFormattings: { ref: string; rules: ReadRule[] }[] }).conditionalFormattings;

const march = { from: '2026-03', to: '2026-03' };
const sectionIds = ['opening', 'attitude', 'phrasing', 'handling'];

describe('the March figures, per agent', () => {
  it('are the same in the comparison and in the monthly report, one row per agent', async () => {
    const c = await call<AgentComparison>('reports.agentComparison', march);
    const m = await call<MonthlyReport>('reports.monthly', march);
    expect(m.comparison.rows).toEqual(c.rows);
    for (const agent of fixtureAgents) {
      const row = c.rows.find((r) => r.agentNo === agent.agentNo)!;
      expect(row).toMatchObject({ name: agent.name, count: 10, total: agent.sums[2] / 10 });
      expect(row.previousTotal).toBe(agent.sums[1] / 10);
      const trend = m.trend.find((t) => t.agentNo === agent.agentNo)!;
      expect(trend.totals).toEqual(agent.sums.map((s) => s / 10));
      // an agent's sections add up to the agent's average (to rounding of four two-decimal averages)
      const sum = sectionIds.reduce((a, id) => a + (row.sections[id] ?? 0), 0);
      expect(Math.abs(sum - row.total!)).toBeLessThanOrEqual(0.02);
    }
    // the overall row is the average of the 70 calls, not the mean of the seven agents' averages
    expect(c.overall.total).toBe(81.49);
    expect(m.sectionAverages.attitude[2]).toBe(19.07);
    expect(m.sectionAverages.phrasing[2]).toBe(15.21);
    expect(m.sectionAverages.handling[2]).toBe(42.86);
  });
});

describe('xlsx export', () => {
  it('has frozen headers, two-decimal formats, widths and red cells below the threshold on every sheet', async () => {
    const m = await call<MonthlyReport>('reports.monthly', march);
    const out = await call<ExportResult>('reports.export', {
      report: 'monthly',
      ...march,
      format: 'xlsx',
      out: temp.dir,
    });
    expect(out.fileName).toBe('月度质检分析_全部班组_2026-03.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    // One numbering, as on screen and in the PDF: 一 … 七, two tables of one section as （1）（2）.
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '一（1）业务类别抽检量',
      '一（2）坐席抽检量',
      '二 成绩趋势',
      '三 分项均分',
      '四 坐席分项对比',
      '五（1）扣分项',
      '五（1）扣分原因分类',
      '五（2）问题标签与建议',
      '五（3）改进重点完成情况',
      '五（4）下月改进重点',
      '五（5）分析与改进',
      '六（1）回访满意度',
      '六（2）回访对象',
      '六（3）不满意原因',
      '六（4）意见建议',
      '六（5）坐席回访',
      '六（6）回访明细',
      '七 附件 评分明细',
      '附 预警',
      '附 申诉',
    ]);
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      // Printed landscape, one page wide, header row on every page (the comparison printed portrait over 3 pages).
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      });
      // Every header fits its column on one line (工号 and 环比 wrapped a character a line).
      (sheet.getRow(1).values as unknown[]).slice(1).forEach((header, i) => {
        const chars = [...String(header)].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
        expect(sheet.getColumn(i + 1).width, `${sheet.name}: ${String(header)}`).toBeGreaterThanOrEqual(chars);
      });
    }
    const comparison = wb.getWorksheet('四 坐席分项对比')!;
    const header = (comparison.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('开头语 / 结束语（5分）');
    m.comparison.rows.forEach((r, i) => {
      const row = comparison.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.agentNo);
      expect(row.getCell(5).value).toBe(r.total);
      expect(sectionIds.map((_, k) => row.getCell(6 + k).value)).toEqual(sectionIds.map((id) => r.sections[id]));
      expect(row.getCell(5).numFmt).toBe('0.00');
    });
    // scores below 80 (default threshold) in red, scaled to each section's points: 4 of 5, 40 of 50
    const rules = formattingOf(comparison).map((cf) => [cf.ref, cf.rules[0].formulae?.[0]]);
    expect(rules).toContainEqual([`E2:E${m.comparison.rows.length + 2}`, '80']);
    expect(rules).toContainEqual([`F2:F${m.comparison.rows.length + 2}`, '4']);
    expect(rules).toContainEqual([`I2:I${m.comparison.rows.length + 2}`, '40']);
    expect(formattingOf(comparison)[0].rules[0]).toMatchObject({ type: 'cellIs', operator: 'lessThan' });
    const annex = wb.getWorksheet('七 附件 评分明细')!;
    expect(annex.rowCount).toBe(71);
    const annexTotal = annex.getColumn(8).values.slice(2) as number[];
    expect(Math.round(annexTotal.reduce((a, v) => a + v * 100, 0))).toBe(5704 * 100);
  });

  it('uses the threshold of the settings for its red cells', async () => {
    await call('settings.update', { reportBelowScore: 85 });
    try {
      const out = await call<ExportResult>('reports.export', {
        report: 'agentComparison',
        ...march,
        format: 'xlsx',
        out: join(temp.dir, 'threshold.xlsx'),
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out.path);
      const formulae = formattingOf(wb.worksheets[0]).map((cf) => cf.rules[0].formulae?.[0]);
      expect(formulae).toEqual(expect.arrayContaining(['85', '4.25', '42.5']));
    } finally {
      await call('settings.update', { reportBelowScore: 80 });
    }
  });
});

describe('CSV export and file names', () => {
  it('starts with a UTF-8 BOM and names report, team and period', async () => {
    const out = await call<ExportResult>('reports.export', {
      report: 'monthly',
      ...march,
      team: 'team-1',
      format: 'csv',
      out: temp.dir,
    });
    expect(out.fileName).toBe('月度质检分析_一组_2026-03.csv');
    const bytes = readFileSync(out.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('四、坐席分项成绩对比（2026-03）');
    // Each section number once per table title, as on screen: 一 has two tables, numbered (1) and (2); the annex is 七.
    const titles = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((line) => /^[一二三四五六七]、/.test(line));
    expect(titles.map((line) => line.slice(0, 2))).toEqual([
      '一、',
      '一、',
      '二、',
      '三、',
      '四、',
      ...Array<string>(6).fill('五、'),
      ...Array<string>(6).fill('六、'),
      '七、',
    ]);
    expect(titles[0]).toMatch(/^一、抽检量（1）/);
    expect(titles[1]).toMatch(/^一、抽检量（2）/);
    expect(text).toContain('杨冲');
    expect(text).not.toContain('刘洋'); // team 二组
    const quarter = await call<ExportResult>('reports.export', {
      report: 'agentComparison',
      from: '2026-01',
      to: '2026-03',
      format: 'csv',
      out: temp.dir,
    });
    expect(quarter.fileName).toBe('坐席质检对比_全部班组_2026-01_2026-03.csv');
  });
});

describe('where an export goes', () => {
  it('refuses a folder that does not exist instead of creating it', async () => {
    const out = join(temp.dir, 'nonexistent', 'dir', 'x.csv');
    await expect(call('reports.export', { report: 'agentComparison', ...march, format: 'csv', out })).rejects.toThrow(
      /does not exist/,
    );
    expect(existsSync(join(temp.dir, 'nonexistent'))).toBe(false);
  });

  it('hands the bytes back for a browser download and keeps no copy', async () => {
    const result = await call<ExportResult>('reports.export', {
      report: 'agentComparison',
      ...march,
      format: 'csv',
      download: true,
    });
    expect(result.path).toBe('');
    expect(result.fileName).toBe('坐席质检对比_全部班组_2026-03.csv');
    const bytes = Buffer.from(result.content!, 'base64');
    expect(bytes.length).toBe(result.bytes);
    expect(bytes.toString('utf8')).toContain('杨冲');
    expect(readdirSync(join(temp.dir, 'exports', '.downloads'))).toEqual([]);
    await expect(
      call('reports.export', { report: 'agentComparison', ...march, format: 'csv', download: true, out: temp.dir }),
    ).rejects.toThrow(/either/);
  });
});

describe('progress of an export', () => {
  it('sends job.progress events up to done = total, then job.finished', async () => {
    const events: { name: string; payload: { jobId: string; done?: number; total?: number; outcome?: string } }[] = [];
    const off = core.events.subscribe((name, payload) => {
      if (name === 'job.progress' || name === 'job.finished') events.push({ name, payload: payload as never });
    });
    try {
      await call('reports.export', { report: 'monthly', ...march, format: 'xlsx', out: temp.dir, jobId: 'job-x' });
    } finally {
      off();
    }
    const mine = events.filter((e) => e.payload.jobId === 'job-x');
    const progress = mine.filter((e) => e.name === 'job.progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(3);
    const done = progress.map((p) => p.done!);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(progress.at(-1)!.total).toBeGreaterThanOrEqual(70);
    expect(mine.at(-1)).toMatchObject({ name: 'job.finished', payload: { outcome: 'done' } });
  });
});

describe('alert thresholds from the settings', () => {
  it('change which agents are flagged', async () => {
    const before = await call<Alerts>('reports.alerts', { month: '2026-03' });
    // the monthly report reuses its own trends for its alerts: the same list as the reports home
    expect((await call<MonthlyReport>('reports.monthly', march)).alerts).toEqual(before.alerts);
    const below = (a: Alerts) => a.alerts.filter((x) => x.kind === 'below').map((x) => x.name);
    expect(before.thresholds).toMatchObject({ belowScore: 80, dropPoints: 5, quotaPerAgent: 10 });
    expect(below(before)).toEqual(['王芳', '刘洋']); // 78.0 and 79.0, lowest first
    expect(before.alerts.some((a) => a.kind === 'drop' && a.name === '王芳')).toBe(true); // 85.0 → 78.0
    await call('settings.update', { reportBelowScore: 81.5, reportDropPoints: 8 });
    try {
      const after = await call<Alerts>('reports.alerts', { month: '2026-03' });
      expect(below(after)).toEqual(['王芳', '刘洋', '赵磊', '李娜']); // 81.0 and 81.2 join
      expect(after.alerts.some((a) => a.kind === 'drop')).toBe(false);
    } finally {
      await call('settings.update', { reportBelowScore: 80, reportDropPoints: 5 });
    }
  });
});
