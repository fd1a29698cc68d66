import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { seedRecordingWithAudio } from '../support/recording-with-audio';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];
let recordingId: string;

/** Keys per item of the default phone card, in order (23 items). Points as digits, p = pass, n = N/A. */
const firstHalf = [
  ['opening-greeting', '2', '2'],
  ['opening-reply', 'p', 'pass'],
  ['closing', '2', '2'],
  ['attitude-soothe', 'n', 'na'],
  ['attitude-polite', '4', '4'],
  ['attitude-listen', '5', '5'],
  ['attitude-concise', '4', '4'],
  ['attitude-questioning', '3', '3'],
  ['attitude-tag-questions', 'p', 'pass'],
  ['critical-abuse', 'p', 'pass'],
  ['critical-hangup', 'p', 'pass'],
] as const;
const secondHalf = [
  ['phrasing-hold', 'n', 'na'],
  ['phrasing-resume', 'n', 'na'],
  ['phrasing-thanks', '4', '4'],
  ['phrasing-apology', '3', '3'],
  ['phrasing-repeat', 'n', 'na'],
  ['phrasing-no-self-talk', 'p', 'pass'],
  ['handling-knowledge', '12', '12'],
  ['handling-diagnosis', '10', '10'],
  ['handling-ownership', '10', '10'],
  ['handling-clarity', '6', '6'],
  ['handling-verify', '5', '5'],
  ['critical-privacy', 'p', 'pass'],
] as const;

const item = (id: string) => page.locator(`[data-item-id="${id}"]`);

async function openEvaluation(): Promise<void> {
  page = await browser.newPage();
  errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.locator('[data-page]').waitFor();
  await page.evaluate((id) => (window.location.hash = `#/evaluate/${id}`), recordingId);
  await page.locator(`.ev-page[data-recording-id="${recordingId}"]`).waitFor();
}

async function score(keys: readonly (readonly [string, string, string])[]): Promise<void> {
  for (const [id, key, expected] of keys) {
    await expect.poll(() => item(id).getAttribute('data-focused')).toBe('true');
    for (const k of key) await page.keyboard.press(k);
    await expect.poll(() => item(id).getAttribute('data-answer')).toBe(expected);
    await page.keyboard.press('j');
  }
}

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-evaluate-');
  // The import pipeline is another feature: put one recording in the library directly.
  recordingId = seedRecordingWithAudio(temp.dir, {
    agentNo: '2001',
    agentName: '杨冲',
    startedAt: '2025-03-14T09:30:00',
  });
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

describe('evaluate a call (browser mode)', () => {
  it('scores with the keyboard only; the draft survives SIGKILL of the app; submit; re-score with a reason', async () => {
    await openEvaluation();
    await page.getByText('杨冲 (2001)').waitFor();
    await score(firstHalf);
    // A note on the focused item, typed without the mouse: Enter opens it, Esc leaves it.
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.keyboard.type('未发现无故挂断');
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    // Typing in a text field never scores: the answer of the item is unchanged.
    expect(await item('critical-hangup').getAttribute('data-answer')).toBe('pass');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-status')).toBe('saved');

    // Kill the browser-mode process mid-evaluation, as a crash would: nothing gets to flush or say goodbye.
    await app.stop('SIGKILL');
    await page.close();
    app = await startBrowserMode(temp.dir);
    await openEvaluation();
    for (const [id, , expected] of firstHalf) expect(await item(id).getAttribute('data-answer')).toBe(expected);
    expect(await item('phrasing-hold').getAttribute('data-focused')).toBe('true');
    expect(await item('critical-hangup').getAttribute('data-answer')).toBe('pass');
    await expect
      .poll(() => page.locator('[data-item-id="critical-hangup"] textarea').inputValue())
      .toBe('未发现无故挂断');

    await score(secondHalf);
    // 5 + 25 × 18/19 (23.68) + 20 + 43 = 91.68
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('91.68');
    await page.keyboard.press('Control+Enter');
    await page.getByText('已提交（第 1 版）').waitFor();
    await page.locator('[data-revision="1"]').waitFor();

    await page.getByRole('button', { name: '重新评分' }).click();
    await page.getByLabel('重新评分原因').fill('复核：业务答复其实明确');
    await item('handling-clarity').locator('strong').first().click();
    await page.keyboard.press('8');
    await expect.poll(() => item('handling-clarity').getAttribute('data-answer')).toBe('8');
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('93.68');
    await page.getByTestId('submit').click();
    await page.getByText('已提交（第 2 版）').waitFor();
    await page.locator('[data-revision="1"]').waitFor();
    await page.locator('[data-revision="2"]').waitFor();
    await page.getByText('复核：业务答复其实明确').waitFor();
    expect(errors).toEqual([]);

    const db = new BetterSqlite3(join(temp.dir, 'qa.sqlite'), { readonly: true });
    const revisions = db
      .prepare('SELECT revision, reason, total_x100 FROM evaluation_revisions ORDER BY revision')
      .all();
    const outbox = db.prepare('SELECT revision FROM outbox ORDER BY revision').pluck().all();
    db.close();
    expect(revisions).toEqual([
      { revision: 1, reason: null, total_x100: 9168 },
      { revision: 2, reason: '复核：业务答复其实明确', total_x100: 9368 },
    ]);
    expect(outbox).toEqual([1, 2]);
  });
});
