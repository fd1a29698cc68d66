/**
 * The optimised peak and voice-activity kernels against plain reference implementations (the obvious per-sample
 * code), on random data split into random chunks: fast paths must never change a stored peak or a speech span.
 * Window sizes include multiples of 16, where whole windows of one or two channels go to the WebAssembly SIMD
 * kernel and only the partial windows at chunk edges to the JavaScript loops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alawTable, mulawTable } from '../../electron/core/audio/g711';
import { planarFloatToInt16, u8Table } from '../../electron/core/audio/pcm';
import { PeakAnalyser } from '../../electron/core/audio/peaks';
import { defaultVadOptions, detectSpeech, kthSmallest } from '../../electron/core/audio/vad';
import type { TimeSpan } from '../../shared/recording';

/** Per channel min/max pairs and mean squares, one window at a time, as the definition says. */
function naivePeaks(samples: ArrayLike<number>, channels: number, spp: number) {
  const frames = Math.floor(samples.length / channels);
  const peaks: number[][] = [];
  const energy: number[][] = [];
  for (let c = 0; c < channels; c++) {
    peaks.push([]);
    energy.push([]);
    for (let start = 0; start < frames; start += spp) {
      const values: number[] = [];
      for (let f = start; f < Math.min(frames, start + spp); f++) values.push(samples[f * channels + c]);
      peaks[c].push(Math.min(...values), Math.max(...values));
      energy[c].push(Math.fround(values.reduce((s, v) => s + v * v, 0) / values.length));
    }
  }
  return { peaks, energy, frames };
}

/** Splits `frames` into chunks with the given sizes, cycling through them. */
function chunks(frames: number, cuts: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let f = 0, i = 0; f < frames; i++) {
    const n = Math.min(cuts[i % cuts.length], frames - f);
    out.push([f, n]);
    f += n;
  }
  return out;
}

const plain = (r: ReturnType<PeakAnalyser['finish']>) => ({
  peaks: r.peaks.map((p) => Array.from(p)),
  energy: r.energy.map((e) => Array.from(e)),
  frames: r.frames,
});

const channelCounts = fc.integer({ min: 1, max: 3 });
const cutSizes = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 });
const windowSizes = fc.oneof(fc.integer({ min: 1, max: 97 }), fc.constantFrom(16, 32, 80, 160));
/** Mostly ordinary values, with the extremes (full-scale negative squares overflow a signed 32-bit sum). */
const sample16 = fc.oneof(fc.integer({ min: -32768, max: 32767 }), fc.constantFrom(-32768, 32767, 0));

