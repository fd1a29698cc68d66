import type { ImportFailureReason } from '../../../shared/recording';
import { AudioFormatError } from './errors';
import type { PcmSink } from './pcm-sink';
import type { AudioInfo } from './probe';
import { speechCodecName, speechFrames, type SpeechLayout } from './probe-speech';
import type { ByteSource } from './source';
import { SpeechDecoder, speechInputBytes } from './speech-codecs';

/** A file with more damaged packets than this share (rendered as silence) is reported as damaged. */
const maxBadShare = 0.1;

function open(info: AudioInfo): SpeechDecoder {
  const l = info.speech!;
  return new SpeechDecoder({
    codec: l.codec,
    channels: info.channels,
    sampleRate: info.sampleRate,
    blockAlign: l.blockAlign,
    bits: l.bits,
  });
}

/** A decode failure with the reason the page words itself; a headerless file's reason names its extension. */
function failure(
  info: AudioInfo,
  code: 'decode_error' | 'truncated',
  message: string,
  key: ImportFailureReason['key'],
  values: Record<string, string | number> = {},
): AudioFormatError {
  const codec = speechCodecName(info.speech!.codec);
  const reason: ImportFailureReason = { key, values: { codec, ...values } };
  if (info.byExtension) reason.byExtension = info.byExtension;
  return new AudioFormatError(code, message, reason);
}

function damagedAt(info: AudioInfo, position: number): AudioFormatError {
  const name = speechCodecName(info.speech!.codec);
  const message = `The ${name} file is damaged at byte ${position}: no frame can start there.`;
  return failure(info, 'decode_error', message, 'framing_broken', { byte: position });
}

/**
 * Streams a speech-codec file (probe-speech.ts) through FFmpeg's decoder into `sink`; returns the frames decoded.
 * Damaged packets become silence, so the timeline stays exact; a file where more than a tenth of them are damaged,
 * or whose framing breaks, fails as damaged.
 */
export function decodeSpeech(src: ByteSource, info: AudioInfo, sink: PcmSink, checkCancelled: () => void): number {
  const l = info.speech!;
  const decoder = open(info);
  const input = new Uint8Array(new ArrayBuffer(speechInputBytes));
  const limit = l.declaredFrames ?? Infinity;
  const end = l.dataOffset + l.dataBytes;
  let position = l.dataOffset;
  let frames = 0;
  let decoded = 0;
  let bad = 0;
  try {
    while (position < end && frames < limit) {
      checkCancelled();
      const got = src.readInto(input, position, Math.min(input.length, end - position));
      if (got === 0) break;
      const out = decoder.decode(input.subarray(0, got));
      if (out.invalid) throw damagedAt(info, position);
      const n = Math.min(out.frames, limit - frames);
      if (n > 0) sink.push(out.samples, n);
      frames += n;
      decoded += out.frames;
      bad += out.bad;
      // Less than one whole packet left: the recording stopped mid-packet.
      if (out.used === 0) break;
      position += out.used;
    }
  } finally {
    decoder.close();
  }
  const name = speechCodecName(l.codec);
  const packets = decoded / l.packetFrames;
  if (frames === 0)
    throw failure(info, 'truncated', `The file is truncated: no whole ${name} frame.`, 'shorter_than_frame');
  if (bad === packets) {
    const message = `No audio could be decoded from this ${name} file: every frame is damaged.`;
    throw failure(info, 'decode_error', message, 'all_frames_damaged');
  }
  if (bad > packets * maxBadShare) {
    const message = `The ${name} file is damaged: ${bad} of ${packets} frames could not be decoded.`;
    throw failure(info, 'decode_error', message, 'frames_damaged', { bad, total: packets });
  }
  return frames;
}

/** Byte offset of the AMR packet that holds frame `frame` (or the end, if there is none), and that packet's frame. */
function amrPacketAt(src: ByteSource, l: SpeechLayout, frame: number): { position: number; frame: number } {
  const sizes = [13, 14, 16, 18, 20, 21, 27, 32, 6, 0, 0, 0, 0, 0, 0, 1];
  const chunk = new Uint8Array(new ArrayBuffer(64 * 1024));
  const end = l.dataOffset + l.dataBytes;
  let position = l.dataOffset;
  let at = 0;
  while (at + l.packetFrames <= frame && position < end) {
    const got = src.readInto(chunk, position, Math.min(chunk.length, end - position));
    let i = 0;
    while (i < got && at + l.packetFrames <= frame) {
      const size = sizes[(chunk[i] >> 3) & 15];
      if (size === 0) return { position: end, frame: at };
      i += size;
      at += l.packetFrames;
    }
    position += i;
  }
  return { position, frame: at };
}

/** Frames a speech-codec file decodes to, exactly as decodeSpeech counts them (AMR: by walking its packets). */
export function speechTotalFrames(src: ByteSource, info: AudioInfo): number {
  const l = info.speech!;
  const known = speechFrames(l);
  return known >= 0 ? known : amrPacketAt(src, l, Infinity).frame;
}

// Playing from the middle starts the decoder this far earlier, so its adaptive state has settled by the frame asked
// for: GSM, G.729 and AMR carry about 20 ms of history, and the G.726 and G.722 predictors leak towards their
// true values within a few ms. (VOX's predictor never leaks: vox.ts plays it from exact checkpoints instead.)
const runUpSeconds = 0.25;

/**
 * Interleaved 16-bit PCM of frames [from, to) of a speech-codec file, in chunks of about `chunkFrames`, for the
 * media handler. Blocks that start from their own header (IMA and Microsoft ADPCM) decode exactly from the block
 * holding `from`; the others start a quarter of a second earlier on a fresh decoder.
 */
export function* speechPcm(
  src: ByteSource,
  info: AudioInfo,
  from: number,
  to: number,
  chunkFrames: number,
): Generator<Buffer> {
  const l = info.speech!;
  const start = Math.max(0, from - (l.stateful ? Math.round(runUpSeconds * info.sampleRate) : 0));
  let position: number;
  let frame: number;
  if (l.packetBytes > 0) {
    const packet = Math.floor(start / l.packetFrames);
    position = l.dataOffset + packet * l.packetBytes;
    frame = packet * l.packetFrames;
  } else ({ position, frame } = amrPacketAt(src, l, start));
  const readBytes = l.packetBytes > 0 ? Math.ceil(chunkFrames / l.packetFrames) * l.packetBytes : 2048;
  const input = new Uint8Array(new ArrayBuffer(Math.min(speechInputBytes, readBytes)));
  const end = l.dataOffset + l.dataBytes;
  const decoder = open(info);
  try {
    while (frame < to && position < end) {
      const got = src.readInto(input, position, Math.min(input.length, end - position));
      const out = decoder.decode(input.subarray(0, got));
      if (out.invalid || out.used === 0) return;
      position += out.used;
      const skip = Math.max(0, from - frame);
      const keep = Math.min(out.frames, to - frame) - skip;
      if (keep > 0) {
        const bytes = new Uint8Array(out.samples.buffer, out.samples.byteOffset, out.frames * info.channels * 2);
        // Copied out of the decoder's memory, which the next chunk overwrites.
        yield Buffer.from(bytes.subarray(skip * info.channels * 2, (skip + keep) * info.channels * 2));
      }
      frame += out.frames;
    }
  } finally {
    decoder.close();
  }
}
