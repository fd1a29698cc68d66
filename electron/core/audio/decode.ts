import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import { AudioFormatError, noAudioError } from './errors';
import { byteTable, toInt16 } from './pcm';
import { decodeMpeg } from './mpg123';
import { decodeSpeech } from './decode-speech';
import type { AudioInfo } from './probe';
import type { PcmSink } from './pcm-sink';
import type { ByteSource } from './source';

export type { PcmSink } from './pcm-sink';

export interface DecodeOptions {
  isCancelled?: () => boolean;
}

interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  errors: { message: string }[];
}

interface StreamDecoder {
  ready: Promise<void>;
  reset(): Promise<void>;
  decode(data: Uint8Array): Decoded | Promise<Decoded>;
  flush?(): Promise<Decoded>;
}

/**
 * WASM decoders are expensive to instantiate and cheap to reset, so a long-lived worker keeps one of each and
 * resets it between files.
 */
const decoders = new Map<string, StreamDecoder>();

async function decoderFor(codec: string): Promise<StreamDecoder> {
  let decoder = decoders.get(codec);
  if (decoder) {
    await decoder.reset();
    return decoder;
  }
  if (codec === 'opus') decoder = new OggOpusDecoder() as unknown as StreamDecoder;
  else if (codec === 'vorbis') decoder = new OggVorbisDecoder() as unknown as StreamDecoder;
  else if (codec === 'flac') decoder = new FLACDecoder() as unknown as StreamDecoder;
  else throw new AudioFormatError('unsupported_codec', `Unsupported codec: ${codec}.`);
  await decoder.ready;
  decoders.set(codec, decoder);
  return decoder;
}

// Reads big enough that system calls and the analyser's per-chunk set-up cost little, and small enough that the
// chunk stays in a core's own 1 MB L2 cache between the kernel's copy and the analyser's pass: with 1 MB reads an
// hour of PCM took 3-8% longer, and two workers fought over the shared L3 for the spill.
const wavChunkBytes = 256 * 1024;
const compressedChunkBytes = 64 * 1024;

function checkCancelled(options: DecodeOptions): void {
  if (options.isCancelled?.()) throw new AudioFormatError('cancelled', 'Import cancelled.');
}

function decodeWav(src: ByteSource, info: AudioInfo, sink: PcmSink, options: DecodeOptions): number {
  const wav = info.wav!;
  const framesPerChunk = Math.max(1, Math.floor(wavChunkBytes / wav.blockAlign));
  // Own ArrayBuffer at offset 0, so 16-bit and float views over it are always aligned.
  const bytes = new Uint8Array(new ArrayBuffer(framesPerChunk * wav.blockAlign));
  const table = byteTable(wav.sampleFormat);
  const scratch = new Int16Array(table ? 0 : framesPerChunk * info.channels);
  let position = wav.dataOffset;
  const end = wav.dataOffset + wav.dataBytes;
  let frames = 0;
  while (position < end) {
    checkCancelled(options);
    const want = Math.min(bytes.length, end - position);
    const got = src.readInto(bytes, position, want);
    const chunkFrames = Math.floor(got / wav.blockAlign);
    if (chunkFrames === 0) break;
    if (table) sink.pushMapped(bytes, table, chunkFrames);
    else sink.push(toInt16(wav.sampleFormat, bytes, chunkFrames * info.channels, scratch), chunkFrames);
    frames += chunkFrames;
    position += chunkFrames * wav.blockAlign;
    if (got < want) break;
  }
  return frames;
}

async function decodeCompressed(
  src: ByteSource,
  info: AudioInfo,
  sink: PcmSink,
  options: DecodeOptions,
): Promise<number> {
  if (info.codec === 'mp3' || info.codec === 'mp2' || info.codec === 'mp1')
    return decodeMpeg(src, info, sink, () => checkCancelled(options));
  const decoder = await decoderFor(info.codec);
  const input = new Uint8Array(new ArrayBuffer(compressedChunkBytes));
  let frames = 0;
  let firstError = '';
  const take = (out: Decoded) => {
    if (out.errors.length) {
      firstError ||= out.errors[0].message;
    }
    const n = out.samplesDecoded;
    if (n === 0 || out.channelData.length === 0) return;
    // A lone plane for a stereo header feeds both channels.
    sink.pushPlanar(out.channelData, n);
    frames += n;
  };
  let position = info.audioOffset;
  while (position < src.size) {
    checkCancelled(options);
    const got = src.readInto(input, position, input.length);
    if (got === 0) break;
    position += got;
    // Decoders keep no reference to the input after returning, so the buffer is reused.
    take(await decoder.decode(input.subarray(0, got)));
  }
  if (decoder.flush) take(await decoder.flush());
  if (frames === 0) throw noAudioError(info.codec, firstError);
  return frames;
}

/** Streams the file through the right decoder into `sink`; returns the number of frames decoded. */
export async function decodeStream(
  src: ByteSource,
  info: AudioInfo,
  sink: PcmSink,
  options: DecodeOptions = {},
): Promise<number> {
  if (info.speech) return decodeSpeech(src, info, sink, () => checkCancelled(options));
  if (info.container === 'wav') return decodeWav(src, info, sink, options);
  return decodeCompressed(src, info, sink, options);
}
