/**
 * Other channels in Chromium (browser mode): an inspector imports a chat log (a bad one is refused line by line),
 * notes a message tied to a scorecard item, scores the chat with the chat card and submits; enters a store visit
 * and scores it with the store card; the library filters by channel. axe and the Chinese-only check on each new
 * screen, and 1280×720 screenshots of them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { screenshotPath } from '../support/screenshots';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

const chatLog = [
  '2026-03-02 09:15:03 客服小王: 您好，很高兴为您服务，请问有什么可以帮您？',
  '2026-03-02 09:15:40 张先生: 我的宽带从昨天开始就上不了网，一直掉线',
  '2026-03-02 09:16:10 客服小王: 非常抱歉给您带来不便，请提供一下您的宽带账号。',
  '2026-03-02 09:16:45 张先生: 账号是 0271234567',
  '2026-03-02 09:18:02 客服小王: 已为您重置端口，请重启光猫后再试。还有其他可以帮您的吗？',
  '2026-03-02 09:19:30 张先生: 好了，谢谢',
].join('\n');

/** A 120×80 PNG with a red awning over a grey shopfront, as a storefront photo would be: real image bytes. */
function storefrontPng(): string {
  const width = 120;
  const height = 80;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const awning = y < 24 && Math.floor(x / 12) % 2 === 0;
      const [r, g, b] = y < 24 ? (awning ? [200, 40, 40] : [240, 240, 240]) : [150, 150, 160];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}

const item = (id: string) => page.locator(`[data-item-id="${id}"]`);

/** Latin words a person reads, but for the names the Chinese UI keeps (as screens.e2e.ts allows them). */
const allowed = new Set(['n/a', 'json', 'csv', 'pdf', 'excel', 'utf-8', 'gbk', 'ctrl', 'alt', 'shift', 'enter', 'esc']);
async function englishWords(): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // The imported file's name is data, not the UI's words.
    const out = [document.body.innerText.replace(/\S*\.txt/g, '')];
    for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
      if (el.matches('.anticon, .ant-input-number-action')) continue;
      out.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '');
    }
    return out;
  });
  const tokens = texts.join(' ').match(/[A-Za-z][A-Za-z0-9_./-]*/g) ?? [];
  return tokens.filter((w) => w.length > 1 && !/\d/.test(w) && !allowed.has(w.toLowerCase()));
}

/** Keys per item, in the card's order: points as digits, p = pass. */
async function score(keys: readonly (readonly [string, string, string])[]): Promise<void> {
  await item(keys[0][0]).locator('strong').first().click();
  for (const [id, key, expected] of keys) {
    await expect.poll(() => item(id).getAttribute('data-focused')).toBe('true');
    for (const k of key) await page.keyboard.press(k);
    await expect.poll(() => item(id).getAttribute('data-answer')).toBe(expected);
    await page.keyboard.press('j');
  }
}

