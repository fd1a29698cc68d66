/**
 * Issue 20 in Chromium (browser mode): a lead switches the reports between 最终得分 and 致命项前得分; the caption
 * says which one the page shows and the comparison's 合计 row changes with it, its section averages plus 舍入差
 * adding up to the average either way; the monthly report lists the deductions by root cause (table and chart);
 * the PDF, read back with pdftotext, names the mode. axe finds nothing serious and no English word shows in zh-CN.
 * Data: the three evaluations worked by hand in tests/integration/report-modes.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { ScorecardRepository } from '../../electron/core/scorecards/repo';
import type { Answers } from '../../shared/evaluation';
import { seriousViolations } from '../support/axe';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { modesCard, modesChange } from '../support/modes-card';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

const answers: Answers[] = [
  { greet: 3, bye: 'pass', tone: 12, polite: 8, rude: 'pass', phrases: 16, solve: 24, record: 18, leak: 'pass' },
  { greet: 2, bye: 'fail', tone: 15, polite: 10, rude: 'pass', phrases: 18, solve: 30, record: 20, leak: 'fail' },
  { greet: 3, bye: 'pass', tone: 6, polite: 4, rude: 'fail', phrases: 20, solve: 21, record: 14, leak: 'pass' },
];
const causes: Record<string, string> = {
  tone: 'attitude',
  polite: 'attitude',
  greet: 'attitude',
  rude: 'attitude',
  solve: 'skill',
  record: 'process',
  bye: 'process',
  leak: 'process',
};
/** Names the Chinese UI keeps as they are (formats, key caps), as screens.e2e.ts allows them. */
const allowed = new Set(['n/a', 'csv', 'pdf', 'excel', 'ctrl', 'alt', 'shift', 'enter', 'esc']);

async function englishWords(): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText];
    for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
      if (el.matches('.anticon, .ant-input-number-action')) continue;
      out.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '');
    }
    return out;
  });
  const tokens = texts.join(' ').match(/[A-Za-z][A-Za-z0-9_./-]*/g) ?? [];
  return tokens.filter((w) => w.length > 1 && !/\d/.test(w) && !allowed.has(w.toLowerCase()));
}

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-modes-');
  const core = createCore({ dataDir: temp.dir, transport: 'cli' });
  try {
    const card = modesCard();
    new ScorecardRepository(core.db).insertPublished(card.id, card.version, card.definition, 'local');
    const changes = answers.map((a, i) =>
      modesChange(
        {
          id: `00000000-0000-4000-8000-00000000000${i + 1}`,
          agentNo: '1001',
          agentName: '杨冲',
          day: `2026-03-0${i + 1}`,
          teamId: 'team-1',
          teamName: '一组',
          site: '武汉',
          inspectorId: 'insp-1',
          answers: a,
        },
        card,
        (id) => causes[id],
      ),
    );
    core.db.transaction(() => core.context.reports.putPulled(changes))();
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

const text = (id: string) => page.getByTestId(id).textContent();
const sections = ['opening', 'attitude', 'phrasing', 'handling'];

/** The 合计 row's section cells, 舍入差 and average: what a lead adds up by eye. */
async function overallRow() {
  const cells = await Promise.all(sections.map((id) => text(`overall-section-${id}`)));
  return {
    sections: cells,
    difference: await text('overall-difference'),
    total: await text('overall-total'),
  };
}

const adds = (row: { sections: (string | null)[]; difference: string | null; total: string | null }) =>
  row.sections.reduce((a, v) => a + Math.round(Number(v) * 100), 0) + Math.round(Number(row.difference) * 100) ===
  Math.round(Number(row.total) * 100);

describe('reports in two score modes, in Chromium', () => {
  it('shows final scores by default, says so, and the 合计 row adds up', async () => {
    await expect.poll(() => text('overall-total')).toBe('47.67');
    expect(await page.getByTestId('score-mode-caption').getAttribute('data-score-mode')).toBe('final');
    expect(await text('score-mode-caption')).toContain('本页显示最终得分');
    const row = await overallRow();
    expect(row).toEqual({ sections: ['3.33', '6.67', '12.00', '25.67'], difference: '0.00', total: '47.67' });
    expect(adds(row)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);
  });

  it('switches to the scores before critical items: caption and sums change, and still add up', async () => {
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '致命项前得分' }).click();
    await expect.poll(() => text('overall-total')).toBe('82.67');
    expect(await text('score-mode-caption')).toContain('本页显示致命项前得分');
    const row = await overallRow();
    expect(row).toEqual({ sections: ['4.00', '18.33', '18.00', '42.33'], difference: '0.01', total: '82.67' });
    expect(adds(row)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the deductions by root cause in the monthly report, with a painted chart', async () => {
    await page.getByRole('tab', { name: '月度质检分析' }).click();
    const table = page.getByTestId('deduction-causes');
    await table.waitFor();
    const rows = table.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.filter(Boolean)).toEqual(['服务意识', '6', '42.86%', '21.00', '40.38%']);
    expect(await rows.last().innerText()).toContain('未分类');
    // the monthly report's section table in this mode: the month's 舍入差 and total
    expect(await text('monthly-difference')).toBe('0.01');
    expect(await text('monthly-total')).toBe('82.67');
    // a cause opens its sections and items from the keyboard
    await rows.first().locator('.ant-table-row-expand-icon').focus();
    await page.keyboard.press('Enter');
    await table.getByText('礼貌用语').waitFor();
    // painted: pixels the chart drew (an empty or never-drawn canvas has none)
    const painted = () =>
      page.locator('[data-chart="causes-chart"] canvas').evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      });
    await expect.poll(painted).toBeGreaterThan(500);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);
  });

  it('prints the chosen mode and the by-cause table into the PDF, read back with pdftotext', async () => {
    const name = '月度质检分析_全部班组_2026-03_致命项前得分.pdf';
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByRole('button', { name: '导出 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    const path = join(temp.dir, 'downloads', name);
    await download.saveAs(path);
    const flat = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat).toContain('本页显示致命项前得分');
    expect(flat).toContain('（1）主要扣分项：按原因分类');
    expect(flat).toContain('服务意识');
    expect(errors).toEqual([]);
  });
});
