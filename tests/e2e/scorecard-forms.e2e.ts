import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateView } from '../../shared/contracts/evaluations';
import type { ScorecardFile } from '../../shared/scorecard';
import { scorecardDefinitionSchema } from '../../shared/scorecard';
import { computeScore } from '../../shared/scoring';
import { seriousViolations } from '../support/axe';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { pageCall } from '../support/page-api';
import { seedRecordingWithAudio } from '../support/recording-with-audio';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];
let recordingId: string;

const item = (id: string) => page.locator(`[data-item-id="${id}"]`);
const editorItem = (id: string) => page.locator(`.sc-item[data-item-id="${id}"]`);

/**
 * Latin words a person reads on the page (text and labels), but for the names the Chinese UI keeps (N/A, key
 * names, the file format), as screens.e2e.ts allows them.
 */
const allowed = new Set(['n/a', 'json', 'alt', 'ctrl', 'shift', 'enter', 'esc', 'sha']);
async function englishWords(): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText];
    for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
      if (el.matches('.anticon, .ant-input-number-action')) continue;
      out.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '');
    }
    return out;
  });
  // Identifiers (file names, call ids) mix in digits: they are data, not words.
  const tokens = texts.join(' ').match(/[A-Za-z][A-Za-z0-9_./-]*/g) ?? [];
  return tokens.filter((w) => w.length > 1 && !/\d/.test(w) && !allowed.has(w.toLowerCase()));
}

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-forms-');
  recordingId = seedRecordingWithAudio(temp.dir, {
    agentNo: '2001',
    agentName: '杨冲',
    startedAt: '2025-03-14T09:30:00',
  });
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

/** Keys after the greeting (the condition hides 开头应答): full marks or N/A everywhere else. */
const rest = [
  ['closing', '2', '2'],
  ['attitude-soothe', 'n', 'na'],
  ['attitude-polite', '5', '5'],
  ['attitude-listen', '5', '5'],
  ['attitude-concise', '4', '4'],
  ['attitude-questioning', '3', '3'],
  ['attitude-tag-questions', 'p', 'pass'],
  ['critical-abuse', 'p', 'pass'],
  ['critical-hangup', 'p', 'pass'],
  ['phrasing-hold', 'n', 'na'],
  ['phrasing-resume', 'n', 'na'],
  ['phrasing-thanks', '4', '4'],
  ['phrasing-apology', '3', '3'],
  ['phrasing-repeat', 'n', 'na'],
  ['phrasing-no-self-talk', 'p', 'pass'],
  ['handling-knowledge', '15', '15'],
  ['handling-diagnosis', '12', '12'],
  ['handling-ownership', '10', '10'],
  ['handling-clarity', '8', '8'],
  ['handling-verify', '5', '5'],
  ['critical-privacy', 'p', 'pass'],
] as const;

describe('richer scorecards (browser mode)', () => {
  it('the author publishes a choice item with a condition and root causes; an inspector scores with it by keyboard', async () => {
    await page.goto(app.loginUrl);
    await page.getByRole('menuitem', { name: '评分表' }).click();
    await page.getByText('电话监控评分表').first().click();
    await page.getByRole('button', { name: '编辑为新版本' }).click();
    await page.getByText('第 2 版').waitFor();

    // The greeting becomes a choice: 达标 2 / 未达标 0, and a third option 语气平淡 1.
    await editorItem('opening-greeting').getByLabel('类型', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '选项题' }).last().click();
    await editorItem('opening-greeting').getByLabel('选项 2 名称').waitFor();
    await editorItem('opening-greeting').getByRole('button', { name: '添加选项' }).click();
    await editorItem('opening-greeting').getByLabel('选项 3 名称').fill('语气平淡');
    const third = editorItem('opening-greeting').getByLabel('选项 3 分值');
    await third.fill('1');
    await third.blur();
    // The reply to the customer's greeting is scored only after a greeting that met the standard.
    await editorItem('opening-reply').getByText('显示条件').click();
    await editorItem('opening-reply').getByText('达标').first().waitFor();
    // Root causes, required on every deduction.
    await page.getByRole('button', { name: '添加根因' }).click();
    await page.getByLabel('根因 1', { exact: true }).fill('业务不熟');
    await page.getByRole('button', { name: '添加根因' }).click();
    await page.getByLabel('根因 2', { exact: true }).fill('服务意识');
    await page.getByText('扣分须选择根因').click();
    await page.getByText('分值校验通过（合计 100 分）').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);

    await page.getByTestId('scorecard-publish').click();
    await page.getByTestId('publish-changes').waitFor();
    await page
      .getByRole('button', { name: /^发\s?布$/ })
      .last()
      .click();
    await page.getByText('已发布第 2 版').waitFor();

    // The inspector opens the call: the new version is the one a new evaluation uses.
    await page.evaluate((id) => (window.location.hash = `#/evaluate/${id}`), recordingId);
    await page.locator(`.ev-page[data-recording-id="${recordingId}"]`).waitFor();
    await expect.poll(() => item('opening-greeting').getAttribute('data-focused')).toBe('true');
    // Until the greeting is scored, the reply does not apply, and the count leaves it out: 22 items, not 23.
    await item('opening-reply').getByText('不适用').waitFor();
    await page.getByText('已评 0/22').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => item('opening-greeting').getAttribute('data-answer')).not.toBe('');
    expect(
      await item('opening-greeting')
        .getByRole('button', { name: /语气平淡/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // ↓ skips the item the condition hides.
    await page.keyboard.press('j');
    for (const [id, keys, expected] of rest) {
      await expect.poll(() => item(id).getAttribute('data-focused')).toBe('true');
      for (const k of keys) await page.keyboard.press(k);
      await expect.poll(() => item(id).getAttribute('data-answer')).toBe(expected);
      await page.keyboard.press('j');
    }
    // 开头 5 × 3/4 (the reply dropped out) = 3.75, every other section full: 98.75.
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('98.75');

    await page.keyboard.press('Control+Enter');
    await page.locator('.ev-problems').getByText('扣分须选择原因分类').waitFor();
    await expect.poll(() => item('opening-greeting').getAttribute('data-focused')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);

    // The cause picker is reached from the keyboard: focus it, type, Enter.
    const cause = page.getByLabel(/^扣分原因（必选）/);
    await cause.focus();
    await page.keyboard.type('服务');
    await page.locator('.ant-select-item-option-active').filter({ hasText: '服务意识' }).waitFor();
    await page.keyboard.press('Enter');
    await item('opening-greeting')
      .locator('.ant-select-content, .ant-select-selection-item')
      .getByText('服务意识')
      .first()
      .waitFor();
    await page.locator('.ev-problems').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await page.getByText('已提交（第 1 版）').waitFor();

    const view = await pageCall<EvaluateView>(page, 'evaluations.open', { recordingId });
    const file = await pageCall<ScorecardFile>(page, 'scorecards.export', { id: 'default-phone', version: 2 });
    const body = view.revisions.at(-1)!.body;
    expect(body.answers).not.toHaveProperty('opening-reply');
    expect(Object.keys(body.rootCauses ?? {})).toEqual(['opening-greeting']);
    expect(view.evaluation?.total).toBe(98.75);
    expect(view.evaluation?.total).toBe(
      computeScore(scorecardDefinitionSchema.parse(file.definition), body.answers).total,
    );
    // The one refused submit is the point of the test; nothing else may fail.
    expect(errors).toEqual([
      'response: 400 /api/evaluations.submit',
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});
