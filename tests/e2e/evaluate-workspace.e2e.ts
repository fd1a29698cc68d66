/**
 * The evaluate page as an inspector works in it all day, with the mouse: every one of the default card's 23 items
 * scored top to bottom with one click each, the player pinned in view while the last item is scored, at the two
 * window sizes inspectors use; and a file whose channels are one signal marked as such.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { buildCall, convert, eventfulCall } from '../fixtures/calls';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { screenshotPath } from '../support/screenshots';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
const ids: Record<string, string> = {};

/** The button each item gets, top to bottom: its label, and the answer it records. */
const clicks: [string, string, string][] = [
  ['opening-greeting', '1.5', '1.5'],
  ['opening-reply', '通过', 'pass'],
  ['closing', '2', '2'],
  ['attitude-soothe', 'N/A', 'na'],
  ['attitude-polite', '4', '4'],
  ['attitude-listen', '5', '5'],
  ['attitude-concise', '3', '3'],
  ['attitude-questioning', '3', '3'],
  ['attitude-tag-questions', '通过', 'pass'],
  ['critical-abuse', '通过', 'pass'],
  ['critical-hangup', '通过', 'pass'],
  ['phrasing-hold', 'N/A', 'na'],
  ['phrasing-resume', 'N/A', 'na'],
  ['phrasing-thanks', '4', '4'],
  ['phrasing-apology', '3', '3'],
  ['phrasing-repeat', 'N/A', 'na'],
  ['phrasing-no-self-talk', '不通过', 'fail'],
  ['handling-knowledge', '12', '12'],
  ['handling-diagnosis', '10', '10'],
  ['handling-ownership', '9', '9'],
  ['handling-clarity', '6', '6'],
  ['handling-verify', '5', '5'],
  ['critical-privacy', '通过', 'pass'],
];

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-workspace-');
  const input = join(temp.dir, 'in');
  mkdirSync(input);
  const wav = join(input, '2001_20250314093000_C1.wav');
  writeFileSync(wav, buildCall(eventfulCall).wav);
  convert(wav, join(input, '2001_20250314100000_C2.opus'), 'opus-16k');
  const core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
  const result = await core.call('recordings.import', { paths: [input] });
  for (const r of result.imported) ids[r.path.endsWith('.opus') ? 'opus' : 'wav'] = r.id;
  core.close();
  app = await startBrowserMode(join(temp.dir, 'data'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

async function openCall(width: number, height: number, id: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.locator('[data-page]').waitFor();
  await page.evaluate((recordingId) => (window.location.hash = `#/evaluate/${recordingId}`), id);
  await page.locator(`.ev-page[data-recording-id="${id}"]`).waitFor();
  await page.locator('[data-testid="player"][data-painted="true"]').waitFor();
  await page.locator('[data-item-id="critical-privacy"]').waitFor();
  return { page, errors };
}

/** Whether the element is wholly inside the window (not scrolled away, not cut off). */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

const button = (page: Page, itemId: string, label: string) =>
  page.locator(`[data-item-id="${itemId}"] .ev-item-controls button`, { hasText: new RegExp(`^${label}$`) });

describe('the evaluate workspace', () => {
  it('scores all 23 items with one click each: nothing moves under the pointer, the total is the score so far', async () => {
    const { page, errors } = await openCall(1280, 720, ids.wav);
    const total = page.getByTestId('ev-total');
    for (const [i, [itemId, label, answer]] of clicks.entries()) {
      const target = button(page, itemId, label);
      // Scrolled to only when it is out of view, as an inspector scrolls with the wheel; then clicked where it is.
      if (!(await inView(page, target))) {
        await page.locator(`[data-item-id="${itemId}"]`).scrollIntoViewIfNeeded();
      }
      const before = (await target.boundingBox())!;
      const next = clicks[i + 1] && button(page, clicks[i + 1][0], clicks[i + 1][1]);
      const nextBefore = next && (await inView(page, next)) ? await next.boundingBox() : null;
      await page.mouse.click(before.x + before.width / 2, before.y + before.height / 2);
      await expect.poll(() => page.locator(`[data-item-id="${itemId}"]`).getAttribute('data-answer')).toBe(answer);
      // The click focused this item: the next item's button is exactly where it was before the click.
      if (nextBefore) expect(await next!.boundingBox(), `${clicks[i + 1][0]} moved`).toEqual(nextBefore);
      await expect.poll(() => page.getByTestId('ev-progress').textContent()).toBe(`已评 ${i + 1}/23`);
      if (i < clicks.length - 1) {
        expect(await total.getAttribute('data-complete')).toBe('false');
        expect(await page.locator('.ev-score-label').first().textContent()).toBe('目前得分');
      }
    }
    await expect.poll(() => total.getAttribute('data-complete')).toBe('true');
    expect(await page.locator('.ev-score-label').first().textContent()).toBe('总分');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-status')).toBe('saved');
    const shown = Number(await total.textContent());
    const draft = await page.evaluate(async (recordingId) => {
      const token = sessionStorage.getItem('qa.browserToken');
      const r = await fetch('/api/evaluations.open', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ recordingId }),
      });
      return ((await r.json()) as { data: { draft: { state: { answers: Record<string, unknown> } } } }).data;
    }, ids.wav);
    expect(draft.draft.state.answers).toEqual(
      Object.fromEntries(clicks.map(([id, , a]) => [id, /^[\d.]+$/.test(a) ? Number(a) : a])),
    );
    // 4.50 + 25 × 17/19 (22.37) + 20 × 7/9 (15.56) + 50 × 42/50 (42.00): every click counted.
    expect(shown).toBeCloseTo(84.43, 2);

    // The player is pinned: with the last item in view it is still on screen.
    await page.locator('[data-item-id="critical-privacy"]').scrollIntoViewIfNeeded();
    expect(await inView(page, page.locator('[data-item-id="critical-privacy"]'))).toBe(true);
    expect(await inView(page, page.locator('.qa-player-wave'))).toBe(true);
    expect(await inView(page, page.getByTestId('player-play'))).toBe(true);
    await page.screenshot({ path: screenshotPath('evaluate-1280x720-last-item.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the player in view with the last item at 1440×900, as wide as the page', async () => {
    const { page, errors } = await openCall(1440, 900, ids.wav);
    await page.locator('[data-item-id="critical-privacy"]').scrollIntoViewIfNeeded();
    expect(await inView(page, page.locator('[data-item-id="critical-privacy"]'))).toBe(true);
    expect(await inView(page, page.locator('.qa-player-wave'))).toBe(true);
    const wave = (await page.locator('.qa-player-wave').boundingBox())!;
    const content = (await page.locator('.app-content').boundingBox())!;
    // Within the page's padding of the content area's full width (was a 400 px column).
    expect(wave.width).toBeGreaterThan(content.width - 40);
    await page.screenshot({ path: screenshotPath('evaluate-1440x900-last-item.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows one keyboard map for the page with ?, and a file whose channels are one signal as such', async () => {
    const { page, errors } = await openCall(1280, 720, ids.opus);
    await page.getByTestId('channels-same').waitFor();
    expect(await page.getByTestId('channels-same').textContent()).toContain('双声道内容相同，无法区分坐席与客户');
    await page.keyboard.press('?');
    const help = page.getByTestId('player-help');
    await help.waitFor();
    const text = await help.textContent();
    for (const part of ['播放器', '评分表', '选择或取消 N/A', '在当前时间添加备注', '放大 / 缩小波形'])
      expect(text).toContain(part);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    // n is N/A on the form, never a note: the focused first item has no N/A, the second item's N/A is not a note.
    await page.locator('[data-item-id="attitude-soothe"] .ev-item-name').click();
    await page.keyboard.press('n');
    await expect.poll(() => page.locator('[data-item-id="attitude-soothe"]').getAttribute('data-answer')).toBe('na');
    expect(await page.getByTestId('note-text').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('corrects a call’s details from the evaluate page, and assigns ticked recordings in bulk from the library', async () => {
    const { page, errors } = await openCall(1280, 720, ids.opus);
    await page.getByTestId('edit-recording').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('坐席工号').fill('2009');
    await dialog.getByLabel('坐席姓名').fill('周敏');
    await dialog.getByLabel('业务类别').fill('投诉类');
    await dialog.getByRole('button', { name: '保存更正' }).click();
    await page.getByText('通话信息已更正').waitFor();
    await expect.poll(() => page.getByTestId('ev-call-line').textContent()).toContain('周敏 2009');
    expect(await page.getByTestId('ev-call-line').textContent()).toContain('投诉类');

    // The library at 1280 px: no sideways scrolling, the 质检 column in view; two rows ticked and assigned.
    await page.evaluate(() => (window.location.hash = '#/library'));
    const grid = page.getByTestId('library-grid');
    await grid.locator('[data-recording-id]').first().waitFor();
    expect(await grid.evaluate((g) => g.scrollWidth <= g.clientWidth)).toBe(true);
    expect(await inView(page, grid.locator('[data-recording-id] button').first())).toBe(true);
    for (const box of await grid.locator('input[type="checkbox"]').all()) await box.check();
    await page.getByText('已选 2 条').waitFor();
    await page.getByRole('button', { name: '批量指定…' }).click();
    const assign = page.getByRole('dialog');
    await assign.getByLabel('业务类别').fill('网站类');
    await assign.getByRole('button', { name: /^指\s?定$/ }).click();
    await page.getByText('已更正 2 条录音').waitFor();
    await expect
      .poll(() => grid.locator('[data-recording-id]').allTextContents())
      .toSatisfy((rows: string[]) => rows.length === 2 && rows.every((r) => r.includes('网站类')));
    expect(errors).toEqual([]);
    await page.close();
  });
});
