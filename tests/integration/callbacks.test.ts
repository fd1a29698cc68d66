/**
 * Call-backs (回访) through the core: a GBK CSV and an xlsx of the real report's January–March call-backs give its
 * rates exactly in reports.monthly (per month, per caller group, 合计), the dissatisfied grouped by reason, the
 * suggestions, the annex, and per agent (where the call-back's call was evaluated) satisfaction beside the QA score.
 * Re-imports are duplicates, a longer export adds only its new rows, bad rows are refused by row number and nothing
 * of them is kept, and a team's report counts only the call-backs its agents' calls link to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackAnnexPage, CallbackImportResult } from '../../shared/callbacks';
import type { ExportResult, MonthlyReport } from '../../shared/report';
import { createCore, type Core } from '../../electron/core/core';
import {
  callbackHeader,
  callbackRows,
  expectedRates,
  marchReasons,
  marchSuggestions,
  writeCallbackCsvGbk,
  writeCallbackXlsx,
} from '../support/callback-fixture';
import { fixtureAgents, loadReportFixture } from '../support/report-fixture';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let core: Core;

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

const csv = () => join(temp.dir, '回访结果.csv');

beforeAll(async () => {
  temp = makeTempDir('qa-callbacks-');
  core = createCore({ dataDir: temp.dir, transport: 'cli' });
  await loadReportFixture(core);
  writeCallbackCsvGbk(csv());
}, 180_000);

afterAll(() => {
  core?.close();
  temp?.cleanup();
});

describe('callbacks.import', () => {
  it('reads the GBK file: every row, 70 of them linked to evaluated calls', async () => {
    const result = await call<CallbackImportResult>('callbacks.import', { path: csv() });
    expect(result).toEqual({ imported: 189 + 321 + 717, duplicates: 0, failed: [], linked: 70 });
  });

  it('finds the same call-backs in the xlsx of the same rows, and in a second import of the CSV', async () => {
    const xlsx = join(temp.dir, '回访结果.xlsx');
    await writeCallbackXlsx(xlsx);
    expect(await call<CallbackImportResult>('callbacks.import', { path: xlsx })).toMatchObject({
      imported: 0,
      duplicates: 1227,
      failed: [],
    });
    expect(await call<CallbackImportResult>('callbacks.import', { path: csv() })).toMatchObject({
      imported: 0,
      duplicates: 1227,
    });
  });
});

describe('六、客户回访 in reports.monthly', () => {
  it('has the real report’s rates per month and per caller group, and the 合计 of the quarter', async () => {
    const m = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03' });
    const cb = m.callbacks;
    expect(cb.months).toEqual([
      { month: '2026-01', total: 189, timeSatisfied: 181, overallSatisfied: 184, rate: 97.35, timeRate: 95.77 },
      { month: '2026-02', total: 321, timeSatisfied: 297, overallSatisfied: 314, rate: 97.82, timeRate: 92.52 },
      { month: '2026-03', total: 717, timeSatisfied: 640, overallSatisfied: 657, rate: 91.63, timeRate: 89.26 },
    ]);
    for (const [month, rate] of Object.entries(expectedRates.months)) {
      expect(cb.months.find((x) => x.month === month)!.rate).toBe(rate);
    }
    const rate = (month: string, group: string) => cb.groups.find((g) => g.month === month && g.group === group)!;
    expect(rate('2026-02', '分公司')).toMatchObject({ total: 298, rate: 98.66 });
    expect(rate('2026-02', '客户')).toMatchObject({ total: 23, rate: 86.96 });
    expect(rate('2026-03', '分公司')).toMatchObject({ total: 568, satisfied: 534, rate: 94.01 });
    expect(rate('2026-03', '客户')).toMatchObject({ total: 149, satisfied: 123, rate: 82.55 });
    // March's report adds up the first quarter, as the real report's 合计 does
    expect(m.cumulative).toEqual({ from: '2026-01', to: '2026-03' });
    expect(cb.cumulative).toMatchObject({ total: 1227, timeSatisfied: 1118, overallSatisfied: 1155, rate: 94.13 });
    expect(cb.groupTotals.map((g) => [g.group, g.total, g.satisfied])).toEqual([
      ['分公司', 1041, 998],
      ['客户', 186, 157],
    ]);
  });

  it('groups March’s 60 dissatisfied call-backs by reason and lists the suggestions', async () => {
    const { callbacks: cb } = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03' });
    expect(cb.reasons.map((r) => [r.text, r.count])).toEqual(marchReasons);
    expect(cb.reasons.reduce((a, r) => a + r.count, 0)).toBe(60);
    expect(cb.suggestions.map((s) => [s.text, s.count])).toEqual(marchSuggestions);
    expect(cb.annexCount).toBe(717);
  });

  it('shows, per agent whose calls were called back, satisfaction beside the agent’s QA average', async () => {
    const m = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03' });
    expect(m.callbacks.agents).toHaveLength(7);
    for (const a of m.callbacks.agents) {
      const qa = m.comparison.rows.find((r) => r.agentNo === a.agentNo)!;
      expect(a).toMatchObject({ name: qa.name, total: 10, qaAverage: qa.total, linkedCount: 10 });
      // the called-back calls are all ten of the agent's March calls: their average is the agent's
      expect(a.linkedAverage).toBe(qa.total);
    }
    expect(m.callbacks.agents.map((a) => a.agentNo).sort()).toEqual(fixtureAgents.map((a) => a.agentNo).sort());
  });

  it('pages the annex in file order, each linked row with its evaluation and score', async () => {
    const page = await call<CallbackAnnexPage>('callbacks.annex', { month: '2026-03', offset: 0, limit: 1000 });
    expect(page.total).toBe(717);
    expect(page.rows).toHaveLength(717);
    const days = page.rows.map((r) => r.date);
    expect(days).toEqual([...days].sort());
    const linked = page.rows.filter((r) => r.evaluationId);
    expect(linked).toHaveLength(70);
    expect(linked.every((r) => r.agentNo && r.agentName && r.evaluationTotal !== null)).toBe(true);
  });

  it('counts for a team only the call-backs linked to its agents', async () => {
    const m = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03', team: 'team-1' });
    const team1 = fixtureAgents.filter((a) => a.team === 'team-1').length;
    expect(m.callbacks.months.at(-1)!.total).toBe(team1 * 10);
    expect(m.callbacks.agents.map((a) => a.agentNo).sort()).toEqual(
      fixtureAgents.filter((a) => a.team === 'team-1').map((a) => a.agentNo),
    );
    // the inspector's own evaluations: every linked call-back is of a call this app scored
    const mine = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03', scope: 'mine' });
    expect(mine.callbacks.months.at(-1)!.total).toBe(70);
  });
});

describe('六、客户回访 in the exports', () => {
  const values = (sheet: ExcelJS.Worksheet) =>
    sheet
      .getSheetValues()
      .slice(2)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1));

  it('writes the same figures to the xlsx: per month with 合计, per group, reasons, agents and every call-back', async () => {
    const out = await call<ExportResult>('reports.export', {
      report: 'monthly',
      from: '2026-03',
      to: '2026-03',
      format: 'xlsx',
      out: temp.dir,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    expect(values(wb.getWorksheet('六（1）回访满意度')!)).toEqual([
      ['2026-01', 189, 181, 184, 97.35, 95.77],
      ['2026-02', 321, 297, 314, 97.82, 92.52],
      ['2026-03', 717, 640, 657, 91.63, 89.26],
      ['合计（2026-01 至 2026-03）', 1227, 1118, 1155, 94.13, 91.12],
    ]);
    const groups = wb.getWorksheet('六（2）回访对象')!;
    expect((groups.getRow(1).values as string[]).slice(1, 4)).toEqual(['回访对象', '2026-01 回访量', '2026-01 满意']);
    expect(values(groups).map((r) => [r[0], r[4], r[6], r[7], r[9]])).toEqual([
      ['分公司', 298, 98.66, 568, 94.01],
      ['客户', 23, 86.96, 149, 82.55],
    ]);
    expect(values(wb.getWorksheet('六（3）不满意原因')!).map((r) => [r[0], r[1]])).toEqual(marchReasons);
    expect(values(wb.getWorksheet('六（5）坐席回访')!)).toHaveLength(7);
    const annex = wb.getWorksheet('六（6）回访明细')!;
    expect(annex.rowCount).toBe(718);
    expect(values(annex).filter((r) => r[6] === '否')).toHaveLength(60);
    // the 合计 columns of the volume and per-agent tables add up the first quarter
    const volume = wb.getWorksheet('一（1）业务类别抽检量')!;
    expect((volume.getRow(1).values as string[]).slice(-2)).toEqual([
      '合计（2026-01 至 2026-03） 抽检量',
      '合计（2026-01 至 2026-03） 平均分',
    ]);
    expect(values(volume).at(-1)!.slice(0, 4)).toEqual(['合计', 70, 70, 70]);
    expect(values(volume).at(-1)![5]).toBe(210);
    const quota = values(wb.getWorksheet('一（2）坐席抽检量')!);
    expect(quota.find((r) => r[0] === '1001')!.slice(2, 6)).toEqual([10, 10, 10, 30]);
    expect(quota.at(-1)!.slice(0, 6)).toEqual(['合计', '', 70, 70, 70, 210]);
  });

  it('writes them to the CSV with the two-decimal rates', async () => {
    const out = await call<ExportResult>('reports.export', {
      report: 'monthly',
      from: '2026-03',
      to: '2026-03',
      format: 'csv',
      out: join(temp.dir, 'march.csv'),
    });
    const text = readFileSync(out.path, 'utf8');
    expect(text).toContain('六、客户回访（1）回访量、时限满意、整体满意、满意率');
    for (const line of [
      '2026-01,189,181,184,97.35,95.77',
      '2026-02,321,297,314,97.82,92.52',
      '2026-03,717,640,657,91.63,89.26',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/分公司,175,170,97\.14,298,294,98\.66,568,534,94\.01/);
    expect(text).toMatch(/客户,14,14,100\.00,23,20,86\.96,149,123,82\.55/);
  });
});

describe('re-imports and bad rows', () => {
  it('adds only the new rows of a longer export of the same month', async () => {
    const longer = join(temp.dir, 'longer.csv');
    const extra = [
      ['2026-03-31', '', '客户', '1001', '是', '是', '', ''],
      ['2026-03-31', '', '客户', '1001', '是', '是', '', ''],
      ['2026-03-31', '', '分公司', '', '否', '否', '处理时间过长', ''],
    ];
    writeCallbackCsvGbk(longer, [...callbackRows(), ...extra]);
    expect(await call<CallbackImportResult>('callbacks.import', { path: longer })).toMatchObject({
      imported: 3,
      duplicates: 1227,
      failed: [],
      linked: 2,
    });
    const m = await call<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03' });
    expect(m.callbacks.months.at(-1)).toMatchObject({ total: 720, overallSatisfied: 659 });
  });

  it('refuses bad rows by row number and code, keeps none of them, and imports the rest', async () => {
    const bad = join(temp.dir, 'bad.csv');
    const lines = [
      callbackHeader.join(','),
      '2026-04-02,,客户,,是,是,,',
      '2026-02-30,,客户,,是,是,,',
      ',,客户,,是,是,,',
      '2026-04-03,,,,是,是,,',
      '2026-04-03,,分公司,,也许,是,,',
      '2026-04-03,,分公司,,是,,,',
      '2026年4月5日,,分公司,,满意,不满意,等待太久,',
    ];
    writeFileSync(bad, `\uFEFF${lines.join('\n')}\n`);
    const result = await call<CallbackImportResult>('callbacks.import', { path: bad });
    expect(result.imported).toBe(2);
    expect(result.failed).toEqual([
      { row: 3, error: 'bad_date', column: '回访日期' },
      { row: 4, error: 'missing_date', column: '回访日期' },
      { row: 5, error: 'missing_group', column: '回访对象' },
      { row: 6, error: 'bad_time_satisfied', column: '时限满意' },
      { row: 7, error: 'missing_overall_satisfied', column: '整体满意' },
    ]);
    const april = await call<MonthlyReport>('reports.monthly', { from: '2026-04', to: '2026-04' });
    expect(april.callbacks.months.at(-1)).toMatchObject({ total: 2, overallSatisfied: 1 });
    expect(april.callbacks.reasons).toEqual([{ text: '等待太久', count: 1 }]);
  });

  it('refuses a file that is not a call-back file, naming the missing columns', async () => {
    const other = join(temp.dir, 'other.csv');
    writeFileSync(other, '工号,姓名\n1001,杨冲\n');
    const result = await core.dispatch('callbacks.import', { path: other });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('回访日期、回访对象、时限满意、整体满意');
  });
});
