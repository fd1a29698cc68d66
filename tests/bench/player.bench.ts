/**
 * The player on hour-long calls in Chromium, browser mode (`npm run bench -- player`).
 * For 60- and 120-minute stereo calls (a real espeak-ng call repeated), with 300 notes on each:
 *   open   the FIRST open of each call, as an inspector works (a call is rarely opened twice): selecting it in a
 *          loaded work queue → waveform painted and the media element able to play, on the evaluate page as it is
 *          (player pinned over the scorecard); five different calls of each length, each opened once (median and
 *          worst printed; the target is on the median: with three, one slow open of the media pipeline moved it), after one warm-up open of a short call so the browser's
 *          media stack is not cold for the first only; against wavesurfer loading the same file itself without
 *          stored peaks, in the same browser;
 *   zoom   to 10, 50 and 200 px/s (User Timing from the player: work, and work + the next frame);
 *   seek   click on the waveform far away → the media element's `seeked` (median and worst of 10);
 *   regions  drawing the 300 notes plus the talk analytics markers in one batch;
 *   memory the renderer's JS heap, private footprint (Chromium's task-manager figure) and resident size, call open.
 * Targets from issue 4: open ≤ 100 ms and ≥ 30× faster than the baseline; zoom ≤ 50 ms; seek ≤ 50 ms;
 * 300 regions ≤ 100 ms; renderer memory ≤ 150 MB.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createCore } from '../../electron/core/core';
import { mediaKeyLabel, recordingMediaUrl } from '../../shared/media-url';
import { buildCall, eventfulCall } from '../fixtures/calls';
import { startBrowserMode } from '../support/browser-mode';
import { repoRoot } from '../support/cli';
import { makeTempDir } from '../support/temp';

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Distinct calls per length: each is opened once, as a new call is. */
const callsPerLength = 5;

/**
 * A long stereo call: the eventful call's samples repeated (44-byte header, then interleaved PCM16); `variant`
 * changes one sample, so each is a different file to the library (its own SHA-256, peaks and analysis).
 */
function longCall(minutes: number, variant = 0): Buffer {
  const one = buildCall(eventfulCall).wav;
  const data = one.subarray(44);
  const bytes = Math.floor((minutes * 60 * 8000 * 4) / 4) * 4;
  const out = Buffer.alloc(44 + bytes);
  one.copy(out, 0, 0, 44);
  out.writeUInt32LE(36 + bytes, 4);
  out.writeUInt32LE(bytes, 40);
  for (let at = 44; at < out.length; at += data.length) data.copy(out, at, 0, Math.min(data.length, out.length - at));
  out.writeInt16LE(variant, 44);
  return out;
}

/**
 * The address browser mode serves a call's audio at: the media key is HMAC-SHA256 of the run's token (as the page
 * derives it), since the host stopped accepting a cookie.
 */
let runToken = '';
function mediaUrl(recordingId: string): string {
  const key = createHmac('sha256', runToken).update(mediaKeyLabel).digest('base64url');
  return recordingMediaUrl(recordingId, 'browser', key);
}

/** Resolves in the page when `selector` matches, timed from just before `hash` is set. */
async function timeToSelector(page: Page, hash: string, selector: string): Promise<number> {
  return page.evaluate(
    ([h, sel]) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const check = () => {
          if (!document.querySelector(sel)) return false;
          observer.disconnect();
          resolve(performance.now() - start);
          return true;
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        window.location.hash = h;
      }),
    [hash, selector] as const,
  );
}

/**
 * Back to the work queue, loaded and painted: an inspector opens a call from a queue on screen, so the queue's own
 * loading is not part of opening the call.
 */
async function toLoadedQueue(page: Page): Promise<void> {
  await timeToSelector(page, '#/evaluate', '.ev-queue');
  await page.locator('.ev-queue[data-loaded="true"]').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
}

const measure = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? NaN, name);

async function waitMeasure(page: Page, name: string): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name);
  return measure(page, name);
}

async function rendererMemoryMb(
  page: Page,
  pids: () => Promise<number[]>,
): Promise<{ heap: number; rss: number; own: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
  // The page's renderer is the largest one (others are spare or utility renderers).
  let rss = 0;
  let own = 0;
  for (const pid of await pids()) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const resident = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    if (resident <= rss) continue;
    rss = resident;
    // Chromium's own "memory footprint" (its task manager): the pages only this process holds, not the shared
    // libraries and fonts every renderer maps, which resident size counts in full.
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(rollup)?.[1] ?? 0);
    own = (kb('Private_Clean') + kb('Private_Dirty') + kb('Swap')) / 1024;
  }
  return { heap, rss, own };
}

