/**
 * The WebAssembly SIMD kernel of the import (electron/core/audio/simd-kernel.wat). Its results are checked against
 * the naive definition in audio-kernels.test.ts; here: it is the one the app runs, it is built from the committed
 * source, and it agrees with the JavaScript loops on an hour-long call's worth of awkward audio.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alawTable, mulawTable } from '../../electron/core/audio/g711';
import { PeakAnalyser } from '../../electron/core/audio/peaks';
import { SimdKernel } from '../../electron/core/audio/simd-kernel';
import { seededRandom } from '../support/fault-proxy';

describe('SIMD kernel', () => {
  it('is built from the committed .wat source', () => {
    const script = fileURLToPath(new URL('../../scripts/build-wasm.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('matches');
    expect(r.status).toBe(0);
  });

  it('takes 8, 16 and 48 kHz mono and stereo, and leaves other shapes to JavaScript', () => {
    for (const spp of [80, 160, 480]) {
      expect(SimdKernel.create(1, spp)).toBeDefined();
      expect(SimdKernel.create(2, spp)).toBeDefined();
    }
    expect(SimdKernel.create(2, 441)).toBeUndefined(); // 44.1 kHz: windows are not whole vectors
    expect(SimdKernel.create(3, 80)).toBeUndefined();
    for (const nonsense of [0, -16, 8, 16.5]) expect(SimdKernel.create(2, nonsense)).toBeUndefined();
  });

  it('matches the JavaScript loops on long stereo and mono streams of every input kind', () => {
    const random = seededRandom(3);
    const frames = 8000 * 30 + 37; // half a minute and a partial window
    for (const channels of [1, 2]) {
      const samples = Int16Array.from({ length: frames * channels }, (_, i) =>
        i % 997 === 0 ? -32768 : Math.round((random() * 2 - 1) * (i % 3 === 0 ? 32767 : 300)),
      );
      const codes = Uint8Array.from({ length: frames * channels }, () => Math.floor(random() * 256));
      const planes = Array.from({ length: channels }, (_, c) =>
        Float32Array.from({ length: frames }, (_, i) => samples[i * channels + c] / 32768 + 1e-6),
      );
      const feed = (a: PeakAnalyser, kind: number) => {
        // Uneven chunks, as decoders produce them: windows straddle every boundary.
        for (let f = 0, k = 0; f < frames; k++) {
          const n = Math.min(frames - f, 1153 + ((k * 7919) % 40_000));
          if (kind === 0) a.push(samples.subarray(f * channels, (f + n) * channels), n);
          else if (kind === 1) a.pushMapped(codes.subarray(f * channels), alawTable, n);
          else if (kind === 2) a.pushMapped(codes.subarray(f * channels), mulawTable, n);
          else
            a.pushPlanar(
              planes.map((p) => p.subarray(f, f + n)),
              n,
            );
          f += n;
        }
        return a.finish();
      };
      for (let kind = 0; kind < 4; kind++) {
        const simd = feed(new PeakAnalyser(channels, 80, frames), kind);
        const js = feed(new PeakAnalyser(channels, 80, frames, false), kind);
        expect(simd.frames).toBe(frames);
        expect(simd.peaks).toEqual(js.peaks);
        expect(simd.energy).toEqual(js.energy);
      }
    }
  });
});
