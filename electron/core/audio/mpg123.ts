import { AudioFormatError, noAudioError } from './errors';
import { mpg123Base64 } from './mpg123-binary';
import { instantiateReactor, type ReactorExports } from './wasi-reactor';
import type { PcmSink } from './pcm-sink';
import type { AudioInfo } from './probe';
import type { ByteSource } from './source';

/** The exports of scripts/mpg123/qa_mpg123.c; pointers and sizes are byte offsets and counts in its memory. */
interface Mpg123Exports extends ReactorExports {
  qa_mp3_open(channels: number, rate: number): number;
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
// 64 Ki stereo frames, 8 s of 8 kHz audio per read: the analyser's per-block set-up is paid rarely, and the block
// still fits a core's L2 cache beside the analyser's own memory.
const outputBytes = 256 * 1024;

interface Instance {
  x: Mpg123Exports;
  input: number;
  output: number;
  done: number;
}

let shared: Instance | undefined;

/**
 * One instance per worker thread, used by one file at a time: decoding is synchronous from the first feed to the
 * last read. Files get a fresh mpg123 handle each; the instance, its compiled code and its memory stay. The module
 * is our build of libmpg123 (LGPL-2.1) or a user's own named by QA_MPG123_WASM (resources/licenses/mpg123/NOTICE.md).
 */
function instance(): Instance {
  if (shared) return shared;
  const { x, buffers } = instantiateReactor<Mpg123Exports>(mpg123Base64, 'QA_MPG123_WASM', 'MP3 decoder', [
    inputBytes,
    outputBytes,
    4,
  ]);
  const [input, output, doneSlot] = buffers;
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
 * with the file's channel count and sample rate; returns the frames decoded. Junk between frames is skipped by
 * mpg123 itself; a file that yields no audio at all is a decode error.
 */
export function decodeMpeg(src: ByteSource, info: AudioInfo, sink: PcmSink, checkCancelled: () => void): number {
  const { x, input, output, done: doneSlot } = instance();
  const channels = info.channels === 1 ? 1 : 2;
  const handle = x.qa_mp3_open(channels, info.sampleRate);
  if (!handle) throw new Error('mpg123: could not create a decoder');
  let frames = 0;
  let firstError = '';
  const noteError = () => (firstError ||= cString(x.memory, x.qa_mp3_error(handle)));
  /** Reads out everything mpg123 can decode from what it has been fed so far. */
  const drain = () => {
    // A run of reads with no output means mpg123 is stuck on junk; the next feed gives it a fresh start.
    for (let empty = 0; empty < 64;) {
      const code = x.qa_mp3_read(handle, output, outputBytes, doneSlot);
      // Views are made per use: the memory's buffer is replaced whenever mpg123 grows it.
      const memory = x.memory.buffer;
      const n = Math.floor(new Uint32Array(memory, doneSlot, 1)[0] / 2 / channels);
      if (n > 0) {
        sink.push(new Int16Array(memory, output, n * channels), n);
        frames += n;
      }
      if (code === needMore || code === done) return;
      // mpg123 resynchronises on the next frame by itself; keep the first reason in case nothing decodes.
      if (code !== ok && code !== newFormat) noteError();
      empty = n > 0 ? 0 : empty + 1;
    }
  };
  try {
    let position = info.audioOffset;
    while (position < src.size) {
      checkCancelled();
      const got = src.readInto(new Uint8Array(x.memory.buffer, input, inputBytes), position, inputBytes);
      if (got === 0) break;
      position += got;
      if (x.qa_mp3_feed(handle, input, got) !== ok) noteError();
      drain();
    }
    drain();
    x.qa_mp3_close(handle);
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) {
      x.qa_mp3_close(handle);
      throw error;
    }
    // A trap inside mpg123 (a file crafted to break it) leaves its memory in an unknown state: the handle is not
    // freed through it, and the next MP3 gets a new instance.
    shared = undefined;
    throw new AudioFormatError('decode_error', `The MP3 decoder failed on this file (${error.message}).`);
  }
  if (frames === 0) throw noAudioError(info.codec, firstError);
  return frames;
}
