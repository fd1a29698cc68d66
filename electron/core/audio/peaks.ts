import { alawTable, mulawTable } from './g711';
import { planarFloatToInt16 } from './pcm';
import { SimdKernel, type KernelInput } from './simd-kernel';

export interface PeakResult {
  channels: number;
  samplesPerPeak: number;
  /** Per channel: min0, max0, min1, max1, … in signed 16-bit. */
  peaks: Int16Array[];
  /** Per channel: mean square of each window on the 16-bit scale (the voice-activity input). */
  energy: Float32Array[];
  frames: number;
}

/**
 * One pass over the audio computing, per channel and per window of `samplesPerPeak` frames, the min/max pair for
 * the waveform and the mean square for voice activity. Windows carry over chunk boundaries so the result does not
 * depend on how the decoder happened to split the stream.
 *
 * This is the hot loop of every import (57.6 million samples for an hour of 8 kHz stereo). Where it can (one or
 * two channels, windows a multiple of 16 frames: 8, 16 and 48 kHz), whole windows go to a WebAssembly SIMD kernel
 * with the same results (simd-kernel.ts). The JavaScript loops take the partial windows at the edges of each push
 * and every other shape; they read 16-bit samples only, keep the running window in locals and use Math.min/max
 * (branch-free selects: audio makes `if (a < mn)` branches unpredictable).
 */
export class PeakAnalyser {
  /** Running window per channel: min, max, sum of squares. */
  private readonly mins: Int32Array;
  private readonly maxs: Int32Array;
  private readonly sums: Float64Array;
  private inWindow = 0;
  private framesSeen = 0;
  private windows = 0;
  private capacity: number;
  private peaks: Int16Array[];
  private energy: Float32Array[];
  private readonly kernel: SimdKernel | undefined;
  private scratch = new Int16Array(0);

  constructor(
    readonly channels: number,
    readonly samplesPerPeak: number,
    expectedFrames = 0,
    simd = true,
  ) {
    this.kernel = simd ? SimdKernel.create(channels, samplesPerPeak) : undefined;
    this.capacity = Math.ceil(expectedFrames / samplesPerPeak) + 1;
    this.mins = new Int32Array(channels).fill(32767);
    this.maxs = new Int32Array(channels).fill(-32768);
    this.sums = new Float64Array(channels);
    this.peaks = Array.from({ length: channels }, () => new Int16Array(this.capacity * 2));
    this.energy = Array.from({ length: channels }, () => new Float32Array(this.capacity));
  }

  /** Room for every window `frames` more frames can close (estimates from headers can be short). */
  private reserve(frames: number): void {
    const needed = this.windows + Math.ceil((this.inWindow + frames) / this.samplesPerPeak) + 1;
    if (needed <= this.capacity) return;
    this.capacity = Math.max(needed, this.capacity * 2);
    this.peaks = this.peaks.map((p) => {
      const next = new Int16Array(this.capacity * 2);
      next.set(p.subarray(0, this.windows * 2));
      return next;
    });
    this.energy = this.energy.map((e) => {
      const next = new Float32Array(this.capacity);
      next.set(e.subarray(0, this.windows));
      return next;
    });
  }

  /** Interleaved signed 16-bit frames. */
  push(samples: Int16Array, frames: number): void {
    this.reserve(frames);
    const js = (from: number, count: number) =>
      this.pushInt16(from ? samples.subarray(from * this.channels) : samples, count);
    this.split(frames, js, { kind: 's16', samples });
    this.framesSeen += frames;
  }

  /**
   * Planar float frames (the WASM decoders' output, nominally -1..1), read as the 16-bit values
   * `planarFloatToInt16` produces. Plane `c` feeds channel `c`; missing planes repeat the last one.
   */
  pushPlanar(planes: Float32Array[], frames: number): void {
    this.reserve(frames);
    const ch = this.channels;
    const js = (from: number, count: number) => {
      const own = Array.from({ length: ch }, (_, c) => planes[Math.min(c, planes.length - 1)].subarray(from));
      this.pushInt16(planarFloatToInt16(own, ch, count, this.scratchFor(count)), count);
    };
    this.split(frames, js, { kind: 'f32', planes });
    this.framesSeen += frames;
  }

  /** Interleaved 8-bit codes expanded through a 256-entry table (A-law, μ-law, unsigned 8-bit PCM). */
  pushMapped(codes: Uint8Array, table: Int16Array, frames: number): void {
    this.reserve(frames);
    const ch = this.channels;
    const js = (from: number, count: number) => {
      const out = this.scratchFor(count);
      for (let i = 0, j = from * ch; i < count * ch; i++, j++) out[i] = table[codes[j]];
      this.pushInt16(out, count);
    };
    const law = table === alawTable ? 'alaw' : table === mulawTable ? 'mulaw' : undefined;
    this.split(frames, js, law && { kind: law, codes });
    this.framesSeen += frames;
  }

  /**
   * Room for `frames` interleaved 16-bit frames. The JavaScript loops read 16-bit samples only: other inputs are
   * converted first, which costs little now that whole windows of the common shapes go to the SIMD kernel.
   */
  private scratchFor(frames: number): Int16Array {
    if (this.scratch.length < frames * this.channels) this.scratch = new Int16Array(frames * this.channels);
    return this.scratch;
  }

