import { simdKernelBase64 } from './simd-kernel-binary';

/** The exports of simd-kernel.wat; pointers and sizes are byte offsets and counts in its memory. */
interface KernelExports {
  memory: WebAssembly.Memory;
  windowsStereo(input: number, windows: number, spp: number, p0: number, p1: number, e0: number, e1: number): void;
  windowsMono(input: number, windows: number, spp: number, p: number, e: number): void;
  alawToS16(input: number, count: number, out: number): void;
  mulawToS16(input: number, count: number, out: number): void;
  f32ToS16(input: number, count: number, out: number): void;
  f32PairToS16(left: number, right: number, frames: number, out: number): void;
}

/** Audio as the decoders hand it over: interleaved 16-bit, interleaved G.711 codes, or planar floats. */
export type KernelInput =
  | { kind: 's16'; samples: Int16Array }
  | { kind: 'alaw' | 'mulaw'; codes: Uint8Array }
  | { kind: 'f32'; planes: Float32Array[] };

/** Where finished windows go: per channel min/max pairs and mean squares, starting at window `at`. */
export interface KernelOutput {
  peaks: Int16Array[];
  energy: Float32Array[];
  at: number;
}

// Work is done in blocks of at most this many samples, so the kernel's memory stays small (under 2 MB) and
// each block's 16-bit copy is still in cache when the window loop reads it.
const blockSamples = 1 << 16;
const raw = 0; // input as it arrives: up to 4 bytes a sample (floats)
const s16 = raw + blockSamples * 4;
const outputs = s16 + blockSamples * 2;
// Per channel, a window is at least 16 samples: 4 bytes of min/max and 4 of energy.
const outputBytes = (blockSamples / 16) * 4;
const memoryBytes = outputs + 4 * outputBytes;

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Uint8Array.from(atob(simdKernelBase64), (c) => c.charCodeAt(0));
    // Engines without WebAssembly SIMD reject the module; the JavaScript loops then do all the work.
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/**
 * The import's per-window min/max and energy in WebAssembly SIMD (see simd-kernel.wat), for one or two channels
 * and windows a multiple of 16 frames long (8, 16 and 48 kHz audio). `create` returns undefined for anything
 * else, and the caller keeps its JavaScript loops. One instance per analyser: it is cheap (one small memory).
 */
export class SimdKernel {
  private readonly x: KernelExports;
  private readonly bytes: Uint8Array;
  private readonly int16: Int16Array;
  private readonly float32: Float32Array;
  private readonly blockWindows: number;

  static create(channels: number, spp: number): SimdKernel | undefined {
    if ((channels !== 1 && channels !== 2) || spp % 16 !== 0 || spp * channels > blockSamples) return undefined;
    const module = kernelModule();
    return module ? new SimdKernel(module, channels, spp) : undefined;
  }

  private constructor(
    module: WebAssembly.Module,
    readonly channels: number,
    readonly spp: number,
  ) {
    this.x = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    const pages = Math.ceil(memoryBytes / 65536) - this.x.memory.buffer.byteLength / 65536;
    if (pages > 0) this.x.memory.grow(pages);
    const buffer = this.x.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.int16 = new Int16Array(buffer);
    this.float32 = new Float32Array(buffer);
    this.blockWindows = Math.floor(blockSamples / (spp * channels));
  }

  /** Analyses `windows` whole windows starting at frame `from` of `input` into `out`. */
  run(input: KernelInput, from: number, windows: number, out: KernelOutput): void {
    for (let done = 0; done < windows;) {
      const n = Math.min(this.blockWindows, windows - done);
      this.load(input, from + done * this.spp, n * this.spp);
      this.windowsOf(n, out, out.at + done);
      done += n;
    }
  }

  /** Copies `frames` frames from `from` into the kernel's memory as interleaved 16-bit samples at `s16`. */
  private load(input: KernelInput, from: number, frames: number): void {
    const ch = this.channels;
    const samples = frames * ch;
    switch (input.kind) {
      case 's16':
        this.int16.set(input.samples.subarray(from * ch, from * ch + samples), s16 / 2);
        return;
      case 'alaw':
      case 'mulaw':
        this.bytes.set(input.codes.subarray(from * ch, from * ch + samples), raw);
        if (input.kind === 'alaw') this.x.alawToS16(raw, samples, s16);
        else this.x.mulawToS16(raw, samples, s16);
        return;
      case 'f32': {
        const planes = input.planes;
        this.float32.set(planes[0].subarray(from, from + frames), raw / 4);
        if (ch === 1) {
          this.x.f32ToS16(raw, frames, s16);
          return;
        }
        // A lone plane for a stereo stream feeds both channels, as PeakAnalyser.pushPlanar does.
        const right = raw + frames * 4;
        this.float32.set(planes[Math.min(1, planes.length - 1)].subarray(from, from + frames), right / 4);
        this.x.f32PairToS16(raw, right, frames, s16);
        return;
      }
    }
  }

  private windowsOf(n: number, out: KernelOutput, at: number): void {
    const p = [outputs, outputs + outputBytes];
    const e = [outputs + 2 * outputBytes, outputs + 3 * outputBytes];
    if (this.channels === 2) this.x.windowsStereo(s16, n, this.spp, p[0], p[1], e[0], e[1]);
    else this.x.windowsMono(s16, n, this.spp, p[0], e[0]);
    for (let c = 0; c < this.channels; c++) {
      out.peaks[c].set(this.int16.subarray(p[c] / 2, p[c] / 2 + 2 * n), 2 * at);
      out.energy[c].set(this.float32.subarray(e[c] / 4, e[c] / 4 + n), at);
    }
  }
}
