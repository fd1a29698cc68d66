/** Growable typed storage: one append per window, doubling when full. */
class Growable<T extends Int16Array | Float32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = this.make(Math.max(this.data.length * 2, this.length + extra, 64));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  result(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

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
 * One pass over interleaved 16-bit audio computing, per channel and per window of `samplesPerPeak` frames, the
 * min/max pair for the waveform and the mean square for voice activity. Windows carry over chunk boundaries so
 * the result does not depend on how the decoder happened to split the stream.
 */
export class PeakAnalyser {
  private readonly mins: Int32Array;
  private readonly maxs: Int32Array;
  private readonly sums: Float64Array;
  private inWindow = 0;
  private framesSeen = 0;
  private readonly peaks: Growable<Int16Array>[];
  private readonly energy: Growable<Float32Array>[];

  constructor(
    readonly channels: number,
    readonly samplesPerPeak: number,
    expectedFrames = 0,
  ) {
    const windows = Math.ceil(expectedFrames / samplesPerPeak) + 1;
    this.mins = new Int32Array(channels);
    this.maxs = new Int32Array(channels);
    this.sums = new Float64Array(channels);
    this.resetWindow();
    this.peaks = Array.from(
      { length: channels },
      () => new Growable(new Int16Array(windows * 2), (n) => new Int16Array(n)),
    );
    this.energy = Array.from(
      { length: channels },
      () => new Growable(new Float32Array(windows), (n) => new Float32Array(n)),
    );
  }

  private resetWindow(): void {
    this.mins.fill(32767);
    this.maxs.fill(-32768);
    this.sums.fill(0);
    this.inWindow = 0;
  }

  private closeWindow(): void {
    const n = this.inWindow;
    for (let c = 0; c < this.channels; c++) {
      const p = this.peaks[c];
      const e = this.energy[c];
      p.reserve(2);
      e.reserve(1);
      p.data[p.length++] = this.mins[c];
      p.data[p.length++] = this.maxs[c];
      e.data[e.length++] = this.sums[c] / n;
    }
    this.resetWindow();
  }

  push(samples: Int16Array, frames: number): void {
    const ch = this.channels;
    const spp = this.samplesPerPeak;
    let f = 0;
    while (f < frames) {
      const take = Math.min(spp - this.inWindow, frames - f);
      if (ch === 2) this.window2(samples, f * 2, take);
      else if (ch === 1) this.window1(samples, f, take);
      else this.windowN(samples, f * ch, take);
      f += take;
      this.inWindow += take;
      if (this.inWindow === spp) this.closeWindow();
    }
    this.framesSeen += frames;
  }

  private window1(d: Int16Array, start: number, take: number): void {
    let mn = this.mins[0];
    let mx = this.maxs[0];
    let s = this.sums[0];
    const end = start + take;
    for (let i = start; i < end; i++) {
      const a = d[i];
      if (a < mn) mn = a;
      if (a > mx) mx = a;
      s += a * a;
    }
    this.mins[0] = mn;
    this.maxs[0] = mx;
    this.sums[0] = s;
  }

  private window2(d: Int16Array, start: number, take: number): void {
    let mn0 = this.mins[0];
    let mx0 = this.maxs[0];
    let s0 = this.sums[0];
    let mn1 = this.mins[1];
    let mx1 = this.maxs[1];
    let s1 = this.sums[1];
    const end = start + take * 2;
    for (let i = start; i < end; i += 2) {
      const a = d[i];
      const b = d[i + 1];
      if (a < mn0) mn0 = a;
      if (a > mx0) mx0 = a;
      s0 += a * a;
      if (b < mn1) mn1 = b;
      if (b > mx1) mx1 = b;
      s1 += b * b;
    }
    this.mins[0] = mn0;
    this.maxs[0] = mx0;
    this.sums[0] = s0;
    this.mins[1] = mn1;
    this.maxs[1] = mx1;
    this.sums[1] = s1;
  }

  private windowN(d: Int16Array, start: number, take: number): void {
    const ch = this.channels;
    for (let c = 0; c < ch; c++) {
      let mn = this.mins[c];
      let mx = this.maxs[c];
      let s = this.sums[c];
      const end = start + take * ch;
      for (let i = start + c; i < end; i += ch) {
        const a = d[i];
        if (a < mn) mn = a;
        if (a > mx) mx = a;
        s += a * a;
      }
      this.mins[c] = mn;
      this.maxs[c] = mx;
      this.sums[c] = s;
    }
  }

  finish(): PeakResult {
    if (this.inWindow > 0) this.closeWindow();
    return {
      channels: this.channels,
      samplesPerPeak: this.samplesPerPeak,
      peaks: this.peaks.map((p) => p.result()),
      energy: this.energy.map((e) => e.result()),
      frames: this.framesSeen,
    };
  }
}

/** About 10 ms per pair: 80 samples at 8 kHz, 480 at 48 kHz. */
export function samplesPerPeakFor(sampleRate: number): number {
  return Math.max(1, Math.round(sampleRate / 100));
}

/** Min/max pairs merged down to at most `maxPairs` (each output pair covers `factor` input pairs). */
export function downsamplePeaks(pairs: Int16Array, maxPairs: number): { pairs: Int16Array; factor: number } {
  const count = pairs.length / 2;
  const factor = Math.max(1, Math.ceil(count / maxPairs));
  if (factor === 1) return { pairs, factor };
  const outCount = Math.ceil(count / factor);
  const out = new Int16Array(outCount * 2);
  for (let o = 0; o < outCount; o++) {
    let mn = 32767;
    let mx = -32768;
    const end = Math.min(count, (o + 1) * factor);
    for (let i = o * factor; i < end; i++) {
      const a = pairs[2 * i];
      const b = pairs[2 * i + 1];
      if (a < mn) mn = a;
      if (b > mx) mx = b;
    }
    out[2 * o] = mn;
    out[2 * o + 1] = mx;
  }
  return { pairs: out, factor };
}
