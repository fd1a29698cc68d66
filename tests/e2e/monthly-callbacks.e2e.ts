/**
 * Issue 20 in Chromium (browser mode) over the March data of domain.md: the call-back team's GBK file imported on the
 * monthly report gives the real report's rates on screen (97.35 / 97.82 / 91.63 per month, 98.66 / 86.96 and
 * 94.01 / 82.55 per caller group), equal to reports.monthly; a lead writes the month's narrative on the page (typed,
 * a quote picked from the inspectors' comments, autosaved); the xlsx and the PDF (read back with pdftotext) carry
 * the rates and the narrative word for word; the quarter and year-to-date views add up the first quarter.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { MonthlyReport } from '../../shared/report';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { writeCallbackCsvGbk } from '../support/callback-fixture';
import { loadReportFixture } from '../support/report-fixture';
import { pageCall } from '../support/page-api';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

const rates = ['97.35%', '97.82%', '91.63%', '98.66%', '86.96%', '94.01%', '82.55%'];
const problems = '业务不熟，邮箱扩容资费解释不清；存在推诿现象。';
const training = '邮箱扩容资费与域名续费流程';
const nextFocus = '首问负责制，杜绝推诿';
const quote = '让客户自行联系其他部门';

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-monthly20-');
  const core = createCore({ dataDir: temp.dir, transport: 'cli' });
  try {
    await loadReportFixture(core);
  } finally {
    core.close();
  }
  writeCallbackCsvGbk(join(temp.dir, '回访结果.csv'));
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.getByRole('menuitem', { name: '报表' }).click();
  await page.getByTestId('reports-home').waitFor();
  await page.getByRole('tab', { name: '月度质检分析' }).click();
  await page.getByTestId('monthly-total').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

/** The core's answer through the page's own session (the run's token from sessionStorage). */
function apiCall<T>(method: string, input: object): Promise<T> {
  return pageCall<T>(page, method, input);
}

const exported = (name: string) => join(temp.dir, 'downloads', name);

/** Browser mode hands an export to the browser as a download (as reports.e2e does); it is saved where the test reads. */
async function exportFrom(button: string, fileName: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  await download.saveAs(exported(fileName));
  await page.getByText(`已下载：${fileName}`).waitFor();
}

async function pickTeam(name: string) {
  await page.getByLabel('班组').click();
  await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
}

const text = (testId: string) => page.getByTestId(testId).textContent();

