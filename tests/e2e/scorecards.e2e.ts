import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
  it('edits the default card as version 2, shows a points problem, fixes it and publishes', async () => {
    await page.goto(app.loginUrl);
    await page.getByRole('menuitem', { name: '评分表' }).click();
    await page.getByText('电话监控评分表').first().click();
    await page.getByText('已发布的版本不可修改').waitFor();
    await page.getByRole('button', { name: '编辑为新版本' }).click();
    await page.getByText('第 2 版').waitFor();
    const points = page.locator('.sc-section').first().locator('input[role="spinbutton"]').first();
    await points.fill('6');
    await points.blur();
    await page.getByText('各部分合计 101 分，应为 100 分。').waitFor();
    await points.fill('5');
    await points.blur();
    await page.getByText('分值校验通过（合计 100 分）').waitFor();
    await page.getByRole('button', { name: /^发\s?布$/ }).click();
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
