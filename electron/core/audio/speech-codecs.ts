import { AudioFormatError } from './errors';
import { speechCodecsBase64 } from './speech-codecs-binary';
import { instantiateReactor, type ReactorExports } from './wasi-reactor';

/** The codecs of scripts/speech-codecs/qa_speech.c, by the names FFmpeg gives them (stored as the recording's codec). */
export const speechCodecIds = {
  gsm: 1,
  gsm_ms: 2,
  g729: 3,
  amr_nb: 4,
  adpcm_g726: 5,
  adpcm_g722: 6,
  adpcm_ima_wav: 7,
  adpcm_ms: 8,
  adpcm_ima_oki: 9,
} as const;
export type SpeechCodec = keyof typeof speechCodecIds;

/** What the C side needs besides the codec: the WAV block size, bits per code, sample rate and channels. */
export interface SpeechParams {
  codec: SpeechCodec;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number;
}

/** The exports of qa_speech.c; pointers and sizes are byte offsets and counts in its memory. */
interface SpeechExports extends ReactorExports {
  qa_open(codec: number, channels: number, rate: number, blockAlign: number, bits: number): number;
  qa_decode(handle: number, input: number, size: number, output: number, cap: number, counts: number): number;
  qa_close(handle: number): void;
}

export const speechInputBytes = 64 * 1024;
// Room for the most a full input buffer can give: two 16-bit samples per byte of VOX or G.722, on two channels.
const outputBytes = speechInputBytes * 2 * 2 * 2;

interface Instance {
  x: SpeechExports;
  input: number;
  output: number;
  counts: number;
}

let shared: Instance | undefined;

/**
 * One instance per thread; every decoder handle in it is used synchronously, a chunk at a time. The module is our
 * build of FFmpeg's decoders (LGPL-2.1-or-later) or a user's own named by QA_SPEECH_CODECS_WASM
 * (resources/licenses/ffmpeg/NOTICE.md).
 */
function instance(): Instance {
  if (shared) return shared;
  const { x, buffers } = instantiateReactor<SpeechExports>(
    speechCodecsBase64,
    'QA_SPEECH_CODECS_WASM',
    'speech decoders',
    [speechInputBytes, outputBytes, 8],
  );
  const [input, output, counts] = buffers;
  shared = { x, input, output, counts };
  return shared;
}

/** Size of the decoders' WebAssembly memory in bytes (0 before the first use): it must not grow file after file. */
export function speechMemoryBytes(): number {
  return shared ? shared.x.memory.buffer.byteLength : 0;
}

export interface DecodedChunk {
  /** Interleaved 16-bit frames, a view into the decoder's memory: valid until the next call. */
  samples: Int16Array;
  frames: number;
  /** Input bytes consumed: whole packets only. */
  used: number;
  /** Packets that could not be decoded (rendered as silence). */
  bad: number;
  /** The input starts with something that cannot be a packet (an AMR frame type that does not exist). */
  invalid: boolean;
}

/** Thrown for a trap inside the decoders: the instance is dropped and the next file gets a new one. */
export class SpeechDecoderCrash extends AudioFormatError {
  constructor() {
    super('decode_error', 'The decoder crashed on this file: it is probably damaged.', {
      key: 'decoder_crashed',
      values: {},
    });
  }
}

/** One file's decoder: FFmpeg keeps the codec's state from chunk to chunk. */
export class SpeechDecoder {
  private readonly inst: Instance;
  private handle: number;

  constructor(private readonly params: SpeechParams) {
    this.inst = instance();
    const { codec, channels, sampleRate, blockAlign, bits } = params;
    this.handle = this.guard(() => this.inst.x.qa_open(speechCodecIds[codec], channels, sampleRate, blockAlign, bits));
    if (!this.handle)
      throw new AudioFormatError('not_audio', `Invalid ${codec} parameters in the file's header.`, {
        key: 'bad_header',
        values: { codec },
      });
  }

  /** Decodes the whole packets at the start of `bytes` (at most speechInputBytes). */
  decode(bytes: Uint8Array): DecodedChunk {
    const { x, input, output, counts } = this.inst;
    return this.guard(() => {
      new Uint8Array(x.memory.buffer, input, bytes.length).set(bytes);
      const cap = Math.floor(outputBytes / 2 / this.params.channels);
      const frames = x.qa_decode(this.handle, input, bytes.length, output, cap, counts);
      const memory = x.memory.buffer;
      const [used, bad] = new Int32Array(memory, counts, 2);
      if (frames < 0) return { samples: new Int16Array(0), frames: 0, used: 0, bad: 0, invalid: true };
      const samples = new Int16Array(memory, output, frames * this.params.channels);
      return { samples, frames, used, bad, invalid: false };
    });
  }

  close(): void {
    if (this.handle && shared === this.inst) this.inst.x.qa_close(this.handle);
    this.handle = 0;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      // A trap leaves the decoders' memory in an unknown state: nothing more is freed through it, and the next
      // file gets a new instance.
      if (shared === this.inst) shared = undefined;
      this.handle = 0;
      throw new SpeechDecoderCrash();
    }
  }
}
