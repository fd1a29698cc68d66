import { AudioFormatError } from './errors';
import type { PcmSink } from './decode';
import type { AudioInfo } from './probe';
import type { ByteSource } from './source';

/**
 * mpg123-decoder's `decode()` slices every block of output into fresh arrays, then concatenates them all per
 * call: for an hour of MP3 that is about a quarter of the import. Its WASM functions and buffers are reachable on
 * the instance, so we drive them the same way `decode()` does (mpg123-decoder 1.0.x) but read the input straight
 * into the decoder's input buffer and hand each block of output to the analyser in place. If a future version
 * renames any of this, `mpegInternals` returns undefined and the public `decode()` is used instead.
 */
interface WasmBuffer<T> {
  ptr: number;
  len: number;
  buf: T;
}

export interface MpegInternals {
  _common: {
    wasm: {
      mpeg_decoder_feed(decoder: number, input: number, length: number): number;
      mpeg_decoder_read(
        decoder: number,
        output: number,
        outputLength: number,
        samplesDecoded: number,
        sampleRate: number,
        errorString: number,
      ): number;
      mpeg_frame_decoder_create(decoderOut: number, gapless: number): number;
      mpeg_frame_decoder_destroy(decoder: number): void;
      free(ptr: number): void;
    };
    codeToString(ptr: number): string;
  };
  _decoder: number;
  _input: WasmBuffer<Uint8Array>;
  _output: WasmBuffer<Float32Array>;
  _samplesDecodedPtr: WasmBuffer<Uint32Array>;
  _sampleRatePtr: WasmBuffer<Uint32Array>;
  _errorStringPtr: WasmBuffer<Uint32Array>;
}

const needMore = -10;
const newFormat = -11;

export function mpegInternals(decoder: unknown): MpegInternals | undefined {
  const d = decoder as Partial<MpegInternals>;
  const ok =
    typeof d._common?.wasm?.mpeg_decoder_feed === 'function' &&
    typeof d._common.wasm.mpeg_decoder_read === 'function' &&
    typeof d._common.wasm.mpeg_frame_decoder_create === 'function' &&
    typeof d._common.wasm.mpeg_frame_decoder_destroy === 'function' &&
    typeof d._common.wasm.free === 'function' &&
    typeof d._decoder === 'number' &&
    d._input?.buf instanceof Uint8Array &&
    d._output?.buf instanceof Float32Array &&
    d._samplesDecodedPtr?.buf instanceof Uint32Array &&
    d._sampleRatePtr?.buf instanceof Uint32Array &&
    d._errorStringPtr?.buf instanceof Uint32Array;
  return ok ? (d as MpegInternals) : undefined;
}

/**
 * Starts the next file on a fresh mpg123 handle inside the same WASM instance. The public `reset()` makes a new
 * instance with new memory each time, which cost about 12 ms of CPU a file on V8's helper threads (allocating and
 * collecting the old memory): as much as decoding a one-minute MP3. Returns false if no new handle could be
 * made; the old one is freed either way, so the caller must then make a new decoder, not call `reset()`.
 */
export function resetMpegDecoder(m: MpegInternals): boolean {
  const wasm = m._common.wasm;
  // As the library's own free(): the handle's insides, then the handle.
  wasm.mpeg_frame_decoder_destroy(m._decoder);
  wasm.free(m._decoder);
  // Any u32 slot in the instance's memory can receive the new handle; this one is rewritten by every read.
  const slot = m._sampleRatePtr;
  slot.buf[0] = 0;
  // Gapless on, as the library's default.
  if (wasm.mpeg_frame_decoder_create(slot.ptr, 1) !== 0 || slot.buf[0] === 0) return false;
  m._decoder = slot.buf[0];
  return true;
}

/** Streams the MPEG audio of `src` through a freshly reset decoder into `sink`; returns the frames decoded. */
export function decodeMpegDirect(
  m: MpegInternals,
  src: ByteSource,
  info: AudioInfo,
  sink: PcmSink,
  checkCancelled: () => void,
): number {
  const wasm = m._common.wasm;
  const input = m._input;
  const output = m._output;
  const samplesOut = m._samplesDecodedPtr.buf;
  const planeCount = Math.min(2, Math.max(1, info.channels));
  let frames = 0;
  let firstError = '';
  let position = info.audioOffset;
  while (position < src.size) {
    checkCancelled();
    const got = src.readInto(input.buf, position, input.len);
    if (got === 0) break;
    position += got;
    if (wasm.mpeg_decoder_feed(m._decoder, input.ptr, got) === needMore) continue;
    // Drain everything this input produced; a run of reads with no output means the rest of the input is junk.
    for (let failures = 0; failures < 64;) {
      samplesOut[0] = 0;
      const error = wasm.mpeg_decoder_read(
        m._decoder,
        output.ptr,
        output.len,
        m._samplesDecodedPtr.ptr,
        m._sampleRatePtr.ptr,
        m._errorStringPtr.ptr,
      );
      const n = samplesOut[0];
      if (n) {
        const planes = [output.buf.subarray(0, n), output.buf.subarray(n, 2 * n)].slice(0, planeCount);
        sink.pushPlanar(planes, n);
        frames += n;
      }
      if (error === needMore) break;
      failures = n ? 0 : failures + 1;
      if (error && error !== newFormat) firstError ||= `${error} ${m._common.codeToString(m._errorStringPtr.buf[0])}`;
    }
  }
  if (frames === 0) {
    const detail = firstError ? `: ${firstError}` : '';
    throw new AudioFormatError('decode_error', `No audio could be decoded from this ${info.codec} file${detail}.`);
  }
  return frames;
}
