import { AudioFormatError } from './errors';
import type { AudioInfo } from './probe';
import type { ByteSource } from './source';

/** Total length of an ID3v2 tag (header, syncsafe size, optional footer), or undefined if the header is cut. */
export function id3Length(head: Buffer): number | undefined {
  if (head.length < 10) return undefined;
  const size = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
  const footer = head[5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

const bitratesKbps = {
  // [version 1][layer 1..3], [version 2/2.5][layer 1..3]
  v1: [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  v2: [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
};
const sampleRates: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

export interface MpegFrame {
  length: number;
  sampleRate: number;
  channels: number;
  layer: number;
  samplesPerFrame: number;
  bitrateKbps: number;
}

export function parseMpegHeader(b: Buffer, at: number): MpegFrame | undefined {
  if (at + 4 > b.length) return undefined;
  if (b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (b[at + 1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
  const layerBits = (b[at + 1] >> 1) & 3; // 3 = layer I, 2 = II, 1 = III
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return undefined;
  const layer = 4 - layerBits;
  const padding = (b[at + 2] >> 1) & 1;
  const channels = b[at + 3] >> 6 === 3 ? 1 : 2;
  const sampleRate = sampleRates[version][rateIndex];
  const bitrateKbps = (version === 3 ? bitratesKbps.v1 : bitratesKbps.v2)[layer - 1][bitrateIndex];
  const samplesPerFrame = layer === 1 ? 384 : layer === 2 || version === 3 ? 1152 : 576;
  const length =
    layer === 1
      ? (Math.floor((12 * bitrateKbps * 1000) / sampleRate) + padding) * 4
      : Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  return { length, sampleRate, channels, layer, samplesPerFrame, bitrateKbps };
}

/**
 * Finds MPEG audio at `at`. A bare file must start with a frame whose successor is also a frame (random bytes
 * pass one header check far too often); after an ID3 tag we allow some padding before the first frame.
 */
export function probeMpeg(src: ByteSource, at: number, tagged: boolean): AudioInfo | undefined {
  const window = src.read(at, tagged ? 64 * 1024 : 8 * 1024);
  const limit = tagged ? window.length - 4 : 1;
  for (let i = 0; i < Math.max(limit, 1); i++) {
    const frame = parseMpegHeader(window, i);
    if (!frame) continue;
    const nextAt = at + i + frame.length;
    if (nextAt > src.size) {
      if (i === 0 || tagged)
        throw new AudioFormatError('truncated', 'The file is truncated: the first MP3 frame ends early.');
      continue;
    }
    if (nextAt + 4 <= src.size) {
      const next = parseMpegHeader(src.read(nextAt, 4), 0);
      if (!next || next.sampleRate !== frame.sampleRate) continue;
    }
    const audioBytes = src.size - (at + i);
    const estimatedFrames = Math.round((audioBytes * 8 * frame.sampleRate) / (frame.bitrateKbps * 1000));
    return {
      container: 'mp3',
      codec: frame.layer === 3 ? 'mp3' : frame.layer === 2 ? 'mp2' : 'mp1',
      sampleRate: frame.sampleRate,
      channels: frame.channels,
      audioOffset: at + i,
      estimatedFrames,
    };
  }
  return undefined;
}
