/**
 * The player outside React: wavesurfer drawing stored peaks over a streamed media element, the marker layer, the
 * visible-range timeline, finer peaks on zoom, dead-air skipping and channel mixing. React gets coarse state through
 * callbacks; per-frame work (time, cursor, timeline) never goes through React.
 */
import WaveSurfer from 'wavesurfer.js';
import type { TimeSpan } from '../../../shared/recording';
import { ChannelMixer } from './audio-graph';
import { deadAirSkip, type Marker } from './markers';
import { RegionLayer } from './overlay';
import type { PeakCache } from './peaks';
import { drawTimeline } from './timeline';

export type MediaProblem = 'missing' | 'codec' | 'network';

export interface EngineCallbacks {
  onTime(seconds: number): void;
  onPlaying(playing: boolean): void;
  /** Waveform painted (first render done). */
  onPainted(): void;
  /** The media element can start playing. */
  onPlayable(): void;
  onProblem(problem: MediaProblem): void;
  onZoom(pxPerSec: number, fitPxPerSec: number): void;
  onRange(startMs: number, endMs: number): void;
  onNoteClick(noteId: number): void;
  fetchPeaks(startMs: number, endMs: number, maxPeaks: number): Promise<ArrayLike<number>[]>;
}

export interface EngineOptions {
  waveform: HTMLElement;
  timeline: HTMLCanvasElement;
  /** Where the (hidden) media element lives, so tests can find it. */
  mediaParent: HTMLElement;
  /** An element already buffering this call's url (see prefetch.ts); otherwise the engine makes one. */
  media?: HTMLAudioElement | null;
  url: string;
  durationMs: number;
  peaks: PeakCache;
  channelColors: string[];
  channelHeight: number;
}

/** Speeds offered by [ and ]. */
export const speeds = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
/** Zoom levels (px/s) above "whole call"; 100 px/s is 10 ms per pixel. */
export const zoomLevels = [0.5, 1, 2, 5, 10, 20, 50, 100, 200];

/**
 * User Timing entries (visible in DevTools and read by tests/bench/player.bench.ts): the synchronous work, and the
 * same span up to after the next frame, so layout and paint are counted too.
 */
function timed(name: string, detail: unknown, work: () => void): void {
  const start = performance.now();
  work();
  // Only the latest of each is kept: a day of zooming must not pile up entries.
  performance.clearMeasures(name);
  performance.measure(name, { start, end: performance.now(), detail });
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.clearMeasures(`${name}:frame`);
      performance.measure(`${name}:frame`, { start, end: performance.now(), detail });
    }, 0),
  );
}

const devicePixels = () => window.devicePixelRatio || 1;

let scrollbar: number | null = null;

/** The height of a horizontal scrollbar here (0 where scrollbars overlay the content). */
function scrollbarHeight(): number {
  if (scrollbar === null) {
    const probe = document.createElement('div');
    Object.assign(probe.style, {
      position: 'absolute',
      top: '-200px',
      width: '100px',
      height: '100px',
      overflow: 'scroll',
    });
    document.body.append(probe);
    scrollbar = probe.offsetHeight - probe.clientHeight;
    probe.remove();
  }
  return scrollbar;
}

export class PlayerEngine {
  readonly ws: WaveSurfer;
  readonly media: HTMLAudioElement;
  private readonly layer: RegionLayer;
  private readonly durationS: number;
  private levels: Float32Array[];
  private pxPerSec = 0;
  private viewFrame = 0;
  private fetching = false;
  private silences: TimeSpan[] | null = null;
  private mixer: ChannelMixer | null = null;
  private destroyed = false;

