/**
 * A team lead's app in Chromium (browser mode), seeded without a server (tests/support/lead-seed.ts): the scope
 * picker narrows the comparison to the lead's team, the site ranking shows the core's own figures and exports as a
 * PDF, an annex row opens the read-only evaluation, the sync page words a refusal as a call with its reason and who
 * must act and sends it again, and the work queue says head office set the quota.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteRanking } from '../../shared/report-math';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { annexPick, seedLeadDataDir } from '../support/lead-seed';
import { pageCall } from '../support/page-api';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-lead-');
  await seedLeadDataDir(temp.dir);
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.getByRole('menuitem', { name: '报表' }).click();
  await page.getByTestId('reports-home').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

/** The agent names in the comparison table, as a lead reads them. */
async function comparisonNames(): Promise<string[]> {
  const rows = page.locator('[data-report="comparison"] .report-table tbody tr.ant-table-row');
  await rows.first().waitFor();
  return (await rows.locator('td:nth-child(2)').allTextContents()).sort();
}

/** Picks a scope the way a user does: clicking its button in the picker. */
async function pickScope(name: string) {
  await page.locator('label.ant-radio-button-wrapper').filter({ hasText: name }).click();
}

/** The core's answer for the same question the page asked, through the page's own session. */
/** The page's own API call (browser mode authorises calls with the run's token, no longer with a cookie). */
function apiCall<T>(method: string, input: object): Promise<T> {
  return pageCall<T>(page, method, input);
}

describe('a team lead in Chromium', () => {
  it('offers the lead’s scopes; 我的班组 shows only 一组’s agents, 全部 every team’s', async () => {
    for (const scope of ['我的评分', '我的班组', '全部']) {
      await page.locator('label.ant-radio-button-wrapper').filter({ hasText: scope }).waitFor();
    }
    expect(await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '本分公司' }).count()).toBe(0);
    await expect.poll(comparisonNames).toEqual(['刘洋', '孙丽', '张敏', '李强', '王芳', '陈静', '马超'].sort());
    await pickScope('我的班组');
    await expect.poll(comparisonNames).toEqual(['张敏', '李强', '王芳'].sort());
    await pickScope('我的评分');
    await expect.poll(comparisonNames).toEqual(['张敏', '李强'].sort());
    await pickScope('全部');
    await expect.poll(comparisonNames).toContain('孙丽');
  });

  it('keeps the chosen scope for the session', async () => {
    await pickScope('我的班组');
    await page.getByRole('menuitem', { name: '同步' }).click();
    await page.getByRole('menuitem', { name: '报表' }).click();
    await expect.poll(comparisonNames).toEqual(['张敏', '李强', '王芳'].sort());
    await pickScope('全部');
    await expect.poll(comparisonNames).toContain('马超');
  });

  it('ranks the two sites with the numbers of reports.siteRanking', async () => {
    await page.getByRole('tab', { name: '分公司排名' }).click();
    const ranking = await apiCall<SiteRanking>('reports.siteRanking', { from: '2024-03', to: '2024-03', scope: 'all' });
    expect(ranking.rows.map((r) => r.site)).toEqual(['武汉', '长沙']);
    const rows = page.locator('[data-report="siteRanking"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    for (const [i, r] of ranking.rows.entries()) {
      const row = rows.nth(i);
      await row.getByText(r.site, { exact: true }).waitFor();
      await row.getByText(r.total!.toFixed(2), { exact: true }).waitFor();
      const vs = r.vsOverall!;
      await row
        .getByLabel(`${vs > 0 ? '高于' : '低于'}全体平均 ${Math.abs(vs).toFixed(2)} 分`)
        .first()
        .waitFor();
    }
    await expect
      .poll(() => page.getByTestId('sites-overall-total').textContent())
      .toBe(ranking.overall.total!.toFixed(2));
    await page.locator('[data-chart="site-ranking-chart"] canvas').waitFor();
  });

  it('exports the site ranking to a PDF printed from its own print view', async () => {
    const name = '分公司质检排名_全部班组_2024-03.pdf';
    const file = join(temp.dir, 'downloads', name);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByRole('button', { name: '导出 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    await download.saveAs(file);
    const pdf = readFileSync(file).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // the ranking's bar chart is a canvas: Chromium embeds it as an image
    expect((pdf.match(/\/Subtype\s*\/Image/g) ?? []).length).toBeGreaterThanOrEqual(1);
  });

  it('opens a head-office annex row read-only, with its comments and notes; Esc goes back', async () => {
    await page.getByRole('tab', { name: '月度质检分析' }).click();
    const row = page.getByRole('row').filter({ hasText: '2024-03-07' }).filter({ hasText: annexPick.inspectorName });
    await row.getByText('总部', { exact: true }).waitFor();
    await page.getByRole('button', { name: '查看：王芳 2024-03-07 的评分' }).click();
    const view = page.getByTestId('evaluation-view');
    await view.getByText('评分详情 · 王芳 8003 · 2024-03-07 10:00').waitFor();
    await view.getByText('只读', { exact: true }).waitFor();
    for (const text of [
      annexPick.inspectorName,
      annexPick.itemComment,
      annexPick.comment,
      annexPick.suggestion,
      annexPick.finding,
      '客户询问资费',
      '武汉',
      '一组',
    ]) {
      await view.getByText(text).first().waitFor();
    }
    await view.getByText('总分 95.00').waitFor();
    await view.getByText('辱骂 / 不文明用语').waitFor();
    expect(await view.getByText('致命项', { exact: true }).count()).toBeGreaterThanOrEqual(3);
    // this pulled evaluation is of a call in the local library (same SHA-256): it can be played
    await view.getByRole('button', { name: '从 0:12 播放' }).waitFor();
    await view.getByRole('button', { name: /在质检评分页打开/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('reports-home').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the refused evaluation as a call with the Chinese reason and who must act; 重新发送 queues it again', async () => {
    await page.getByRole('menuitem', { name: '同步' }).click();
    await page.getByTestId('sync-identity').getByText('班组长 · 一组').waitFor();
    const rejected = page.getByTestId('sync-rejected');
    const row = rejected.getByRole('row').filter({ hasText: '8001 张敏' });
    await row.getByText('2024-03-05 09:30 · 8001_20240305093000_S001.ogg').waitFor();
    await row.getByText('总部尚未发布这张评分表', { exact: false }).waitFor();
    await row.getByText('需总部处理：总部发布评分表/更新名单后将自动重新发送').waitFor();
    // the server's English words are folded away until asked for
    expect(await row.getByText(/not published at head office/).isVisible()).toBe(false);
    await row.getByText('技术详情').click();
    await row.getByText(/not published at head office/).waitFor();
    expect(await page.getByTestId('sync-waiting').getByText('8001 张敏').count()).toBe(0);

    await page.getByRole('button', { name: '重新发送：张敏' }).click();
    await page.getByText('已重新加入待上传：1 条').waitFor();
    await page.getByTestId('sync-waiting').getByText('8001 张敏').waitFor();
    await expect.poll(() => rejected.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says the work queue follows head office’s quota', async () => {
    await page.getByRole('menuitem', { name: '质检评分' }).click();
    await page.getByTestId('queue-quota').getByText('抽检目标：总部下发').waitFor();
    await page.getByRole('row').filter({ hasText: '张敏 (8001)' }).getByText('3 通（总部下发）').first().waitFor();
    expect(errors).toEqual([]);
  });
});