describe('六、客户回访 on the monthly report', () => {
  it('imports the call-back team’s GBK file from the page', async () => {
    await page.getByRole('button', { name: '导入回访结果' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('回访结果文件（CSV 或 xlsx）').fill(join(temp.dir, '回访结果.csv'));
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.getByText('导入 1227 条（其中 70 条关联到质检通话），重复 0 条').waitFor();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  });

  it('shows the real report’s rates per month and per caller group, as reports.monthly has them', async () => {
    const months = { '2026-01': '97.35%', '2026-02': '97.82%', '2026-03': '91.63%' };
    for (const [month, rate] of Object.entries(months)) {
      await expect.poll(() => text(`callback-rate-${month}`)).toBe(rate);
    }
    const groups = {
      '2026-02-分公司': '98.66%',
      '2026-02-客户': '86.96%',
      '2026-03-分公司': '94.01%',
      '2026-03-客户': '82.55%',
    };
    for (const [key, rate] of Object.entries(groups)) expect(await text(`callback-group-rate-${key}`)).toBe(rate);
    expect(await text('callback-rate-total')).toBe('94.13%');
    const m = await apiCall<MonthlyReport>('reports.monthly', { from: '2026-03', to: '2026-03', scope: 'all' });
    expect(m.callbacks.months.map((x) => `${x.rate!.toFixed(2)}%`)).toEqual(Object.values(months));
    const section = page.getByTestId('monthly-callbacks');
    await section.getByText('不满意原因（2026-03，共 60 例）').waitFor();
    await section.getByRole('row').filter({ hasText: '处理时间过长' }).getByText('22').waitFor();
    await section.getByText('附件：回访明细（717 条）').waitFor();
    await page.locator('[aria-label="callback-months-chart"] canvas').waitFor();
  });
});

describe('the lead’s narrative', () => {
  it('is written on the page for 一组, with a quote picked from the month’s comments, and saves by itself', async () => {
    await page.getByTestId('monthly-narratives').getByText('选择一个班组后可填写').waitFor();
    await pickTeam('一组');
    const editor = page.getByTestId('narrative-editor-team-1');
    await editor.waitFor();
    await editor.getByLabel('业务处理能力：发现的问题').fill(problems);
    await editor.getByRole('button', { name: '引用评语：业务处理能力' }).click();
    const picker = page.getByRole('dialog');
    await picker.getByLabel('搜索评语、坐席或评分项').fill(quote);
    await picker
      .getByRole('button', { name: `引用：${quote}` })
      .first()
      .click();
    await picker.getByRole('button', { name: `已引用：${quote}` }).waitFor();
    await page.keyboard.press('Escape');
    await editor.getByText(`“${quote}”`).waitFor();
    await editor.getByLabel('需培训的知识点').fill(training);
    await editor.getByLabel('下月工作重点').fill(nextFocus);
    await editor
      .getByRole('status')
      .getByText(/已保存/)
      .waitFor();
    await editor.getByText('仅保存在本机（未设置同步）').waitFor();
    await expect
      .poll(
        async () =>
          (await apiCall<{ body: { nextFocus: string } }>('narratives.get', { team: 'team-1', month: '2026-03' })).body
            .nextFocus,
      )
      .toBe(nextFocus);
  });

  it('is still there after leaving the reports and coming back', async () => {
    await page.getByRole('menuitem', { name: '同步' }).click();
    await page.getByRole('menuitem', { name: '报表' }).click();
    const editor = page.getByTestId('narrative-editor-team-1');
    await expect.poll(() => editor.getByLabel('业务处理能力：发现的问题').inputValue()).toBe(problems);
    await editor.getByText(`“${quote}”`).waitFor();
    await pickTeam('全部班组');
    await page.getByTestId('narrative-editor-team-1').waitFor();
  });
});

describe('the exports of the whole monthly report', () => {
  it('writes the rates and the narrative to the xlsx', async () => {
    const name = '月度质检分析_全部班组_2026-03.xlsx';
    await exportFrom('导出 Excel', name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported(name));
    const cells = (sheet: string) =>
      wb
        .getWorksheet(sheet)!
        .getSheetValues()
        .flatMap((row) => (row ? (row as ExcelJS.CellValue[]) : []))
        .filter((v) => v !== null && v !== undefined);
    const satisfaction = cells('六（1）回访满意度');
    for (const rate of [97.35, 97.82, 91.63]) expect(satisfaction).toContain(rate);
    const groups = cells('六（2）回访对象');
    for (const rate of [98.66, 86.96, 94.01, 82.55]) expect(groups).toContain(rate);
    const narrative = cells('五（5）分析与改进');
    expect(narrative).toEqual(expect.arrayContaining([problems, training, nextFocus]));
    expect(narrative.some((v) => typeof v === 'string' && v.includes(`“${quote}”`))).toBe(true);
  });

  it('prints the rates and the narrative to the PDF, read back with pdftotext', async () => {
    const name = '月度质检分析_全部班组_2026-03.pdf';
    await exportFrom('导出 PDF', name);
    const pdfText = execFileSync('pdftotext', ['-layout', exported(name), '-'], { encoding: 'utf8' });
    for (const rate of rates) expect(pdfText).toContain(rate);
    const flat = pdfText.replace(/\s+/g, '');
    for (const words of [problems, training, nextFocus, `“${quote}”`])
      expect(flat).toContain(words.replace(/\s+/g, ''));
    expect(flat).toContain('六、客户回访满意度');
    // every call-back of March is in the printed annex
    expect((pdfText.match(/2026-03-\d\d\s+(分公司|客户)/g) ?? []).length).toBe(717);
    expect(errors).toEqual([]);
  });
});

describe('quarter and year to date', () => {
  it('add up the first quarter in the 合计 of the monthly report', async () => {
    await page.getByText('按季度', { exact: true }).click();
    await expect.poll(() => page.getByText('合计（2026-01 – 2026-03）').count()).toBeGreaterThan(0);
    expect(await text('callback-rate-total')).toBe('94.13%');
    await page.getByText('年初至今', { exact: true }).click();
    await expect.poll(() => text('callback-rate-total')).toBe('94.13%');
    await page.getByLabel('截至月份').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '2026-02' }).click();
    // January and February only: 189 + 321 call-backs, 184 + 314 satisfied
    await expect.poll(() => text('callback-rate-total')).toBe('97.65%');
    expect(errors).toEqual([]);
  });
});
