import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-');
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

const nav = (label: string) => page.getByRole('menuitem', { name: label });

describe('app shell in Chromium (browser mode)', () => {
  it('opens on the library, in Chinese, connected to the core', async () => {
    await page.goto(app.loginUrl);
    await expect.poll(() => page.locator('[data-page]').getAttribute('data-page')).toBe('library');
    await page.getByText('录音库还是空的').waitFor();
    await page.getByText('已连接本地数据').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('visits every section from the navigation', async () => {
    const sections: [string, string, string][] = [
      ['质检评分', 'evaluate', '尚未选择录音'],
      ['报表', 'reports', '暂无质检数据'],
      ['同步', 'sync', '尚未连接总部服务器'],
      ['设置', 'settings', '数据库结构版本'],
      ['录音库', 'library', '录音库还是空的'],
    ];
    for (const [label, id, text] of sections) {
      await nav(label).click();
      await page.locator(`[data-page="${id}"]`).waitFor();
      await page.getByText(text).first().waitFor();
    }
  });

  it('switches pages with Alt+number', async () => {
    await page.keyboard.press('Alt+3');
    await page.locator('[data-page="reports"]').waitFor();
    await page.keyboard.press('Alt+5');
    await page.locator('[data-page="settings"]').waitFor();
  });

  it('switches to English, and remembers the choice after a reload', async () => {
    await nav('设置').click();
    await page.getByText('English', { exact: true }).click();
    await nav('Library').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await nav('Settings').waitFor();
    await page.getByText('Database schema version').waitFor();
    await page.getByText('简体中文', { exact: true }).click();
    await nav('设置').waitFor();
  });

  it('saves a setting from the form', async () => {
    const quota = page.getByLabel('每位坐席每月抽检数');
    await quota.fill('12');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await page.getByText('设置已保存').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('每位坐席每月抽检数').inputValue()).toBe('12');
  });

  it('logged no console errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
