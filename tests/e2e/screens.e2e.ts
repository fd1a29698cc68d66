/**
 * Every screen of an inspector's and a lead's day, in zh-CN and in English: axe-core finds no critical or serious
 * accessibility violation on any of them, and the Chinese UI shows no English word outside a short list of names
 * (formats, keys, codecs) that Chinese users read as they are.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { seriousViolations, type AxeViolation } from '../support/axe';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { pageCall } from '../support/page-api';
import { loadReportFixture } from '../support/report-fixture';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let sampleId: string;
let scoredId: string;
let evaluationId: string;

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-screens-');
  const core = createCore({ dataDir: temp.dir, transport: 'cli' });
  try {
    await core.call('recordings.loadSample', {});
    await loadReportFixture(core);
    const list = await core.call('recordings.list', { search: 'S00', limit: 10, sort: 'fileName', order: 'asc' });
    sampleId = list.items[0].id;
    scoredId = list.items[1].id;
    const card = await core.call('scorecards.get', { id: 'default-phone' });
    const answers = Object.fromEntries(
      card.sections.flatMap((s) => s.items.map((i) => [i.id, i.kind === 'points' ? i.maxPoints : 'pass'] as const)),
    );
    const submitted = await core.call('evaluations.submit', {
      recordingId: scoredId,
      answers: { ...answers, 'attitude-soothe': 'na' },
      itemComments: {},
      comment: '整体规范',
      findings: ['抢话'],
      suggestion: '',
    });
    evaluationId = submitted.id;
  } finally {
    core.close();
  }
  app = await startBrowserMode(temp.dir);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

interface Screen {
  name: string;
  open(page: Page): Promise<void>;
}

const go = async (page: Page, hash: string, ready: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.locator(ready).first().waitFor();
};

const screens: Screen[] = [
  { name: 'library', open: (p) => go(p, '#/library', '[data-testid="library-grid"] [data-recording-id]') },
  {
    name: 'import dialog',
    open: async (p) => {
      await go(p, '#/library', '[data-testid="library-grid"] [data-recording-id]');
      await p.keyboard.press('Control+i');
      await p.locator('#imp-paths').waitFor();
    },
  },
  { name: 'work queue', open: (p) => go(p, '#/evaluate', '.ev-queue[data-loaded="true"]') },
  {
    name: 'evaluate a call',
    open: async (p) => {
      await go(p, `#/evaluate/${sampleId}`, '[data-item-id="critical-privacy"]');
      await p.locator('[data-testid="player"][data-painted="true"]').waitFor();
    },
  },
  {
    name: 'a submitted evaluation',
    open: async (p) => {
      await go(p, `#/evaluate/${scoredId}`, '[data-item-id="critical-privacy"]');
      await p.locator('[data-testid="revision-history"]').waitFor();
    },
  },
  {
    name: 'keyboard help',
    open: async (p) => {
      await go(p, `#/evaluate/${sampleId}`, '[data-item-id="critical-privacy"]');
      await p.keyboard.press('?');
      await p.getByTestId('player-help').waitFor();
    },
  },
  ...(['comparison', 'trends', 'monthly', 'sites'] as const).map((tab, i) => ({
    name: `reports: ${tab}`,
    open: async (p: Page) => {
      // The reports page keeps its last tab: pick each one.
      await go(p, '#/reports', '[data-testid="reports-home"]');
      await p.locator('.ant-tabs-tab').nth(i).click();
      await p
        .locator(`[data-report="${tab === 'sites' ? 'siteRanking' : tab}"]`)
        .first()
        .waitFor();
      if (tab === 'comparison') await p.locator('[data-report="comparison"] canvas').first().waitFor();
    },
  })),
  {
    name: 'read-only evaluation',
    open: (p) => go(p, `#/evaluation/${evaluationId}`, '[data-testid="evaluation-view"]'),
  },
  { name: 'sync', open: (p) => go(p, '#/sync', '[data-testid="sync-state"]') },
  { name: 'settings', open: (p) => go(p, '#/settings', 'form') },
  {
    name: 'scorecards: a published card',
    open: async (p) => {
      await go(p, '#/scorecards', '.sc-page .ant-list-item');
      await p.locator('.sc-page .ant-list-item').first().click();
      await p.locator('.sc-editor, .sc-view').first().waitFor();
    },
  },
];

/** Names Chinese users read as they are: formats, codecs, key caps, units. Case-insensitive. */
const allowed = new Set(
  [
    'MP3',
    'WAV',
    'N/A',
    'CSV',
    'PDF',
    'Excel',
    'Ctrl',
    'Alt',
    'Shift',
    'Enter',
    'Esc',
    'Space',
    'Backspace',
    'PCM',
    'A-law',
    'μ-law',
    'Opus',
    'Vorbis',
    'FLAC',
    'GSM',
    'AMR-NB',
    'ADPCM',
    'VOX',
    'kHz',
    'UTF-8',
    'GBK',
    'English',
    'JSON',
    'qai_',
  ].map((w) => w.toLowerCase()),
);

/** Latin words a person sees (text, placeholders, labels and tooltips of what is shown). */
async function latinWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const exempt = (el: Element) => el.closest('[data-lang-exempt]') !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || exempt(el) || el.closest('script, style, [hidden], [aria-hidden="true"]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (node.textContent?.trim()) out.push(node.textContent);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      // antd's icon names and rc-input-number's stepper labels are fixed English inside the libraries; the icons
      // sit beside translated text, which is what a screen reader announces with them.
      if (exempt(el) || el.matches('.anticon, .ant-input-number-action')) continue;
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
    }
    return out;
  });
  const words = new Set<string>();
  for (const text of texts)
    for (const token of text.match(/[A-Za-zμ][A-Za-z0-9μ_./:-]*/g) ?? []) {
      const word = token.replace(/[.:-]+$/, '');
      // Identifiers (file names, call ids, versions) mix in digits; single letters are not words; addresses and
      // example paths are what they are.
      if (word.length < 2 || /\d/.test(word) || word.includes('://')) continue;
      if (word.includes('/') && word.toLowerCase() !== 'n/a') continue;
      if (!allowed.has(word.toLowerCase())) words.add(word);
    }
  return [...words];
}

async function setLanguage(page: Page, language: 'zh-CN' | 'en'): Promise<void> {
  await pageCall(page, 'settings.update', { language });
  await page.reload();
  await page.locator('[data-page]').waitFor();
}

describe.each(['zh-CN', 'en'] as const)('every screen in %s', (language) => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    errors = watchPageErrors(page);
    // A refused call names itself in the failure (the console only says "400").
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()} ${r.request().postData() ?? ''}`);
    });
    await page.goto(app.loginUrl);
    await page.locator('[data-page]').waitFor();
    await setLanguage(page, language);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
  });

  afterAll(async () => {
    await page?.close();
  });

  it.each(screens.map((s) => [s.name, s] as const))('%s', async (_name, screen) => {
    await page.keyboard.press('Escape');
    await screen.open(page);
    // Charts and transitions settle before they are measured.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 400))));
    const violations: AxeViolation[] = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    if (language === 'zh-CN') expect(await latinWords(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
