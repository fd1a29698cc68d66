/** What the inspector sees after importing a folder with a pipe, a link to /dev/zero and a WAV cut short. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wavBytes } from '../fixtures/calls';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-e2e-odd-');
const folder = join(temp.dir, 'calls');
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  mkdirSync(folder, { recursive: true });
  expect(spawnSync('mkfifo', [join(folder, 'pipe.wav')]).status).toBe(0);
  symlinkSync('/dev/zero', join(folder, 'zero.wav'));
  const tone = Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin(i / 3)));
  const cut = wavBytes([tone]);
  cut.writeUInt32LE(1024 * 1024, 40);
  writeFileSync(join(folder, 'cut.wav'), cut);
  app = await startBrowserMode(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp.cleanup();
});

describe('importing odd files in Chromium', () => {
  it('lists the pipe and the device link as skipped and the cut WAV as imported with a warning', async () => {
    await page.goto(app.loginUrl);
    await page.getByText('录音库还是空的').waitFor();
    await page.keyboard.press('Control+i');
    await page.getByLabel('文件或文件夹路径（每行一个，文件夹会递归导入）').fill(folder);
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByTestId('import-summary').waitFor();
    const skipped = page.getByTestId('import-skipped');
    await skipped.getByText(join(folder, 'pipe.wav')).waitFor();
    await skipped.getByText(join(folder, 'zero.wav')).waitFor();
    expect(await skipped.getByText('不是普通文件', { exact: false }).count()).toBe(2);
    const warnings = page.getByTestId('import-warnings');
    await warnings.getByText(join(folder, 'cut.wav')).waitFor();
    await warnings.getByText('文件头声明有 1,048,576 字节音频，文件里只有 16,000 字节', { exact: false }).waitFor();
    expect(errors).toEqual([]);
  });
});
