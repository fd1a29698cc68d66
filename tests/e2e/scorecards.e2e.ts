import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { repoRoot } from '../support/cli';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-scorecards-');
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

describe('scorecard editor (browser mode)', () => {
  it('edits the default card as version 2: kept when leaving the page, never published unchanged, published with its changes listed', async () => {
    await page.goto(app.loginUrl);
    await page.getByRole('menuitem', { name: '评分表' }).click();
    await page.getByText('电话监控评分表').first().click();
    await page.getByText('已发布的版本不可修改').waitFor();
    // A published version reads as a document, not as a disabled form.
    await page.getByTestId('scorecard-view').waitFor();
    expect(await page.locator('.sc-view input').count()).toBe(0);
    await page.getByRole('button', { name: '编辑为新版本' }).click();
    await page.getByText('第 2 版').waitFor();
    const publish = page.getByTestId('scorecard-publish');
    // Nothing changed yet: publishing would only add an identical version.
    await page.getByText('与已发布的第 1 版相同，无需发布。').waitFor();
    expect(await publish.isDisabled()).toBe(true);
    const points = page.locator('.sc-section').first().locator('input[role="spinbutton"]').first();
    await points.fill('6');
    await points.blur();
    await page.getByText('各部分合计 101 分，应为 100 分。').waitFor();
    await points.fill('5');
    await points.blur();
    await page.getByText('分值校验通过（合计 100 分）').waitFor();
    await page.getByLabel('名称').fill('电话监控评分表（2026 版）');
    // Leaving the page at once (no explicit save) keeps the edit.
    await page.getByRole('menuitem', { name: '录音库' }).click();
    await page.getByRole('menuitem', { name: '评分表' }).click();
    await page.getByText('电话监控评分表（2026 版）').first().click();
    expect(await page.getByLabel('名称').inputValue()).toBe('电话监控评分表（2026 版）');
    await publish.click();
    const changes = page.getByTestId('publish-changes');
    await changes.waitFor();
    expect(await changes.textContent()).toContain('名称“电话监控评分表”改为“电话监控评分表（2026 版）”');
    await page
      .getByRole('button', { name: /^发\s?布$/ })
      .last()
      .click();
    await page.getByText('已发布第 2 版').waitFor();
  });

  it('imports a card from a JSON file as a draft', async () => {
    const file = JSON.parse(readFileSync(join(repoRoot, 'resources/scorecards/default-phone.json'), 'utf8'));
    file.id = 'chat-card';
    file.definition.name = '在线客服评分表';
    file.definition.channel = 'chat';
    await page.getByTestId('scorecard-import').setInputFiles({
      name: 'chat.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.getByText('已导入为草稿：在线客服评分表 第 1 版').waitFor();
    if (errors.length) throw new Error(errors.join('\n'));
  });
});
