/**
 * The player in Chromium (browser mode) on real imported calls: a stereo WAV built from espeak-ng speech, the same
 * call as A-law WAV (transcoded by the core's media handler) and as MP3.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { buildCall, cleanCall, convert, eventfulCall } from '../fixtures/calls';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];
const ids: Record<string, string> = {};
const libraryPaths: Record<string, string> = {};

const player = () => page.getByTestId('player');
const audio = <T>(fn: (a: HTMLAudioElement) => T) => page.$eval('.qa-player audio', fn);
const currentTime = () => audio((a) => a.currentTime);

async function open(name: string): Promise<void> {
  await page.evaluate((id) => (window.location.hash = `#/evaluate/${id}`), ids[name]);
  await page.locator(`.ev-page[data-recording-id="${ids[name]}"]`).waitFor();
}

async function waitReady(): Promise<void> {
  await page.locator('[data-testid="player"][data-painted="true"][data-playable="true"]').waitFor();
}

async function playsFor(seconds: number): Promise<void> {
  await page.getByTestId('player-play').click();
  await expect.poll(() => player().getAttribute('data-playing')).toBe('true');
  await expect.poll(currentTime, { timeout: 15_000 }).toBeGreaterThan(seconds);
  await page.getByTestId('player-play').click();
  await expect.poll(() => player().getAttribute('data-playing')).toBe('false');
}

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-player-');
  const input = join(temp.dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'stereo.wav'), buildCall(eventfulCall).wav);
  convert(join(input, 'stereo.wav'), join(input, 'alaw.wav'), 'alaw');
  convert(join(input, 'stereo.wav'), join(input, 'call.mp3'), 'mp3');
  writeFileSync(join(input, 'gone.wav'), buildCall(cleanCall, { mono: true }).wav);
  const core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
  const result = await core.call('recordings.import', { paths: [input], agentChannel: 0 });
  for (const r of result.imported) ids[r.path.split('/').pop()!] = r.id;
  for (const [name, id] of Object.entries(ids))
    libraryPaths[name] = (
      core.db.prepare('SELECT library_path AS p FROM recordings WHERE id = ?').get(id) as { p: string }
    ).p;
  core.close();
  expect(Object.keys(ids).sort()).toEqual(['alaw.wav', 'call.mp3', 'gone.wav', 'stereo.wav']);
  app = await startBrowserMode(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchPageErrors(page);
  await page.goto(app.loginUrl);
  await page.locator('[data-page]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  temp?.cleanup();
});

describe('player (browser mode)', () => {
  it('plays a stereo call and is driven by the keyboard; a note tied to an item survives a reload', async () => {
    await open('stereo.wav');
    await waitReady();
    await expect.poll(() => page.locator('.qa-player-label').allTextContents()).toEqual(['坐席静独', '客户静独']);
    // Talk-over and dead air from the analysis are drawn over the waveform and listed.
    expect(await page.locator('.qa-marker-talkOverAgent').count()).toBeGreaterThan(0);
    expect(await page.locator('.qa-marker-deadAir').count()).toBeGreaterThan(0);

    await page.getByTestId('player-play').click();
    await expect.poll(currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
    await page.keyboard.press('Space');
    await expect.poll(() => player().getAttribute('data-playing')).toBe('false');

    const t0 = await currentTime();
    await page.keyboard.press('ArrowRight');
    await expect.poll(currentTime).toBeCloseTo(t0 + 5, 1);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(currentTime).toBeCloseTo(t0 + 20, 1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(currentTime).toBeCloseTo(t0 + 15, 1);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(currentTime).toBeCloseTo(t0, 1);
    // Skips pressed faster than the audio can seek all count: three presses, 15 s on.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(currentTime).toBeCloseTo(t0 + 15, 1);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(currentTime).toBeCloseTo(t0, 1);
    // Clicks on the waveform likewise: the second of two quick clicks is where the audio ends up.
    const waveform = (await page.locator('.qa-player-waveform').boundingBox())!;
    await page.mouse.click(waveform.x + 300, waveform.y + 30);
    await expect.poll(currentTime).toBeGreaterThan(t0 + 1);
    const at300 = await currentTime();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(currentTime).toBe(0);
    await page.mouse.click(waveform.x + 100, waveform.y + 30);
    await page.mouse.click(waveform.x + 300, waveform.y + 30);
    await expect.poll(currentTime).toBeCloseTo(at300, 1);

    await page.keyboard.press(']');
    await expect.poll(() => audio((a) => a.playbackRate)).toBe(1.25);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect.poll(() => audio((a) => a.playbackRate)).toBe(0.75);
    expect(await audio((a) => a.preservesPitch)).toBe(true);

    // + always belongs to the scorecard's focused item (points), even after a click on the waveform: one key, one
    // meaning on the page. Z zooms.
    await page.locator('.qa-player-waveform').click({ position: { x: 200, y: 30 } });
    await page.keyboard.press('+');
    await expect.poll(() => page.locator('[data-item-id="opening-greeting"]').getAttribute('data-answer')).toBe('0');
    expect(await page.getByTestId('player-zoom').getAttribute('data-px')).toBe('0');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('z');
    await page.keyboard.press('z');
    await expect
      .poll(async () => Number(await page.getByTestId('player-zoom').getAttribute('data-px')))
      .toBeGreaterThan(0);
    // Zoomed, the waveform scrolls inside the player; the player itself must not grow to the waveform's width
    // (wavesurfer would then paint every canvas of the call on each zoom).
    const widths = await page.evaluate(() => {
      const scroll = document.querySelector('.qa-player-waveform > div')!.shadowRoot!.querySelector('.scroll')!;
      const slot = document.querySelector('[data-slot="player"]')!;
      return {
        player: document.querySelector('.qa-player')!.clientWidth,
        slot: slot.clientWidth,
        scroll: scroll.scrollWidth,
      };
    });
    expect(widths.player).toBeLessThanOrEqual(widths.slot);
    expect(widths.scroll).toBeGreaterThan(widths.player);
    await page.keyboard.press('Shift+Z');
    await page.keyboard.press('Shift+Z');
    await page.keyboard.press('Shift+Z');
    await expect.poll(() => page.getByTestId('player-zoom').getAttribute('data-px')).toBe('0');

    // M adds a note at the current time; tie it to an item and save with Ctrl+Enter.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('m');
    await page.getByTestId('note-text').fill('坐席抢话，未等客户说完');
    await page.getByTestId('note-item').click();
    await page.keyboard.type('礼貌用语');
    await page.keyboard.press('Enter');
    await page.getByTestId('note-text').press('Control+Enter');
    const note = page.getByTestId('player-notes').locator('[data-note-id]');
    await expect.poll(() => note.count()).toBe(1);
    await expect.poll(() => note.locator('[data-item-id]').getAttribute('data-item-id')).toBe('attitude-polite');
    await expect.poll(() => page.locator('.qa-marker-note').count()).toBe(1);

    // A drag on the waveform marks a range.
    const box = (await page.locator('.qa-player-waveform').boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 40, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('note-text').fill('冷场过长');
    await page.getByRole('button', { name: '保存备注' }).click();
    await expect.poll(() => note.count()).toBe(2);
    expect(await note.nth(0).locator('code').textContent()).toMatch(/–/);

    await page.reload();
    await waitReady();
    await expect.poll(() => note.count()).toBe(2);
    expect(await page.getByTestId('player-notes').textContent()).toContain('坐席抢话，未等客户说完');
    expect(await page.getByTestId('player-notes').textContent()).toContain('礼貌用语充足');
    expect(await page.locator('.qa-marker-note').count()).toBe(2);

    // Clicking a note replays it.
    await note.nth(1).click();
    await expect.poll(() => player().getAttribute('data-playing')).toBe('true');
    await page.keyboard.press('Space');

    await page.keyboard.press('?');
    await page.getByTestId('player-help').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('player-help').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('plays an A-law WAV (transcoded on the fly) and an MP3', async () => {
    await open('alaw.wav');
    await waitReady();
    await playsFor(0.5);
    await open('call.mp3');
    await waitReady();
    await playsFor(0.5);
    expect(errors).toEqual([]);
  });

  it('says so in the player when the file is missing from the library', async () => {
    rmSync(join(temp.dir, 'data', 'library', ...libraryPaths['gone.wav'].split('/')));
    await open('gone.wav');
    await expect.poll(() => player().getAttribute('data-problem'), { timeout: 15_000 }).toBe('missing');
    await page.getByText('录音文件不在录音库文件夹中').waitFor();
  });
});