  constructor(
    private readonly opts: EngineOptions,
    private readonly cb: EngineCallbacks,
  ) {
    this.durationS = opts.durationMs / 1000;
    this.media = opts.media ?? document.createElement('audio');
    this.media.preload = 'auto';
    this.media.style.display = 'none';
    opts.mediaParent.append(this.media);
    // The copy for the whole call at the width it opens in: a few hundred values, not the 20 000 fetched.
    this.levels = opts.peaks.levels((opts.waveform.clientWidth / Math.max(this.durationS, 0.001)) * devicePixels());
    const stereo = this.levels.length > 1;
    // A relayout boundary: a zoom changes the width of a wrapper up to 1.4 million px wide, and without a box of
    // fixed size around it every forced layout in that step walked the whole page (the scorecard included).
    Object.assign(opts.waveform.style, {
      contain: 'strict',
      height: `${this.levels.length * opts.channelHeight + scrollbarHeight()}px`,
    });
    this.ws = WaveSurfer.create({
      container: opts.waveform,
      media: this.media,
      url: opts.url,
      peaks: this.levels,
      duration: this.durationS,
      height: opts.channelHeight,
      waveColor: opts.channelColors[0],
      progressColor: opts.channelColors[0],
      cursorColor: '#1677ff',
      cursorWidth: 2,
      normalize: false,
      autoScroll: true,
      autoCenter: true,
      hideScrollbar: false,
      splitChannels: stereo
        ? this.levels.map((_, i) => ({ waveColor: opts.channelColors[i], progressColor: opts.channelColors[i] }))
        : undefined,
    });
    // A recording switched before it finished loading rejects with AbortError; that is expected.
    this.ws.on('error', () => undefined);
    this.layer = new RegionLayer(this.ws.getWrapper(), opts.durationMs, {
      onNoteClick: (id) => cb.onNoteClick(id),
      onRange: (a, b) => cb.onRange(a, b),
    });
    this.ws.on('timeupdate', this.onTime);
    this.ws.on('play', () => cb.onPlaying(true));
    this.ws.on('pause', () => cb.onPlaying(false));
    this.ws.on('finish', () => cb.onPlaying(false));
    // A click seeks inside wavesurfer, where a second click during the first one's seek was dropped (see seek()).
    this.ws.on('interaction', (t) => this.seek(t));
    this.ws.on('scroll', () => this.scheduleView());
    this.ws.on('redraw', () => this.scheduleView());
    // A wider or narrower player shows the whole call at another px/s: pick the copy of the peaks for it.
    this.ws.on('resize', () => this.relevel());
    this.ws.once('redrawcomplete', () => {
      cb.onPainted();
      // Upsampling a long call's peaks takes a few ms: done now, while idle, instead of in the first deep zoom.
      requestIdleCallback(() => this.destroyed || opts.peaks.prepareFine(), { timeout: 2_000 });
    });
    // A prepared element may have got there (or failed) before these listeners existed.
    if (this.media.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) queueMicrotask(() => cb.onPlayable());
    else this.media.addEventListener('canplay', () => cb.onPlayable(), { once: true });
    this.media.addEventListener('error', () => void this.diagnose());
    if (this.media.error) queueMicrotask(() => void this.diagnose());
    this.scheduleView();
  }

  get duration(): number {
    return this.durationS;
  }

  private readonly onTime = (t: number) => {
    if (this.silences && this.ws.isPlaying()) {
      const to = deadAirSkip(t * 1000, this.silences);
      if (to !== null) this.seek(to / 1000);
    }
    this.cb.onTime(t);
  };

  /** A media error says little: ask the server whether the file is there at all. */
  private async diagnose(): Promise<void> {
    let status = 0;
    try {
      status = (await fetch(this.opts.url, { method: 'HEAD', credentials: 'same-origin' })).status;
    } catch {
      status = 0;
    }
    if (this.destroyed) return;
    if (status === 404) this.cb.onProblem('missing');
    else if (status >= 200 && status < 300) this.cb.onProblem('codec');
    else this.cb.onProblem('network');
  }

  /** The whole call fits the width at this many px/s. */
  fitPxPerSec(): number {
    return this.ws.getWidth() / Math.max(this.durationS, 0.001);
  }

  effectivePxPerSec(): number {
    return Math.max(this.pxPerSec, this.fitPxPerSec());
  }

  /** 0 means the whole call in view. */
  zoom(pxPerSec: number): void {
    timed('qa-player:zoom', { pxPerSec, durationS: this.durationS }, () =>
      this.layer.withoutLayout(() => this.zoomNow(pxPerSec)),
    );
  }

  private zoomNow(pxPerSec: number): void {
    const fit = this.fitPxPerSec();
    this.pxPerSec = pxPerSec <= fit ? 0 : pxPerSec;
    const levels = this.opts.peaks.levels(this.effectivePxPerSec() * devicePixels());
    if (levels !== this.levels) {
      this.levels = levels;
      this.ws.setOptions({ minPxPerSec: this.pxPerSec, peaks: levels, duration: this.durationS });
    } else {
      this.ws.setOptions({ minPxPerSec: this.pxPerSec });
    }
    this.cb.onZoom(this.pxPerSec, fit);
  }

  private relevel(): void {
    const levels = this.opts.peaks.levels(this.effectivePxPerSec() * devicePixels());
    if (levels === this.levels) return;
    this.levels = levels;
    this.layer.withoutLayout(() => this.ws.setOptions({ peaks: levels, duration: this.durationS }));
  }

  zoomStep(direction: 1 | -1): void {
    const current = this.effectivePxPerSec();
    const fit = this.fitPxPerSec();
    if (direction > 0) {
      const next = zoomLevels.find((z) => z > current * 1.01);
      if (next !== undefined) this.zoom(next);
    } else {
      const prev = [...zoomLevels].reverse().find((z) => z < current * 0.99);
      this.zoom(prev === undefined || prev <= fit ? 0 : prev);
    }
  }

