/**
 * 报表 in Chromium (browser mode) over the March data of domain.md, seeded through the real core before the host
 * starts: comparison table and painted charts, trends, the monthly report, alerts, and xlsx and PDF exports
 * (the PDF printed by Chromium from the report's print route, charts included).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { loadReportFixture } from '../support/report-fixture';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-reports-');
  const core = createCore({ dataDir: temp.dir, transport: 'cli' });
  try {
    await loadReportFixture(core);
  } finally {
    core.close();
  }
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.getByRole('menuitem', { name: '报表' }).click();
  await page.locator('[data-testid="reports-home"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

/** Pixels a chart.js canvas has painted (alpha > 0), so an empty or never-drawn canvas counts 0. */
function paintedPixels(label: string): Promise<number> {
  return page
    .locator(`[data-chart="${label}"] canvas`)
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
}

/** Where the test keeps a download (the browser hands it over; nothing is written on the app's side). */
const exportedFile = (name: string) => join(temp.dir, 'downloads', name);

/** Browser mode downloads an export as any web page does: no path on the host is asked for or written. */
async function exportFrom(button: string, fileName: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  await download.saveAs(exportedFile(fileName));
  await page.getByText(`已下载：${fileName}`).waitFor();
  expect(existsSync(join(temp.dir, 'exports', fileName))).toBe(false);
  expect(await page.getByRole('dialog').count()).toBe(0);
}

describe('报表 in Chromium', () => {
  it('shows the per-agent comparison for March with the monthly report’s averages and a painted chart', async () => {
    await expect.poll(() => page.getByTestId('overall-total').textContent()).toBe('81.49');
    const summary = page.locator('.report-table .ant-table-summary');
    for (const v of ['70', '4.34', '19.07', '15.21', '42.86']) {
      await summary.getByText(v, { exact: true }).first().waitFor();
    }
    const yang = page.getByRole('row').filter({ hasText: '杨冲' });
    await yang.getByText('85.90').waitFor();
    await yang.getByText('+5.30').waitFor();
    expect(await page.locator('.report-table tbody tr.ant-table-row').count()).toBe(7);
    await expect.poll(() => paintedPixels('sections-chart'), { timeout: 15_000 }).toBeGreaterThan(2000);
    await expect.poll(() => paintedPixels('agent-vs-team-chart'), { timeout: 15_000 }).toBeGreaterThan(2000);
  });

  it('shows the alerts of the month on the reports home', async () => {
    const alerts = page.getByTestId('report-alerts');
    // More than three alerts fold to a line of counts, so the reports stay in view; a click opens them.
    await alerts.getByText('低于分数线 2').waitFor();
    await alerts.getByText('抽检量未达标 1').waitFor();
    expect(await alerts.getByText('周敏 本月抽检 0 通，未达到 10 通').count()).toBe(0);
    await alerts.getByText('预警 · 2026-03').click();
    await alerts.getByText('王芳 平均分 78.00，比上月 85.00 下降超过 5 分').waitFor();
    await alerts.getByText('周敏 本月抽检 0 通，未达到 10 通').waitFor();
  });

  it('opens an agent’s evaluations of the period from a comparison row, each opening read-only', async () => {
    const yang = page.getByRole('row').filter({ hasText: '杨冲' });
    await yang.getByRole('button', { name: '查看评分：杨冲，本期' }).click();
    const list = page.getByTestId('agent-evaluations');
    await list.waitFor();
    await page.getByText('杨冲（1001）2026-03 至 2026-03 的评分').waitFor();
    // Ten calls a month per agent in the fixture, all of them March and all 杨冲's.
    await expect.poll(() => list.locator('tbody tr.ant-table-row').count()).toBe(10);
    expect(await list.locator('tbody tr.ant-table-row td:first-child').allTextContents()).toSatisfy((days: string[]) =>
      days.every((d) => d.startsWith('2026-03-')),
    );
    await list
      .getByRole('button', { name: /^查看：杨冲 2026-03-/ })
      .first()
      .click();
    await page.getByTestId('evaluation-view').waitFor();
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#\/evaluation\//);
    await page.keyboard.press('Escape');
    await page.getByTestId('reports-home').waitFor();
  });

  it('switches to the trends, with painted line charts', async () => {
    await page.getByRole('tab', { name: '趋势' }).click();
    await expect.poll(() => paintedPixels('agent-trend-chart'), { timeout: 15_000 }).toBeGreaterThan(2000);
    await expect.poll(() => paintedPixels('section-trend-chart'), { timeout: 15_000 }).toBeGreaterThan(2000);
  });

  it('switches to the monthly QA report, section by section', async () => {
    await page.getByRole('tab', { name: '月度质检分析' }).click();
    await expect.poll(() => page.getByTestId('monthly-total').textContent()).toBe('81.49');
    await page.getByText('五、问题与改进建议').waitFor();
    await page.getByText('七、附件：逐通评分明细（70 通）').waitFor();
    // The deductions table gives the share of points lost, named as the exports name it (it read 得分率).
    const deductions = page.locator('.report-monthly .report-table').filter({ hasText: '扣分次数' });
    expect(await deductions.locator('th').allTextContents()).toContain('失分率');
    expect(await page.locator('.report-monthly th', { hasText: '得分率' }).count()).toBe(0);
    await page.getByText('抢话 ×', { exact: false }).first().waitFor();
  });

  it('exports the comparison to xlsx at the offered path, with the numbers of the screen', async () => {
    await page.getByRole('tab', { name: '坐席对比' }).click();
    await page.getByTestId('overall-total').waitFor();
    const name = '坐席质检对比_全部班组_2026-03.xlsx';
    await exportFrom('导出 Excel', name);
    expect(existsSync(exportedFile(name))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exportedFile(name));
    const sheet = wb.worksheets[0];
    const total = sheet.getRow(9);
    expect(total.getCell(1).value).toBe('合计');
    expect([4, 5, 6, 7, 8, 9].map((i) => total.getCell(i).value)).toEqual([70, 81.49, 4.34, 19.07, 15.21, 42.86]);
  });

  it('exports the monthly report to a PDF that carries its charts', async () => {
    await page.getByRole('tab', { name: '月度质检分析' }).click();
    await page.getByTestId('monthly-total').waitFor();
    const name = '月度质检分析_全部班组_2026-03.pdf';
    await exportFrom('导出 PDF', name);
    const pdf = readFileSync(exportedFile(name)).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // the trend, section-trend and comparison charts are canvases: Chromium embeds each as an image XObject
    const images = pdf.match(/\/Subtype\s*\/Image/g) ?? [];
    expect(images.length).toBeGreaterThanOrEqual(3);
    expect(statSync(exportedFile(name)).size).toBeGreaterThan(50_000);
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it('takes the alert thresholds from the settings page', async () => {
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByLabel('平均分低于（分）').fill('81.5');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await page.getByText('设置已保存').waitFor();
    await page.getByRole('menuitem', { name: '报表' }).click();
    // 李娜 (81.20) is flagged only above the default threshold of 80
    await page.getByTestId('report-alerts').getByText('李娜 平均分 81.20，低于 81.5 分').waitFor();
    expect(errors).toEqual([]);
  });
});