async function library(): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/library'));
  await page.getByTestId('import-chat').waitFor();
}

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-channels-');
  writeFileSync(join(temp.dir, '会话-0302.txt'), chatLog);
  writeFileSync(join(temp.dir, '坏记录.txt'), `${chatLog}\n2026-03-02 25:00:00 张先生: 再见`);
  writeFileSync(join(temp.dir, '门头.png'), Buffer.from(storefrontPng(), 'base64'));
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.locator('[data-page]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

describe('other channels', () => {
  it('imports a chat log, notes a message, scores it with the chat card and submits', async () => {
    await library();
    await page.getByTestId('import-chat').click();
    await page.locator('#chat-path').fill(join(temp.dir, '坏记录.txt'));
    await page.locator('#chat-agent').fill('8001');
    await page.getByTestId('chat-import-ok').click();
    await page.getByTestId('chat-import-error').getByText('第 7 行：时间不存在').waitFor();
    await page.screenshot({ path: screenshotPath('channels-chat-import-refused.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#chat-path').fill(join(temp.dir, '会话-0302.txt'));
    await page.getByTestId('chat-import-ok').click();
    await page.locator('.ev-page[data-recording-id]').waitFor();
    const messages = page.getByTestId('chat-messages');
    await expect.poll(() => messages.locator('li').count()).toBe(6);
    expect(await messages.locator('li[data-role="agent"]').count()).toBe(3);
    await page.locator('.ev-item, [data-item-id="chat-first-response"]').first().waitFor();
    await page.locator('.ev-side-card').getByText('会话信息').waitFor();

    // A note on the agent's apology, by keyboard: pick the message, N, then the item and the text.
    await messages.locator('li[data-seq="0"]').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('n');
    await page.getByTestId('chat-note-text').fill('先致歉再询问账号，安抚到位');
    await page.getByTestId('chat-note-item').click();
    await page.locator('.ant-select-item-option[title="客户不满时及时安抚"]').click();
    await page.getByTestId('chat-note-save').click();
    await messages.locator('li[data-seq="2"] [data-testid="chat-note"]').getByText('先致歉再询问账号').waitFor();
    await page.screenshot({ path: screenshotPath('channels-chat-evaluate.png') });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);

    await score([
      ['chat-first-response', '10', '10'],
      ['chat-reply-speed', '10', '10'],
      ['chat-greeting', '5', '5'],
      ['chat-polite', '6', '6'],
      ['chat-soothe', '7', '7'],
      ['chat-typos', 'p', 'pass'],
      ['chat-understand', '15', '15'],
      ['chat-answer', '20', '20'],
      ['chat-ownership', '10', '10'],
      ['chat-confirm', 'p', 'pass'],
      ['chat-survey', 'p', 'pass'],
      ['chat-critical-privacy', 'p', 'pass'],
      ['chat-critical-abuse', 'p', 'pass'],
    ]);
    // 服务用语与态度: 25 × 23/25 = 23, the rest full: 98.
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('98');
    await page.keyboard.press('Control+Enter');
    await page.getByText('已提交（第 1 版）').waitFor();
  });

  it('enters a store visit and scores it with the store card', async () => {
    await library();
    await page.getByTestId('new-visit').click();
    await page.locator('#visit-store').fill('江汉路营业厅');
    await page.locator('#visit-date').click();
    await page.locator('#visit-date').fill('2026-03-05');
    await page.keyboard.press('Enter');
    // The calendar closes before anything else is checked: its panel is not part of the form.
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
    await page.locator('#visit-visitor').fill('暗访员李');
    await page.locator('#visit-agent').fill('9001');
    await page.locator('#visit-notes').fill('进店后店员 20 秒才问候，业务介绍清楚。');
    await page.locator('#visit-photos').fill(join(temp.dir, '门头.png'));
    await page.screenshot({ path: screenshotPath('channels-visit-form.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('visit-ok').click();
    await page.locator('.ev-page[data-recording-id]').waitFor();
    await page.getByTestId('visit-panel').getByText('江汉路营业厅').waitFor();
    await page.getByRole('img', { name: '第 1 张照片' }).waitFor();
    await page.locator('[data-item-id="store-clean"]').waitFor();
    // A visit is not a call: its own title, no length and no caller number.
    const details = page.locator('.ev-side-card').filter({ hasText: '暗访信息' });
    await details.getByText('暗访时间').waitFor();
    expect(await details.getByText('客户号码').count()).toBe(0);
    expect(await details.getByText('时长').count()).toBe(0);
    await score([
      ['store-clean', '8', '8'],
      ['store-signs', 'p', 'pass'],
      ['store-greet', '4', '4'],
      ['store-uniform', 'p', 'pass'],
      ['store-polite', '10', '10'],
      ['store-needs', '15', '15'],
      ['store-knowledge', '20', '20'],
      ['store-efficiency', '10', '10'],
      ['store-confirm', 'p', 'pass'],
      ['store-goodbye', '8', '8'],
      ['store-critical-misselling', 'p', 'pass'],
    ]);
    // 接待礼仪: 25 × 21/25 = 21, the rest full: 96.
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('96');
    await page.screenshot({ path: screenshotPath('channels-visit-evaluate.png') });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);
    await page.keyboard.press('Control+Enter');
    await page.getByText('已提交（第 1 版）').waitFor();
  });

  it('the library lists both, and filters by channel', async () => {
    await library();
    await expect.poll(() => page.getByTestId('library-count').textContent()).toContain('2');
    // Before a filter is opened: antd leaves an unnamed, hidden listbox behind each opened select.
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('filter-channel').click();
    await page.locator('.ant-select-item-option[title="门店暗访"]').click();
    await expect.poll(() => page.getByTestId('library-count').textContent()).toContain('1 / 2');
    await page.locator('[data-channel="store"]').waitFor();
    expect(await page.locator('[data-channel="chat"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('channels-library.png') });

    // 报表: the month split by channel, and the comparison narrowed to online chat.
    await page.evaluate(() => (window.location.hash = '#/reports'));
    const split = page.getByTestId('channel-split');
    await split.getByText('在线客服').waitFor();
    await split.getByText('门店暗访').waitFor();
    expect(await split.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('overall-total').textContent()).toBe('97.00');
    await page.getByTestId('report-channel').getByText('在线客服').click();
    await expect.poll(() => page.getByTestId('overall-total').textContent()).toBe('98.00');
    await page.locator('.ant-segmented-item-selected').getByText('在线客服').waitFor();
    await page.locator('.ant-segmented-thumb').waitFor({ state: 'detached' });
    await page.screenshot({ path: screenshotPath('channels-reports.png') });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await englishWords()).toEqual([]);
    // The refused chat log is the only failed request: a chat or a visit never asks for audio.
    expect(errors).toEqual([
      'response: 400 /api/chats.import',
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});