  private pushInt16(d: Int16Array, frames: number): void {
    const ch = this.channels;
    if (ch === 2) this.push2(d, frames);
    else for (let c = 0; c < ch; c++) this.pushChannel(d, c, ch, frames, c === ch - 1);
  }

  /**
   * Whole windows to the SIMD kernel, when there is one and it reads this input; the partial windows at either
   * end (and everything otherwise) to `js(fromFrame, frames)`.
   */
  private split(frames: number, js: (from: number, count: number) => void, input: KernelInput | undefined): void {
    const spp = this.samplesPerPeak;
    if (!this.kernel || !input) return js(0, frames);
    let from = 0;
    if (this.inWindow > 0) {
      from = Math.min(frames, spp - this.inWindow);
      js(0, from);
    }
    const windows = Math.floor((frames - from) / spp);
    if (windows > 0) {
      this.kernel.run(input, from, windows, { peaks: this.peaks, energy: this.energy, at: this.windows });
      this.windows += windows;
      from += windows * spp;
    }
    if (from < frames) js(from, frames - from);
  }

  private push2(d: Int16Array, frames: number): void {
    const spp = this.samplesPerPeak;
    const p0 = this.peaks[0];
    const p1 = this.peaks[1];
    const e0 = this.energy[0];
    const e1 = this.energy[1];
    let w = this.windows;
    let n = this.inWindow;
    let mn0 = this.mins[0];
    let mx0 = this.maxs[0];
    let s0 = this.sums[0];
    let mn1 = this.mins[1];
    let mx1 = this.maxs[1];
    let s1 = this.sums[1];
    const end = frames * 2;
    let i = 0;
    while (i < end) {
      const stop = Math.min(end, i + (spp - n) * 2);
      n += (stop - i) >> 1;
      for (; i < stop; i += 2) {
        const a = d[i];
        const b = d[i + 1];
        mn0 = Math.min(mn0, a);
        mx0 = Math.max(mx0, a);
        s0 += a * a;
        mn1 = Math.min(mn1, b);
        mx1 = Math.max(mx1, b);
        s1 += b * b;
      }
      if (n === spp) {
        p0[2 * w] = mn0;
        p0[2 * w + 1] = mx0;
        p1[2 * w] = mn1;
        p1[2 * w + 1] = mx1;
        e0[w] = s0 / spp;
        e1[w] = s1 / spp;
        w++;
        n = 0;
        mn0 = mn1 = 32767;
        mx0 = mx1 = -32768;
        s0 = s1 = 0;
      }
    }
    this.windows = w;
    this.inWindow = n;
    this.mins[0] = mn0;
    this.maxs[0] = mx0;
    this.sums[0] = s0;
    this.mins[1] = mn1;
    this.maxs[1] = mx1;
    this.sums[1] = s1;
  }

  /**
   * One channel at a time (mono, more than two channels). The window position is shared by all channels, so every
   * channel starts from the same position and only the last one of a push stores it.
   */
  private pushChannel(d: Int16Array, c: number, stride: number, frames: number, last: boolean): void {
    const spp = this.samplesPerPeak;
    const p = this.peaks[c];
    const e = this.energy[c];
    let w = this.windows;
    let n = this.inWindow;
    let mn = this.mins[c];
    let mx = this.maxs[c];
    let s = this.sums[c];
    const end = c + frames * stride;
    let i = c;
    while (i < end) {
      const take = Math.min(spp - n, frames - Math.floor((i - c) / stride));
      const stop = i + take * stride;
      n += take;
      for (; i < stop; i += stride) {
        const a = d[i];
        mn = Math.min(mn, a);
        mx = Math.max(mx, a);
        s += a * a;
      }
      if (n === spp) {
        p[2 * w] = mn;
        p[2 * w + 1] = mx;
        e[w] = s / spp;
        w++;
        n = 0;
        mn = 32767;
        mx = -32768;
        s = 0;
      }
    }
    this.mins[c] = mn;
    this.maxs[c] = mx;
    this.sums[c] = s;
    if (last) {
      this.windows = w;
      this.inWindow = n;
    }
  }

  finish(): PeakResult {
    if (this.inWindow > 0) {
      const n = this.inWindow;
      const w = this.windows;
      for (let c = 0; c < this.channels; c++) {
        this.peaks[c][2 * w] = this.mins[c];
        this.peaks[c][2 * w + 1] = this.maxs[c];
        this.energy[c][w] = this.sums[c] / n;
      }
      this.windows += 1;
      this.inWindow = 0;
    }
    return {
      channels: this.channels,
      samplesPerPeak: this.samplesPerPeak,
      peaks: this.peaks.map((p) => p.subarray(0, this.windows * 2)),
      energy: this.energy.map((e) => e.subarray(0, this.windows)),
      frames: this.framesSeen,
    };
  }
}

/** About 10 ms per pair: 80 samples at 8 kHz, 480 at 48 kHz. */
export function samplesPerPeakFor(sampleRate: number): number {
  return Math.max(1, Math.round(sampleRate / 100));
}
