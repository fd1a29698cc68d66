import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInspector, publishScorecardFile } from '../../server/admin-commands';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];
let database: TestDatabase;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  token = (await addInspector(db, '质检员')).token;
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...defaultCard() });
  await db.close();
  server = await startServer(database);
  temp = makeTempDir('qa-e2e-sync-');
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchPageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await server?.stop();
  await database?.cleanup();
  temp?.cleanup();
});

describe('sync screen in Chromium (browser mode)', () => {
  it('sets up the server and token, goes online, and syncs on demand', async () => {
    await page.goto(app.loginUrl);
    await page.getByRole('menuitem', { name: '同步' }).click();
    await page.getByText('尚未连接总部服务器').waitFor();
    await page.getByLabel('服务器地址').fill(server.url);
    await page.getByLabel('设备令牌').fill(token);
    await page.getByRole('button', { name: '保存并连接' }).click();
    await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 20_000 }).toBe('在线');
    await page.getByTestId('sync-indicator').getByText('总部同步：在线').waitFor();
    await page.getByTestId('sync-now').click();
    await page.getByText(/同步完成：上传 0 条，下载 [0-2] 项/).waitFor();
    await page.getByText('同步记录').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows a clear error and goes offline when the server stops', async () => {
    await server.stop();
    await page.getByTestId('sync-now').click();
    await page
      .getByText(/无法连接总部服务器/)
      .first()
      .waitFor();
    await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 10_000 }).toBe('离线');
  }, 30_000);
});
