/**
 * The player in Chromium (browser mode) on one imported call in each speech codec: the core's media handler
 * transcodes each to a 16-bit WAV stream, which the audio element must load with the call's exact length, play,
 * and seek in (a Range request into the middle).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { buildCall, eventfulCall } from '../fixtures/calls';
import { speechFormats, writeSpeechFormat } from '../fixtures/speech-codecs';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let app: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];
const calls: Record<string, { id: string; durationMs: number }> = {};

const player = () => page.getByTestId('player');
const audio = <T>(fn: (a: HTMLAudioElement) => T) => page.$eval('.qa-player audio', fn);
const currentTime = () => audio((a) => a.currentTime);

beforeAll(async () => {
  temp = makeTempDir('qa-e2e-speech-');
  const input = join(temp.dir, 'in');
  mkdirSync(input);
  const source = join(temp.dir, 'eventful.wav');
  writeFileSync(source, buildCall(eventfulCall).wav);
  for (const format of speechFormats) writeSpeechFormat(source, join(input, format.file), format);
  const core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
  const result = await core.call('recordings.import', { paths: [input], agentChannel: 0 });
  for (const r of result.imported) {
    const detail = await core.call('recordings.get', { id: r.id });
    calls[r.path.split('/').pop()!] = { id: r.id, durationMs: detail.durationMs };
  }
  core.close();
  expect(Object.keys(calls).sort()).toEqual(speechFormats.map((f) => f.file).sort());
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

describe('player on every speech codec (browser mode)', () => {
  it.each(speechFormats.map((f) => f.file))('loads, plays and seeks in %s', async (file) => {
    const { id, durationMs } = calls[file];
    await page.evaluate((target) => (window.location.hash = `#/evaluate/${target}`), id);
    await page.locator(`.ev-page[data-recording-id="${id}"]`).waitFor();
    await page.locator('[data-testid="player"][data-painted="true"][data-playable="true"]').waitFor();
    // The browser reads the length from the WAV header the media handler wrote: the imported duration, to 10 ms.
    await expect.poll(() => audio((a) => a.duration)).toBeGreaterThan(0);
    expect(Math.abs((await audio((a) => a.duration)) * 1000 - durationMs)).toBeLessThanOrEqual(10);

    await page.getByTestId('player-play').click();
    await expect.poll(currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
    await page.getByTestId('player-play').click();
    await expect.poll(() => player().getAttribute('data-playing')).toBe('false');
    // Fifteen seconds on: the audio element asks the media handler for a range in the middle of the call.
    const t0 = await currentTime();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(currentTime).toBeCloseTo(t0 + 15, 1);
    await page.getByTestId('player-play').click();
    await expect.poll(currentTime, { timeout: 15_000 }).toBeGreaterThan(t0 + 15.5);
    await page.getByTestId('player-play').click();
    await expect.poll(() => player().getAttribute('data-playing')).toBe('false');
    expect(await audio((a) => a.error)).toBeNull();
    expect(errors).toEqual([]);
  });
});