async function main(): Promise<void> {
  const temp = makeTempDir('qa-bench-player-');
  const failures: string[] = [];
  const check = (label: string, ok: boolean) => {
    if (!ok) failures.push(label);
    return verdict(ok);
  };
  try {
    const input = join(temp.dir, 'in');
    mkdirSync(input);
    // QA_BENCH_MINUTES=60 runs one length; QA_BENCH_PROFILE=<dir> writes Chromium CPU profiles of open and zoom.
    const lengths = (process.env.QA_BENCH_MINUTES ?? '60,120').split(',').map(Number);
    const profileDir = process.env.QA_BENCH_PROFILE;
    for (const m of lengths)
      for (let v = 0; v < callsPerLength; v++) writeFileSync(join(input, `call-${m}-${v}.wav`), longCall(m, v));
    writeFileSync(join(input, 'warmup.wav'), buildCall(eventfulCall).wav);
    const core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
    let t = performance.now();
    const result = await core.call('recordings.import', { paths: [input], agentChannel: 0 });
    console.log(`imported ${result.imported.length} calls in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const byName = Object.fromEntries(result.imported.map((r) => [r.path.split('/').pop()!.replace('.wav', ''), r.id]));
    const ids: Record<number, string> = Object.fromEntries(lengths.map((m) => [m, byName[`call-${m}-0`]]));
    const firstOpens: Record<number, string[]> = Object.fromEntries(
      lengths.map((m) => [m, Array.from({ length: callsPerLength }, (_, v) => byName[`call-${m}-${v}`])]),
    );
    for (const m of lengths)
      for (const recordingId of firstOpens[m])
        for (let i = 0; i < 300; i++)
          await core.call('annotations.create', {
            recordingId,
            startMs: Math.floor((i / 300) * m * 60_000),
            endMs: i % 2 ? Math.floor((i / 300) * m * 60_000) + 4000 : null,
            text: `备注 ${i + 1}`,
          });
    core.close();

    const app = await startBrowserMode(join(temp.dir, 'data'));
    runToken = new URL(app.loginUrl).searchParams.get('token')!;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
    });
    const browserCdp = await browser.newBrowserCDPSession();
    const rendererPids = async () => {
      const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
        processInfo: { type: string; id: number }[];
      };
      return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    };
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // tsx keeps function names with a __name() helper that page.evaluate's serialised callbacks do not carry.
    await page.context().addInitScript('window.__name = (f) => f');
    await page.goto(app.loginUrl);
    await page.locator('[data-page]').waitFor();
    const ready = '[data-testid="player"][data-painted="true"][data-playable="true"]';
    // One open of a short call first: the browser's media pipeline starts once per page, not once per call.
    await toLoadedQueue(page);
    await timeToSelector(page, `#/evaluate/${byName.warmup}`, ready);

    for (const m of lengths) {
      console.log(`\n## ${m}-minute stereo call, 300 notes`);
      const profiler = profileDir ? await page.context().newCDPSession(page) : null;
      const profile = async (name: string, work: () => Promise<void>) => {
        if (!profiler) return work();
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
        await profiler.send('Profiler.start');
        await work();
        const { profile: data } = await profiler.send('Profiler.stop');
        writeFileSync(join(profileDir!, `player-${m}-${name}.cpuprofile`), JSON.stringify(data));
      };
      const opens: number[] = [];
      // Each call opened once: its first open, with nothing of it cached in the page or the core.
      for (const [i, id] of firstOpens[m].entries()) {
        await toLoadedQueue(page);
        const once = async () => void opens.push(await timeToSelector(page, `#/evaluate/${id}`, ready));
        await (i === firstOpens[m].length - 1 ? profile('open', once) : once());
      }
      const open = median(opens);
      const markers = await waitMeasure(page, 'qa-player:markers:frame');
      const markerCount = await page.evaluate(
        () => (performance.getEntriesByName('qa-player:markers').at(-1) as PerformanceMeasure).detail.count as number,
      );
      console.log(
        `first open of each call (select → painted + playable): ${ms(open)} median, worst ${ms(Math.max(...opens))} ` +
          `(calls ${opens.map((o) => o.toFixed(0)).join(', ')} ms)`,
      );
      console.log(
        `regions: ${markerCount} drawn in one batch: ${ms(await measure(page, 'qa-player:markers'))} work, ${ms(markers)} to the next frame  ${check(`${m} regions`, markers <= 100)}`,
      );

      await page.locator('.qa-player').focus();
      const zooms: Record<number, [number, number]> = {};
      await profile('zoom', async () => {
        for (let step = 0; step < 9; step++) {
          await page.evaluate(() => performance.clearMeasures());
          await page.keyboard.press('z');
          const frame = await waitMeasure(page, 'qa-player:zoom:frame');
          const px = await page.evaluate(
            () =>
              (performance.getEntriesByName('qa-player:zoom').at(-1) as PerformanceMeasure).detail.pxPerSec as number,
          );
          zooms[px] = [await measure(page, 'qa-player:zoom'), frame];
          await page.waitForTimeout(300);
        }
      });
      for (const px of [10, 50, 200]) {
        const [work, frame] = zooms[px] ?? [NaN, NaN];
        console.log(
          `zoom to ${px} px/s: ${ms(work)} work, ${ms(frame)} to the next frame  ${check(`${m} zoom ${px}`, frame <= 50)}`,
        );
      }
      for (let step = 0; step < 9; step++) await page.keyboard.press('Shift+Z');

      const seeks: number[] = [];
      for (let i = 0; i < 10; i++) {
        const x = ((i * 7919) % 997) / 997;
        seeks.push(
          await page.evaluate(
            (fraction) =>
              new Promise<number>((resolve) => {
                const media = document.querySelector<HTMLAudioElement>('.qa-player audio')!;
                const host = document.querySelector('.qa-player-waveform > div')!;
                const wrapper = host.shadowRoot!.querySelector<HTMLElement>('.wrapper')!;
                const rect = wrapper.getBoundingClientRect();
                const start = performance.now();
                media.addEventListener('seeked', () => resolve(performance.now() - start), { once: true });
                wrapper.dispatchEvent(
                  new MouseEvent('click', {
                    clientX: rect.left + rect.width * fraction,
                    clientY: rect.top + 20,
                    bubbles: true,
                  }),
                );
              }),
            x,
          ),
        );
      }
      console.log(
        `seek (click → seeked): median ${ms(median(seeks))}, worst ${ms(Math.max(...seeks))}  ${check(`${m} seek`, median(seeks) <= 50)}`,
      );

      if (m === 60) {
        await toLoadedQueue(page);
        const floor = await rendererMemoryMb(page, rendererPids);
        console.log(
          `renderer memory on the queue page (no player): private footprint ${floor.own.toFixed(0)} MB, ` +
            `resident ${floor.rss.toFixed(0)} MB`,
        );
        await timeToSelector(page, `#/evaluate/${ids[m]}`, ready);
        const mem = await rendererMemoryMb(page, rendererPids);
        console.log(
          `renderer memory with the call open: JS heap ${mem.heap.toFixed(1)} MB, private footprint ` +
            `${mem.own.toFixed(0)} MB (resident ${mem.rss.toFixed(0)} MB with shared pages)  ` +
            check('memory', mem.own <= 150),
        );
      }

      // Baseline: wavesurfer fetching and decoding the same file itself, no stored peaks.
      const base = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      // The login URL hands over the token cookie the media route needs.
      await base.goto(app.loginUrl);
      // Served from the page's own origin: the CSP allows only same-origin scripts.
      await base.route('**/bench-wavesurfer.js', (r) =>
        r.fulfill({ path: join(repoRoot, 'node_modules/wavesurfer.js/dist/wavesurfer.min.js') }),
      );
      await base.addScriptTag({ url: '/bench-wavesurfer.js' });
      t = performance.now();
      const baseline = await base
        .evaluate(
          (url) =>
            new Promise<number>((resolve, reject) => {
              const div = document.createElement('div');
              document.body.append(div);
              const start = performance.now();
              const WS = (
                window as unknown as {
                  WaveSurfer: { create(o: object): { on(e: string, f: (x?: unknown) => void): void } };
                }
              ).WaveSurfer;
              const ws = WS.create({ container: div, url, splitChannels: [{}, {}] });
              ws.on('ready', () => resolve(performance.now() - start));
              ws.on('error', (e) => reject(new Error(String(e))));
            }),
          mediaUrl(ids[m]),
        )
        .catch((e: unknown) => {
          console.log(`baseline failed after ${((performance.now() - t) / 1000).toFixed(1)} s: ${String(e)}`);
          return NaN;
        });
      if (m === 60 && !Number.isNaN(baseline)) {
        const mem = await rendererMemoryMb(base, rendererPids);
        console.log(
          `baseline renderer memory (both pages): JS heap ${mem.heap.toFixed(1)} MB, private footprint ` +
            `${mem.own.toFixed(0)} MB, resident ${mem.rss.toFixed(0)} MB`,
        );
      }
      await base.close();
      const ratio = baseline / open;
      console.log(`baseline (wavesurfer decodes the file, no stored peaks): ${ms(baseline)}`);
      console.log(
        `open ${ms(open)} ${check(`${m} open`, open <= 100)}; ${Number.isNaN(ratio) ? '—' : ratio.toFixed(0)}× faster than the baseline  ${check(`${m} ratio`, ratio >= 30)}`,
      );
    }
    await browser.close();
    await app.stop();
  } finally {
    temp.cleanup();
  }
  console.log(failures.length ? `\nMISS: ${failures.join(', ')}` : '\nall player targets met');
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
