/**
 * Waveform levels for wavesurfer from the stored min/max pairs. The page opens with a coarse copy of the whole call
 * (recordings.get) and, once zoomed past that copy's resolution, fills a full-resolution array piece by piece with
 * recordings.peaks for the part on screen, so an hour-long call never has to be fetched or decoded whole.
 */

/** RecordingPeaks.channels as sent (base64 of little-endian 16-bit pairs) → the pairs. */
export function pairsFromBase64(encoded: string): Int16Array {
  const text = atob(encoded);
  const bytes = new Uint8Array(text.length & ~1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = text.charCodeAt(i);
  return new Int16Array(bytes.buffer);
}

/**
 * One level per min/max pair: the larger magnitude, scaled to 0..1 (wavesurfer mirrors it) after `gain`. Levels
 * are capped at 1: wavesurfer rescales the whole waveform when any value exceeds it.
 */
export function pairsToLevels(pairs: ArrayLike<number>, gain = 1): Float32Array {
  const out = new Float32Array(pairs.length >> 1);
  const scale = gain / 32768;
  for (let i = 0; i < out.length; i++) {
    const a = Math.abs(pairs[2 * i]);
    const b = Math.abs(pairs[2 * i + 1]);
    out[i] = Math.min(1, (a > b ? a : b) * scale);
  }
  return out;
}

/** The loudest speech of a call fills this much of a channel's height. */
const normalTarget = 0.9;
/** Never amplify more than this: a call of line noise alone must not look like speech. */
const maxGain = 16;

/**
 * One gain for the whole call (every channel alike, so the agent and the customer keep their relative loudness)
 * that brings its loud speech near the top of the channel: the 99.5th percentile of the window peaks of its loudest
 * channel, so a click or a pop does not set the scale. Telephone speech often peaks at a tenth of full scale, and an
 * A-law call drawn as recorded was a 2–5 px line.
 */
export function normalisingGain(channels: ArrayLike<number>[]): number {
  // A histogram of 1/1024 steps instead of a sort: this runs while the call opens, on 20 000 values a channel.
  let loud = 0;
  const bins = new Uint32Array(1025);
  for (const pairs of channels) {
    const n = pairs.length >> 1;
    if (n === 0) continue;
    bins.fill(0);
    for (let i = 0; i < n; i++) {
      const a = Math.abs(pairs[2 * i]);
      const b = Math.abs(pairs[2 * i + 1]);
      bins[Math.min(1024, Math.floor((a > b ? a : b) / 32))]++;
    }
    let above = Math.floor(n * 0.005);
    let bin = 1024;
    while (bin > 0 && above >= bins[bin]) above -= bins[bin--];
    loud = Math.max(loud, (bin + 1) / 1024);
  }
  if (loud <= 1 / 1024) return 1;
  return Math.min(maxGain, Math.max(1, normalTarget / loud));
}

export interface PeakSource {
  durationMs: number;
  /** Milliseconds per pair at full resolution. */
  fullMsPerPeak: number;
  /** The coarse copy: one array of pairs per channel and the ms each pair covers. */
  base: { msPerPeak: number; channels: ArrayLike<number>[] };
  /** Applied to every level, the coarse copy and every fetched piece alike (normalisingGain). */
  gain?: number;
}

/** Writes `target[from..to)` as the larger of each two neighbours in `source`: its next coarser copy. */
function halveInto(source: Float32Array, target: Float32Array, from = 0, to = target.length): void {
  for (let i = from; i < Math.min(to, target.length); i++) {
    const a = source[2 * i];
    const b = source[2 * i + 1] ?? 0;
    target[i] = a > b ? a : b;
  }
}

function halve(levels: Float32Array): Float32Array {
  const out = new Float32Array(Math.ceil(levels.length / 2));
  halveInto(levels, out);
  return out;
}

/** Below this many device pixels per value, a coarser copy draws the same picture. */
const maxPxPerValue = 1.5;

/** The coarsest copy kept: never fewer values than this across the whole call. */
const minValues = 256;

interface Level {
  msPerPeak: number;
  channels: Float32Array[];
}

/** From copies ordered finest first: the coarsest with at most maxPxPerValue pixels per value, else the finest. */
function coarsestFitting(levels: Level[], pxPerSec: number): Float32Array[] {
  for (let i = levels.length - 1; i > 0; i--)
    if (pxPerSec * (levels[i].msPerPeak / 1000) <= maxPxPerValue) return levels[i].channels;
  return levels[0].channels;
}

/** Full-resolution pieces are fetched in chunks of this many seconds, so scrolling back never refetches. */
export const chunkSeconds = 30;

export class PeakCache {
  readonly base: Float32Array[];
  readonly baseMsPerPeak: number;
  readonly fullMsPerPeak: number;
  readonly durationMs: number;
  readonly gain: number;
  /** Full resolution first, then copies each half as fine, down to just finer than the coarse copy. */
  private finer: Level[] | null = null;
  /**
   * The coarse copy first, then copies each half as fine, for the zooms that show more of the call than it has
   * pixels.
   */
  private coarser: Level[] | null = null;
  private filled: Uint8Array;

  constructor(source: PeakSource) {
    this.gain = source.gain ?? 1;
    this.base = source.base.channels.map((pairs) => pairsToLevels(pairs, this.gain));
    this.baseMsPerPeak = source.base.msPerPeak;
    this.fullMsPerPeak = source.fullMsPerPeak;
    this.durationMs = source.durationMs;
    this.filled = new Uint8Array(Math.ceil(source.durationMs / 1000 / chunkSeconds));
    // The coarse copy is already full resolution for short calls.
    if (this.baseMsPerPeak <= this.fullMsPerPeak) this.filled.fill(1);
  }

  get channelCount(): number {
    return this.base.length;
  }

  /** Whether `pxPerSec` (device pixels) shows more detail than the coarse copy holds. */
  needsFine(pxPerSec: number): boolean {
    return this.baseMsPerPeak > this.fullMsPerPeak && pxPerSec * (this.baseMsPerPeak / 1000) > maxPxPerValue;
  }

  /**
   * The arrays to draw at this zoom: the coarsest copy with about one value per device pixel. wavesurfer draws
   * every value it is given, so the full-resolution array at a middle zoom (ten values a pixel) costs ten times
   * the drawing for the same picture. Copies finer than the coarse one are upsampled where not fetched yet.
   */
  levels(pxPerSec: number): Float32Array[] {
    return coarsestFitting(this.needsFine(pxPerSec) ? this.fineLevels() : this.coarserLevels(), pxPerSec);
  }

  /** Builds the full-resolution arrays ahead of the first zoom that needs them (the player does it when idle). */
  prepareFine(): void {
    if (this.baseMsPerPeak > this.fullMsPerPeak) this.fineLevels();
  }

  private coarserLevels(): Level[] {
    if (!this.coarser) {
      let level: Level = { msPerPeak: this.baseMsPerPeak, channels: this.base };
      const coarser = [level];
      while ((level.channels[0]?.length ?? 0) >= minValues * 2) {
        level = { msPerPeak: level.msPerPeak * 2, channels: level.channels.map(halve) };
        coarser.push(level);
      }
      this.coarser = coarser;
    }
    return this.coarser;
  }

  private fineLevels(): Level[] {
    if (!this.finer) {
      const length = Math.ceil(this.durationMs / this.fullMsPerPeak);
      const ratio = this.fullMsPerPeak / this.baseMsPerPeak;
      const fine = this.base.map((b) => {
        const out = new Float32Array(length);
        for (let i = 0; i < length; i++) out[i] = b[Math.min(b.length - 1, Math.floor(i * ratio))] ?? 0;
        return out;
      });
      const finer: Level[] = [{ msPerPeak: this.fullMsPerPeak, channels: fine }];
      for (let ms = this.fullMsPerPeak * 2; ms < this.baseMsPerPeak; ms *= 2)
        finer.push({ msPerPeak: ms, channels: finer[finer.length - 1].channels.map(halve) });
      this.finer = finer;
    }
    return this.finer;
  }

  /** The time window (ms) still to fetch to cover `startMs`..`endMs`, whole chunks, or null if all are here. */
  missing(startMs: number, endMs: number): { startMs: number; endMs: number } | null {
    const chunkMs = chunkSeconds * 1000;
    const first = Math.max(0, Math.floor(startMs / chunkMs));
    const last = Math.min(this.filled.length - 1, Math.floor(Math.max(startMs, endMs - 1) / chunkMs));
    let lo = -1;
    let hi = -1;
    for (let c = first; c <= last; c++) {
      if (this.filled[c]) continue;
      if (lo < 0) lo = c;
      hi = c;
    }
    if (lo < 0) return null;
    return { startMs: lo * chunkMs, endMs: Math.min(this.durationMs, (hi + 1) * chunkMs) };
  }

  /** Writes fetched full-resolution pairs starting at `startMs` and marks the chunks they complete. */
  apply(startMs: number, endMs: number, channels: ArrayLike<number>[]): void {
    if (!this.finer) return;
    const finer = this.finer;
    const first = Math.floor(startMs / this.fullMsPerPeak);
    let written = 0;
    channels.forEach((pairs, c) => {
      const target = finer[0].channels[c];
      if (!target) return;
      const levels = pairsToLevels(pairs, this.gain).subarray(0, Math.max(0, target.length - first));
      target.set(levels, first);
      written = Math.max(written, levels.length);
    });
    // The coarser copies of the part just written.
    let lo = first;
    let hi = first + written;
    for (let l = 1; l < finer.length; l++) {
      lo = Math.floor(lo / 2);
      hi = Math.ceil(hi / 2);
      finer[l].channels.forEach((target, c) => halveInto(finer[l - 1].channels[c], target, lo, hi));
    }
    const chunkMs = chunkSeconds * 1000;
    const lastChunk = endMs >= this.durationMs ? this.filled.length - 1 : Math.floor(endMs / chunkMs) - 1;
    for (let c = Math.ceil(startMs / chunkMs); c <= lastChunk; c++) this.filled[c] = 1;
  }
}
