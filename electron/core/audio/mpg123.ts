import { AudioFormatError } from './errors';
import { mpg123Base64 } from './mpg123-binary';
import type { PcmSink } from './decode';
import type { AudioInfo } from './probe';
import type { ByteSource } from './source';

/** The exports of scripts/mpg123/qa_mpg123.c; pointers and sizes are byte offsets and counts in its memory. */
interface Mpg123Exports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  qa_mp3_open(channels: number): number;
  qa_mp3_feed(handle: number, input: number, size: number): number;
  qa_mp3_read(handle: number, output: number, size: number, done: number): number;
  qa_mp3_error(handle: number): number;
  qa_mp3_close(handle: number): void;
}

// mpg123's return codes (mpg123.h).
const ok = 0;
const needMore = -10;
const newFormat = -11;
const done = -12;

const inputBytes = 64 * 1024;
// 64 Ki frames of stereo: most of a second of 8 kHz audio per read would be 16 Ki; a bigger block means fewer
// trips to the analyser, each with its per-block set-up.
const outputBytes = 256 * 1024;

// libmpg123 never touches files here (it is fed from memory), so the few WASI calls its C library links in are
// never made; if one ever is, it fails with ENOSYS instead of doing anything.
const enosys = () => 52;

interface Instance {
  x: Mpg123Exports;
  input: number;
  output: number;
  done: number;
}

let shared: Instance | undefined;

/**
 * One instance per worker thread, used by one file at a time: decoding is synchronous from the first feed to the
 * last read. Files get a fresh mpg123 handle each; the instance, its compiled code and its memory stay.
 */
function instance(): Instance {
  if (shared) return shared;
  const bytes = Uint8Array.from(atob(mpg123Base64), (c) => c.charCodeAt(0));
  if (!WebAssembly.validate(bytes))
    throw new AudioFormatError(
      'unsupported_codec',
      'This MP3 decoder needs WebAssembly SIMD, which this copy of the app cannot run.',
    );
  const module = new WebAssembly.Module(bytes);
  const wasi: Record<string, () => number> = {};
  for (const i of WebAssembly.Module.imports(module)) if (i.kind === 'function') wasi[i.name] = enosys;
  const x = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi }).exports as unknown as Mpg123Exports;
  x._initialize();
  const input = x.malloc(inputBytes);
  const output = x.malloc(outputBytes);
  const doneSlot = x.malloc(4);
  if (!input || !output || !doneSlot) throw new Error('mpg123: out of WebAssembly memory');
  shared = { x, input, output, done: doneSlot };
  return shared;
}

/** Size of the decoder's WebAssembly memory in bytes (0 before the first MP3): it must not grow file after file. */
export function mpg123MemoryBytes(): number {
  return shared ? shared.x.memory.buffer.byteLength : 0;
}

function cString(memory: WebAssembly.Memory, ptr: number): string {
  const bytes = new Uint8Array(memory.buffer, ptr);
  return new TextDecoder().decode(bytes.subarray(0, Math.max(0, bytes.indexOf(0))));
}

/**
 * Streams the MPEG audio (layer I, II or III) of `src` through libmpg123 into `sink` as interleaved 16-bit frames
 * with the file's channel count; returns the frames decoded. Junk between frames is skipped by mpg123 itself; a
 * file that yields no audio at all is a decode error.
 */
export function decodeMpeg(src: ByteSource, info: AudioInfo, sink: PcmSink, checkCancelled: () => void): number {
  const { x, input, output, done: doneSlot } = instance();
  const channels = info.channels === 1 ? 1 : 2;
  const handle = x.qa_mp3_open(channels);
  if (!handle) throw new Error('mpg123: could not create a decoder');
  let frames = 0;
  let firstError = '';
  try {
    let position = info.audioOffset;
    while (position < src.size) {
      checkCancelled();
      // Views are made per use: the memory's buffer is replaced whenever mpg123 grows it.
      const got = src.readInto(new Uint8Array(x.memory.buffer, input, inputBytes), position, inputBytes);
      if (got === 0) break;
      position += got;
      const fed = x.qa_mp3_feed(handle, input, got);
      if (fed !== ok) firstError ||= cString(x.memory, x.qa_mp3_error(handle));
      // Drain everything this input produced; a run of reads with no output means the rest of the input is junk.
      for (let empty = 0; empty < 64;) {
        const code = x.qa_mp3_read(handle, output, outputBytes, doneSlot);
        const memory = x.memory.buffer;
        const samples = new Uint32Array(memory, doneSlot, 1)[0] / 2;
        const n = Math.floor(samples / channels);
        if (n > 0) {
          sink.push(new Int16Array(memory, output, n * channels), n);
          frames += n;
        }
        if (code === needMore || code === done) break;
        // mpg123 resynchronises on the next frame by itself; keep the first reason in case nothing decodes.
        if (code !== ok && code !== newFormat) firstError ||= cString(x.memory, x.qa_mp3_error(handle));
        empty = n > 0 ? 0 : empty + 1;
      }
    }
  } finally {
    x.qa_mp3_close(handle);
  }
  if (frames === 0) {
    const detail = firstError ? `: ${firstError}` : '';
    throw new AudioFormatError('decode_error', `No audio could be decoded from this ${info.codec} file${detail}.`);
  }
  return frames;
}
