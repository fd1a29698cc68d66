/**
 * Waveform levels for wavesurfer from the stored min/max pairs. The page opens with a coarse copy of the whole call
 * (recordings.get) and, once zoomed past that copy's resolution, fills a full-resolution array piece by piece with
 * recordings.peaks for the part on screen, so an hour-long call never has to be fetched or decoded whole.
 */

/** One level per min/max pair: the larger magnitude, scaled to 0..1 (wavesurfer mirrors it). */
export function pairsToLevels(pairs: ArrayLike<number>): Float32Array {
  const out = new Float32Array(pairs.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const a = Math.abs(pairs[2 * i]);
    const b = Math.abs(pairs[2 * i + 1]);
    out[i] = Math.min(1, (a > b ? a : b) / 32768);
  }
  return out;
}

export interface PeakSource {
  durationMs: number;
  /** Milliseconds per pair at full resolution. */
  fullMsPerPeak: number;
  /** The coarse copy: one array of pairs per channel and the ms each pair covers. */
  base: { msPerPeak: number; channels: ArrayLike<number>[] };
}

/** Full-resolution pieces are fetched in chunks of this many seconds, so scrolling back never refetches. */
export const chunkSeconds = 30;

export class PeakCache {
  readonly base: Float32Array[];
  readonly baseMsPerPeak: number;
  readonly fullMsPerPeak: number;
  readonly durationMs: number;
  private fine: Float32Array[] | null = null;
  private filled: Uint8Array;

  constructor(source: PeakSource) {
    this.base = source.base.channels.map(pairsToLevels);
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
    return this.baseMsPerPeak > this.fullMsPerPeak && pxPerSec * (this.baseMsPerPeak / 1000) > 1.5;
  }

  /** The arrays to draw at this zoom: the coarse copy, or the full-resolution one (upsampled where not fetched). */
  levels(pxPerSec: number): Float32Array[] {
    if (!this.needsFine(pxPerSec)) return this.base;
    return this.fineLevels();
  }

  /** Builds the full-resolution arrays ahead of the first zoom that needs them (the player does it when idle). */
  prepareFine(): void {
    if (this.baseMsPerPeak > this.fullMsPerPeak) this.fineLevels();
  }

  private fineLevels(): Float32Array[] {
    if (!this.fine) {
      const length = Math.ceil(this.durationMs / this.fullMsPerPeak);
      const ratio = this.fullMsPerPeak / this.baseMsPerPeak;
      this.fine = this.base.map((b) => {
        const out = new Float32Array(length);
        for (let i = 0; i < length; i++) out[i] = b[Math.min(b.length - 1, Math.floor(i * ratio))] ?? 0;
        return out;
      });
    }
    return this.fine;
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
    if (!this.fine) return;
    const first = Math.floor(startMs / this.fullMsPerPeak);
    channels.forEach((pairs, c) => {
      const target = this.fine![c];
      if (!target) return;
      const levels = pairsToLevels(pairs);
      target.set(levels.subarray(0, Math.max(0, target.length - first)), first);
    });
    const chunkMs = chunkSeconds * 1000;
    const lastChunk = endMs >= this.durationMs ? this.filled.length - 1 : Math.floor(endMs / chunkMs) - 1;
    for (let c = Math.ceil(startMs / chunkMs); c <= lastChunk; c++) this.filled[c] = 1;
  }
}