describe('peak kernels equal the naive definition', () => {
  it('for interleaved 16-bit samples', () => {
    fc.assert(
      fc.property(
        channelCounts,
        windowSizes,
        fc.array(sample16, { minLength: 1, maxLength: 3000, size: 'max' }),
        cutSizes,
        (channels, spp, values, cuts) => {
          const frames = Math.floor(values.length / channels);
          fc.pre(frames > 0);
          const data = Int16Array.from(values.slice(0, frames * channels));
          // A wrong estimate of the length must not matter either.
          const a = new PeakAnalyser(channels, spp, cuts[0]);
          for (const [f, n] of chunks(frames, cuts)) a.push(data.subarray(f * channels, (f + n) * channels), n);
          expect(plain(a.finish())).toEqual(naivePeaks(data, channels, spp));
        },
      ),
    );
  });

  it('for 8-bit codes through the A-law, μ-law and unsigned tables', () => {
    fc.assert(
      fc.property(
        channelCounts,
        windowSizes,
        fc.uint8Array({ minLength: 1, maxLength: 3000, size: 'max' }),
        cutSizes,
        fc.constantFrom(alawTable, mulawTable, u8Table),
        (channels, spp, codes, cuts, table) => {
          const frames = Math.floor(codes.length / channels);
          fc.pre(frames > 0);
          const a = new PeakAnalyser(channels, spp);
          for (const [f, n] of chunks(frames, cuts)) a.pushMapped(codes.subarray(f * channels), table, n);
          const expanded = Array.from(codes.subarray(0, frames * channels), (c) => table[c]);
          expect(plain(a.finish())).toEqual(naivePeaks(expanded, channels, spp));
        },
      ),
    );
  });

  it('for planar floats, exactly as if converted to 16-bit first', () => {
    fc.assert(
      fc.property(
        channelCounts,
        windowSizes,
        fc.integer({ min: 1, max: 1500 }),
        fc.array(fc.oneof(fc.float({ min: -1.5, max: 1.5 }), fc.constantFrom(-1, 1, Infinity, -Infinity, NaN)), {
          minLength: 1,
          maxLength: 64,
        }),
        cutSizes,
        (channels, spp, frames, pool, cuts) => {
          const planes = Array.from({ length: channels }, (_, c) =>
            Float32Array.from({ length: frames }, (_, i) => pool[(i * 7 + c * 13) % pool.length]),
          );
          const a = new PeakAnalyser(channels, spp);
          for (const [f, n] of chunks(frames, cuts))
            a.pushPlanar(
              planes.map((p) => p.subarray(f, f + n)),
              n,
            );
          const converted = planarFloatToInt16(planes, channels, frames, new Int16Array(frames * channels));
          expect(plain(a.finish())).toEqual(naivePeaks(converted, channels, spp));
        },
      ),
    );
  });
});

/** The voice-activity rule written the obvious way: levels in dB, sorted for the noise floor. */
function naiveSpeech(energy: Float32Array, msPerWindow: number): TimeSpan[] {
  const o = defaultVadOptions;
  const db = Float32Array.from(energy, (e) => 10 * Math.log10(e / (32768 * 32768) + 1e-12));
  const sorted = Float32Array.from(db).sort();
  const floor = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.1 * sorted.length))] : -120;
  const threshold = Math.max(floor + o.marginDb, o.minSpeechDb);
  const raw: TimeSpan[] = [];
  let start = -1;
  for (let i = 0; i <= db.length; i++) {
    const speech = i < db.length && db[i] >= threshold;
    if (speech && start < 0) start = i;
    else if (!speech && start >= 0) {
      raw.push({ startMs: Math.round(start * msPerWindow), endMs: Math.round(i * msPerWindow) });
      start = -1;
    }
  }
  const bridged: TimeSpan[] = [];
  for (const span of raw) {
    const last = bridged.at(-1);
    if (last && span.startMs - last.endMs < o.bridgeMs) last.endMs = span.endMs;
    else bridged.push({ ...span });
  }
  return bridged.filter((s) => s.endMs - s.startMs >= o.minSegmentMs);
}

describe('voice-activity kernel equals the naive rule', () => {
  it('selects the k-th smallest value like a sort does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.float({ min: 0, max: 1e9, noNaN: true }),
            fc.float({ noNaN: true }),
            fc.constantFrom(0, -0, 1e-40, Infinity),
          ),
          { minLength: 1, maxLength: 2000, size: 'max' },
        ),
        fc.nat(),
        (values, k) => {
          const data = Float32Array.from(values);
          const index = k % data.length;
          expect(kthSmallest(data, index)).toBe(Float32Array.from(data).sort()[index]);
        },
      ),
    );
  });

  it('finds the same speech spans on random levels, including long runs of equal ones', () => {
    const level = fc.oneof(
      fc.constant(0),
      fc.float({ min: 0, max: 1e4, noNaN: true }),
      fc.float({ min: 1e5, max: 1e9, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(level, fc.integer({ min: 1, max: 60 })), { maxLength: 60 }), (runs) => {
        const energy = Float32Array.from(runs.flatMap(([value, length]) => Array<number>(length).fill(value)));
        expect(detectSpeech(energy, 10)).toEqual(naiveSpeech(energy, 10));
      }),
    );
  });
});