  private scheduleView(): void {
    if (this.viewFrame) return;
    this.viewFrame = requestAnimationFrame(() => {
      this.viewFrame = 0;
      if (!this.destroyed) this.refreshView();
    });
  }

  /** The visible time range, from the scroll position (only the visible part is ever drawn or fetched). */
  visibleRange(): { start: number; end: number; width: number } {
    const width = this.ws.getWidth();
    const total = this.ws.getWrapper().scrollWidth || width;
    const scroll = this.ws.getScroll();
    return { start: (scroll / total) * this.durationS, end: ((scroll + width) / total) * this.durationS, width };
  }

  private refreshView(): void {
    const view = this.visibleRange();
    drawTimeline(this.opts.timeline, view);
    void this.fetchFiner(view.start, view.end);
  }

  private async fetchFiner(start: number, end: number): Promise<void> {
    const peaks = this.opts.peaks;
    if (this.fetching || !peaks.needsFine(this.effectivePxPerSec() * devicePixels())) return;
    const margin = (end - start) / 2;
    const want = peaks.missing(Math.max(0, start - margin) * 1000, Math.min(this.durationS, end + margin) * 1000);
    if (!want) return;
    this.fetching = true;
    try {
      const count = Math.ceil((want.endMs - want.startMs) / peaks.fullMsPerPeak) + 2;
      const channels = await this.cb.fetchPeaks(want.startMs, want.endMs, Math.min(2_000_000, Math.max(100, count)));
      if (this.destroyed) return;
      peaks.apply(want.startMs, want.endMs, channels);
      // wavesurfer draws straight from the fine arrays just written (its buffer wraps them, values being within
      // 0..1), so canvases painted later already show the new detail. Only a piece landing on screen needs a
      // redraw (on screen, or within the one canvas either side wavesurfer has already painted ahead), and that
      // redraw must not rebuild the buffer: setOptions({ peaks }) would copy and rescan it.
      const view = this.visibleRange();
      const span = view.end - view.start;
      const onScreen = want.startMs < (view.end + span) * 1000 && want.endMs > (view.start - span) * 1000;
      if (onScreen && this.levels === peaks.levels(this.effectivePxPerSec() * devicePixels()))
        this.layer.withoutLayout(() => this.ws.setOptions({}));
      // The view may have moved on while this piece was on its way.
      this.scheduleView();
    } catch {
      // The coarse waveform stays on screen; the next scroll or zoom tries again.
    } finally {
      this.fetching = false;
    }
  }

  setMarkers(markers: Marker[]): void {
    timed('qa-player:markers', { count: markers.length }, () => this.layer.set(markers));
  }

  selectNote(noteId: number | null): void {
    this.layer.select(noteId);
  }

  setSkipDeadAir(silences: TimeSpan[] | null): void {
    this.silences = silences;
  }

  setChannelGains(gains: number[]): void {
    if (!this.mixer && gains.every((g) => g === 1)) return;
    this.mixer ??= new ChannelMixer(this.media, gains.length);
    this.mixer.apply(gains);
  }

  playPause(): void {
    void this.ws.playPause().catch(() => undefined);
  }

  skip(seconds: number): void {
    this.seek(this.ws.getCurrentTime() + seconds);
  }

  seek(seconds: number): void {
    const to = Math.min(Math.max(0, seconds), this.durationS);
    // wavesurfer 8 parks a seek asked for while the previous one is still loading (readyState below
    // HAVE_FUTURE_DATA) and drops it when that earlier seek's 'seeking' event arrives: a second skip pressed
    // within a seek was lost. The element itself takes a new seek at any time once it has metadata; wavesurfer
    // then draws the cursor there, and its own request for the same time is harmless.
    if (this.media.readyState >= HTMLMediaElement.HAVE_METADATA) this.media.currentTime = to;
    this.ws.setTime(to);
  }

  /** Plays `startS`..`endS` and stops there. */
  playSpan(startS: number, endS: number): void {
    void this.ws.play(startS, endS).catch(() => undefined);
  }

  setRate(rate: number): void {
    // true: keep the pitch, so a fast listen still sounds like the agent.
    this.ws.setPlaybackRate(rate, true);
    this.media.preservesPitch = true;
  }

  setVolume(volume: number): void {
    this.ws.setVolume(volume);
  }

  currentTime(): number {
    return this.ws.getCurrentTime();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.viewFrame) cancelAnimationFrame(this.viewFrame);
    this.layer.destroy();
    this.ws.destroy();
    this.mixer?.close();
    this.media.removeAttribute('src');
    this.media.load();
    this.media.remove();
  }
}
