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

// Work is done in blocks of at most this many samples, so the kernel's memory stays small (448 KiB) and each
// block's 16-bit copy is still in cache when the window loop reads it.
const blockSamples = 1 << 16;
const raw = 0; // input as it arrives: up to 4 bytes a sample (floats)
const s16 = raw + blockSamples * 4;
const outputs = s16 + blockSamples * 2;
// Per channel, a window is at least 16 samples: 4 bytes of min/max and 4 of energy.
const outputBytes = (blockSamples / 16) * 4;
const memoryBytes = outputs + 4 * outputBytes;

interface Instance {
  x: KernelExports;
  bytes: Uint8Array;
  int16: Int16Array;
  float32: Float32Array;
}

let shared: Instance | null | undefined;

/**
 * One instance per thread, shared by every analyser: `run` is synchronous, so no two ever use its memory at once,
 * and a WebAssembly memory reserves a large address range that only the garbage collector gives back.
 */
function instance(): Instance | null {
  if (shared === undefined) {
    const bytes = Uint8Array.from(atob(simdKernelBase64), (c) => c.charCodeAt(0));
    // Engines without WebAssembly SIMD reject the module; the JavaScript loops then do all the work.
    if (!WebAssembly.validate(bytes)) return (shared = null);
    const x = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as KernelExports;
    const pages = Math.ceil(memoryBytes / 65536) - x.memory.buffer.byteLength / 65536;
    if (pages > 0) x.memory.grow(pages);
    const buffer = x.memory.buffer;
    shared = { x, bytes: new Uint8Array(buffer), int16: new Int16Array(buffer), float32: new Float32Array(buffer) };
  }
  return shared;
}

/**
 * The import's per-window min/max and energy in WebAssembly SIMD (see simd-kernel.wat), for one or two channels
 * and windows a multiple of 16 frames long (8, 16 and 48 kHz audio). `create` returns undefined for anything
 * else, and the caller keeps its JavaScript loops.
 */
export class SimdKernel {
  private readonly blockWindows: number;

  static create(channels: number, spp: number): SimdKernel | undefined {
    const fits = (channels === 1 || channels === 2) && Number.isInteger(spp) && spp >= 16 && spp % 16 === 0;
    if (!fits || spp * channels > blockSamples) return undefined;
    const kernel = instance();
    return kernel ? new SimdKernel(kernel, channels, spp) : undefined;
  }

  private constructor(
    private readonly k: Instance,
    readonly channels: number,
    readonly spp: number,
  ) {
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
        this.k.int16.set(input.samples.subarray(from * ch, from * ch + samples), s16 / 2);
        return;
      case 'alaw':
      case 'mulaw':
        this.k.bytes.set(input.codes.subarray(from * ch, from * ch + samples), raw);
        if (input.kind === 'alaw') this.k.x.alawToS16(raw, samples, s16);
        else this.k.x.mulawToS16(raw, samples, s16);
        return;
      case 'f32': {
        const planes = input.planes;
        this.k.float32.set(planes[0].subarray(from, from + frames), raw / 4);
        if (ch === 1) {
          this.k.x.f32ToS16(raw, frames, s16);
          return;
        }
        // A lone plane for a stereo stream feeds both channels, as PeakAnalyser.pushPlanar does.
        const right = raw + frames * 4;
        this.k.float32.set(planes[Math.min(1, planes.length - 1)].subarray(from, from + frames), right / 4);
        this.k.x.f32PairToS16(raw, right, frames, s16);
        return;
      }
    }
  }

  private windowsOf(n: number, out: KernelOutput, at: number): void {
    const p = [outputs, outputs + outputBytes];
    const e = [outputs + 2 * outputBytes, outputs + 3 * outputBytes];
    if (this.channels === 2) this.k.x.windowsStereo(s16, n, this.spp, p[0], p[1], e[0], e[1]);
    else this.k.x.windowsMono(s16, n, this.spp, p[0], e[0]);
    for (let c = 0; c < this.channels; c++) {
      out.peaks[c].set(this.k.int16.subarray(p[c] / 2, p[c] / 2 + 2 * n), 2 * at);
      out.energy[c].set(this.k.float32.subarray(e[c] / 4, e[c] / 4 + n), at);
    }
  }
}
