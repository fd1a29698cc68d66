import { AudioFormatError } from './errors';
import type { AudioInfo, ProbeOptions } from './probe';
import type { ByteSource } from './source';
import type { SpeechCodec } from './speech-codecs';

/** Where a speech codec's packets are and how to decode them (the FFmpeg decoders in speech-codecs.ts). */
export interface SpeechLayout {
  codec: SpeechCodec;
  dataOffset: number;
  dataBytes: number;
  /** WAV block size (IMA and Microsoft ADPCM, GSM in WAV), else 0. */
  blockAlign: number;
  /** Bits per code: G.726 2–5, G.722 8; else 0. */
  bits: number;
  /** Bytes and frames of one packet; bytes 0 for AMR, whose packets differ in size. */
  packetBytes: number;
  packetFrames: number;
  /** Frames the file declares (a WAV fact chunk), which trims the padding of the last block. */
  declaredFrames?: number;
  /** True when the decoder's state carries from packet to packet: playing from the middle needs a run-up. */
  stateful: boolean;
}

/** What a WAV `fmt ` chunk says, as far as the speech codecs need it. */
export interface WavFormat {
  tag: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

const names: Record<SpeechCodec, string> = {
  gsm: 'GSM 6.10',
  gsm_ms: 'GSM 6.10',
  g729: 'G.729',
  amr_nb: 'AMR-NB',
  adpcm_g726: 'G.726 ADPCM',
  adpcm_g722: 'G.722',
  adpcm_ima_wav: 'IMA ADPCM',
  adpcm_ms: 'Microsoft ADPCM',
  adpcm_ima_oki: 'Dialogic VOX ADPCM',
};
export const speechCodecName = (codec: SpeechCodec) => names[codec];

const wavTags: Record<number, SpeechCodec> = {
  0x0002: 'adpcm_ms',
  0x0011: 'adpcm_ima_wav',
  0x0031: 'gsm_ms',
  0x0045: 'adpcm_g726',
  0x0064: 'adpcm_g726',
  0x0083: 'g729',
  0x028f: 'adpcm_g722',
};

export const isSpeechWavTag = (tag: number) => wavTags[tag] !== undefined;

function invalid(codec: SpeechCodec, what: string): never {
  const reason = { key: 'bad_header' as const, values: { codec: names[codec] } };
  throw new AudioFormatError('not_audio', `Invalid ${names[codec]} WAV header: ${what}.`, reason);
}

function channelsError(codec: SpeechCodec, channels: number): AudioFormatError {
  const reason = { key: 'channels' as const, values: { codec: names[codec], channels } };
  return new AudioFormatError(
    'unsupported_codec',
    `Unsupported codec: ${names[codec]} with ${channels} channels.`,
    reason,
  );
}

function mono(codec: SpeechCodec, channels: number): void {
  if (channels !== 1) throw channelsError(codec, channels);
}

function layout(
  codec: SpeechCodec,
  dataOffset: number,
  dataBytes: number,
  fields: Partial<SpeechLayout> & Pick<SpeechLayout, 'packetBytes' | 'packetFrames'>,
): SpeechLayout {
  return { codec, dataOffset, dataBytes, blockAlign: 0, bits: 0, stateful: true, ...fields };
}

/** The speech-codec part of a WAV file whose format tag isSpeechWavTag. */
export function speechWav(fmt: WavFormat, dataOffset: number, dataBytes: number, fact?: number): AudioInfo {
  const codec = wavTags[fmt.tag];
  const { channels, blockAlign } = fmt;
  let sampleRate = fmt.sampleRate;
  let l: SpeechLayout;
  if (codec === 'adpcm_ima_wav' || codec === 'adpcm_ms') {
    if (channels > 2) throw channelsError(codec, channels);
    if (codec === 'adpcm_ima_wav' && fmt.bitsPerSample !== 4)
      throw new AudioFormatError('unsupported_codec', `Unsupported codec: ${fmt.bitsPerSample}-bit IMA ADPCM.`);
    const header = (codec === 'adpcm_ms' ? 7 : 4) * channels;
    if (blockAlign <= header || blockAlign > 65536 || (blockAlign - header) % channels !== 0)
      invalid(codec, `block size ${blockAlign}`);
    const packetFrames = ((blockAlign - header) * 2) / channels + (codec === 'adpcm_ms' ? 2 : 1);
    // Each block starts from the predictor values in its own header.
    l = layout(codec, dataOffset, dataBytes, { blockAlign, packetBytes: blockAlign, packetFrames, stateful: false });
  } else if (codec === 'gsm_ms') {
    mono(codec, channels);
    if (blockAlign !== 65) invalid(codec, `block size ${blockAlign} (GSM in WAV uses 65)`);
    l = layout(codec, dataOffset, dataBytes, { blockAlign, packetBytes: 65, packetFrames: 320 });
  } else if (codec === 'g729') {
    mono(codec, channels);
    l = layout(codec, dataOffset, dataBytes, { packetBytes: 10, packetFrames: 80 });
  } else if (codec === 'adpcm_g726') {
    mono(codec, channels);
    // Some writers leave the bits per sample at 0; the byte rate then says which of the four rates it is.
    const bits = fmt.bitsPerSample || Math.round((fmt.byteRate * 8) / fmt.sampleRate);
    if (bits < 2 || bits > 5) invalid(codec, `${bits} bits per sample`);
    l = layout(codec, dataOffset, dataBytes, { bits, packetBytes: bits, packetFrames: 8 });
  } else {
    mono(codec, channels);
    // G.722 always codes 16 kHz audio; some writers put the 8 kHz clock of its samples in the header.
    sampleRate = 16000;
    l = layout(codec, dataOffset, dataBytes, { bits: 8, packetBytes: 1, packetFrames: 2 });
  }
  if (fact !== undefined && fact > 0) l.declaredFrames = fact;
  return speechInfo('wav', l, channels, sampleRate);
}

function speechInfo(container: AudioInfo['container'], l: SpeechLayout, channels: number, sampleRate: number) {
  const frames = speechFrames(l);
  if (frames === 0) {
    if (l.dataBytes === 0) throw new AudioFormatError('empty', 'The file contains no audio.');
    throw new AudioFormatError('truncated', `The file is truncated: it is shorter than one ${names[l.codec]} frame.`, {
      key: 'shorter_than_frame',
      values: { codec: names[l.codec] },
    });
  }
  const info: AudioInfo = {
    container,
    codec: l.codec,
    sampleRate,
    channels,
    audioOffset: l.dataOffset,
    speech: l,
  };
  if (frames > 0) info.estimatedFrames = frames;
  return info;
}

/** Frames in the whole packets of the data: exact for fixed-size packets, -1 for AMR (known once decoded). */
export function speechFrames(l: SpeechLayout): number {
  if (l.packetBytes === 0) return l.dataBytes > 0 ? -1 : 0;
  const frames = Math.floor(l.dataBytes / l.packetBytes) * l.packetFrames;
  return l.declaredFrames !== undefined ? Math.min(frames, l.declaredFrames) : frames;
}

const amrMagic = '#!AMR\n';

/** AMR-NB in its storage format (RFC 4867, section 5), which phones' recorders write. */
export function probeAmr(src: ByteSource, head: Buffer): AudioInfo | undefined {
  const text = head.toString('latin1', 0, 16);
  if (text.startsWith('#!AMR-WB\n')) throw new AudioFormatError('unsupported_codec', 'Unsupported codec: AMR-WB.');
  if (text.startsWith('#!AMR_MC1.0\n'))
    throw new AudioFormatError('unsupported_codec', 'Unsupported codec: multichannel AMR.');
  if (!text.startsWith(amrMagic)) return undefined;
  const l = layout('amr_nb', amrMagic.length, src.size - amrMagic.length, { packetBytes: 0, packetFrames: 160 });
  return speechInfo('amr', l, 1, 8000);
}

interface RawFormat {
  codec: SpeechCodec;
  packetBytes: number;
  packetFrames: number;
  bits: number;
  /** Undefined for VOX, whose rate (6 or 8 kHz) comes from the settings or the manifest. */
  rate?: number;
}

/** Headerless files, known only by their extension: what each extension stands for. */
const rawExtensions: Record<string, RawFormat> = {
  '.gsm': { codec: 'gsm', packetBytes: 33, packetFrames: 160, bits: 0, rate: 8000 },
  '.g729': { codec: 'g729', packetBytes: 10, packetFrames: 80, bits: 0, rate: 8000 },
  '.g722': { codec: 'adpcm_g722', packetBytes: 1, packetFrames: 2, bits: 8, rate: 16000 },
  '.vox': { codec: 'adpcm_ima_oki', packetBytes: 1, packetFrames: 2, bits: 4 },
};

export const rawSpeechExtensions = Object.keys(rawExtensions);

/**
 * A headerless recording (raw GSM, G.729, G.722 or Dialogic VOX) chosen by its file extension, because nothing in
 * its content says what it is; the info says so (`byExtension`), and so does any error about it.
 */
export function probeRawSpeech(src: ByteSource, extension: string, options: ProbeOptions): AudioInfo | undefined {
  const format = rawExtensions[extension.toLowerCase()];
  if (!format) return undefined;
  const { rate = options.voxSampleRate ?? 8000, ...packets } = format;
  const l = layout(format.codec, 0, src.size, packets);
  // Every GSM 6.10 frame starts with the signature nibble 0xD: anything else is not GSM at all.
  if (l.codec === 'gsm' && src.size >= 1 && src.read(0, 1)[0] >> 4 !== 0xd)
    throw new AudioFormatError(
      'not_audio',
      `Not a GSM 6.10 file: it has no header, so it was read as raw GSM by its ${extension} extension, and its first frame lacks the GSM signature.`,
      { key: 'not_gsm', values: { extension } },
    );
  try {
    return { ...speechInfo('raw', l, 1, rate), byExtension: extension.toLowerCase() };
  } catch (error) {
    if (error instanceof AudioFormatError)
      throw new AudioFormatError(
        error.code,
        `${error.message} (It has no header, so it was read as raw ${names[l.codec]} by its ${extension} extension.)`,
        error.reason && { ...error.reason, byExtension: extension.toLowerCase() },
      );
    throw error;
  }
}
