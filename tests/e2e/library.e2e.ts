import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCall, cleanCall, convert, eventfulCall } from '../fixtures/calls';
import { createCore } from '../../electron/core/core';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { seedRecordings } from '../support/seed-recordings';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];
let folder: string;

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-library-');
  folder = join(temp.dir, 'incoming');
  mkdirSync(join(folder, 'march'), { recursive: true });
  const clean = join(folder, '8101_20240401090000_C1.wav');
  writeFileSync(clean, buildCall(cleanCall).wav);
  convert(clean, join(folder, 'march', '8102_20240402100000_C2.mp3'), 'mp3');
  writeFileSync(join(folder, 'march', '8102_20240402110000_C3.wav'), buildCall(eventfulCall, { mono: true }).wav);
  writeFileSync(join(folder, 'broken.wav'), 'this is not audio at all');
  app = await startBrowserMode(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

const rows = () => page.locator('[role="row"][data-recording-id]');
/** The file-name column of every rendered row, top to bottom (after the tick box and nine columns). */
const fileNames = () =>
  rows().evaluateAll((els) => els.map((el) => el.querySelectorAll('[role="gridcell"]')[10]?.textContent ?? ''));

/** Records every "n / total" progress line the dialog shows, however briefly, so a fast import is still seen. */
async function watchProgress(): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const counts = document.querySelector('[data-testid="import-counts"]')?.textContent;
      if (counts && seen.at(-1) !== counts) seen.push(counts);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const progressSeen = () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

async function runImport(): Promise<void> {
  await watchProgress();
  await page.getByRole('button', { name: '开始导入' }).click();
  await page.getByTestId('import-summary').waitFor();
}

describe('library in Chromium (browser mode)', () => {
  // Each test answers for the console errors of its own steps, whichever tests run before it.
  afterEach(() => {
    const logged = errors.splice(0);
    expect(logged).toEqual([]);
  });

  it('offers the sample set on an empty library and loads it with progress', async () => {
    await page.goto(app.loginUrl);
    await page.getByText('录音库还是空的').waitFor();
    await watchProgress();
    await page.getByRole('button', { name: '加载示例录音' }).click();
    await page.getByTestId('import-summary').waitFor();
    await page.getByText('导入 6 个，重复 0 个，失败 0 个', { exact: false }).waitFor();
    // The last progress event can race the call's answer, so any "n / 6" line proves progress was shown.
    expect(await progressSeen()).toContainEqual(expect.stringMatching(/^已处理 [0-6] \/ 6 个文件$/));
    await page
      .getByRole('button', { name: '关 闭' })
      .or(page.getByRole('button', { name: '关闭' }))
      .first()
      .click();
    await expect.poll(() => rows().count()).toBe(6);
    await page.getByText('共 6 条录音').waitFor();
    // Caller numbers are masked in the table.
    await page.getByText('139****5678').waitFor();
  });

  it('opens the work queue on the month of the newest calls when this month has none', async () => {
    await page.getByRole('menuitem', { name: /质检评分/ }).click();
    const queue = page.locator('.ev-queue');
    // The sample calls are from March 2024: the queue shows that month and its calls, not an empty current month.
    await expect
      .poll(() => queue.locator('.ant-select-content, .ant-select-selection-item').first().innerText())
      .toBe('2024-03');
    await expect.poll(() => queue.getByText('待评分', { exact: true }).count()).toBe(6);
    await page.getByRole('menuitem', { name: /录音库/ }).click();
    await page.getByText('共 6 条录音').waitFor();
  });

  it('narrows the rows by agent and by talk-over, server-side', async () => {
    await page.getByLabel('坐席', { exact: true }).click();
    await page.keyboard.type('李强');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows().count()).toBe(2);
    await page.getByText('2 / 6 条录音').waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rows().count()).toBe(6);

    await page.getByText('仅看有抢插话').click();
    await expect.poll(() => fileNames()).toEqual(['8005_20240311160000_S005.ogg', '8002_20240306101500_S002.wav']);
    await page.getByText('仅看有抢插话').click();
    await expect.poll(() => rows().count()).toBe(6);
  });

  it('sorts by duration, longest first, then shortest first', async () => {
    const header = page.locator('[data-sort-key="durationMs"]');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await fileNames())[0]).toBe('8003_20240307143000_S003.mp3');
    await header.click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await fileNames())[0]).toBe('8006_20240312110000_S006.mp3');
  });

  it('imports a folder by path with progress, then lists the failed file with its reason', async () => {
    await page.keyboard.press('Control+i');
    await page.getByLabel('文件或文件夹路径（每行一个，文件夹会递归导入）').fill(folder);
    await runImport();
    expect(await progressSeen()).toContainEqual(expect.stringMatching(/^已处理 [0-4] \/ 4 个文件$/));
    await page.getByText('导入 3 个，重复 0 个，失败 1 个', { exact: false }).waitFor();
    const failed = page.getByTestId('import-failed');
    await failed.getByText(join(folder, 'broken.wav')).waitFor();
    await failed.getByText('不是音频文件', { exact: false }).waitFor();
    await page.getByRole('button', { name: '继续导入' }).click();
    await runImport();
    await page.getByText('导入 0 个，重复 3 个，失败 1 个', { exact: false }).waitFor();
    await page.getByTestId('import-duplicates').getByText(join(folder, '8101_20240401090000_C1.wav')).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => rows().count()).toBe(9);
  });

  it('explains that drag-and-drop import needs the desktop app', async () => {
    await page.locator('.lib-page').evaluate((el) => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'call.wav', { type: 'audio/wav' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.getByText('拖放导入需要桌面版', { exact: false }).waitFor();
  });

  it('moves the selection with the keyboard and opens the row in the evaluate page with Enter', async () => {
    await page.getByTestId('library-grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('[role="row"][aria-selected="true"]');
    await expect.poll(() => selected.getAttribute('aria-rowindex')).toBe('4');
    const id = await selected.getAttribute('data-recording-id');
    expect(id).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.locator(`.ev-page[data-recording-id="${id}"]`).waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/evaluate/${id}`);
  });
});

describe('library with 100 000 recordings', () => {
  let big: BrowserModeProcess;
  let bigPage: Page;
  let bigErrors: string[];

  beforeAll(async () => {
    const dataDir = join(temp.dir, 'big');
    const setup = createCore({ dataDir, transport: 'cli' });
    seedRecordings(setup.db, 100_000);
    setup.close();
    big = await startBrowserMode(dataDir);
    bigPage = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    bigErrors = watchPageErrors(bigPage);
  }, 180_000);

  afterAll(async () => {
    await big?.stop();
  });

  it('keeps only the rows in view in the page and fetches pages on demand when jumping to the end', async () => {
    await bigPage.goto(big.loginUrl);
    await bigPage.getByText('共 100000 条录音').waitFor();
    const rendered = bigPage.locator('[role="row"][data-recording-id]');
    expect(await rendered.count()).toBeLessThan(60);
    await bigPage.getByTestId('library-grid').focus();
    const started = Date.now();
    await bigPage.keyboard.press('End');
    const last = bigPage.locator('[role="row"][aria-rowindex="100001"][data-recording-id]');
    await last.waitFor();
    const jumpMs = Date.now() - started;
    console.log(`jump to row 100 000 and fetch its page: ${jumpMs} ms`);
    expect(jumpMs).toBeLessThan(3_000);
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await rendered.count()).toBeLessThan(60);
    // The oldest call (row 0 of the seed) is last in the default newest-first order.
    await last.getByText('8000_0.wav').waitFor();
    expect(bigErrors).toEqual([]);
  });
});
