import { AudioFormatError } from './errors';
import { probeMpeg, id3Length } from './probe-mpeg';
import {
  isSpeechWavTag,
  probeAmr,
  probeRawSpeech,
  rawSpeechExtensions,
  speechWav,
  type SpeechLayout,
} from './probe-speech';
import type { ByteSource } from './source';

/** `amr`: AMR-NB storage format; `raw`: a headerless speech codec known by the file's extension. */
export type Container = 'wav' | 'mp3' | 'ogg' | 'flac' | 'amr' | 'raw';
export type WavSampleFormat = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64' | 'alaw' | 'mulaw';

export interface WavLayout {
  sampleFormat: WavSampleFormat;
  formatTag: number;
  extensible: boolean;
  bitsPerSample: number;
  blockAlign: number;
  dataOffset: number;
  dataBytes: number;
}

export interface AudioInfo {
  container: Container;
  /** ffmpeg-style codec name: pcm_s16le, pcm_alaw, pcm_mulaw, mp3, opus, vorbis, flac, … */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Where decoding starts (after an ID3 tag, at the WAV data chunk, …). */
  audioOffset: number;
  /** Known up front for WAV and FLAC; otherwise estimated (MP3) or unknown until decoded. */
  estimatedFrames?: number;
  wav?: WavLayout;
  /** The telephone speech codecs FFmpeg's decoders handle (speech-codecs.ts): GSM, G.729, AMR-NB, ADPCM, … */
  speech?: SpeechLayout;
  /** Set when nothing in the content said what the file is and its extension (`.gsm`, …) decided. */
  byExtension?: string;
  /** A WAV whose data chunk claims more bytes than the file has after it: decoded as far as it goes. */
  truncated?: { declaredBytes: number; availableBytes: number };
}

export interface ProbeOptions {
  /** The file's extension with its dot (`.vox`): consulted only for headerless formats. */
  extension?: string;
  /** Sample rate of Dialogic VOX files (6000 or 8000), which have no header to say it. */
  voxSampleRate?: number;
}

const wavCodecNames: Record<WavSampleFormat, string> = {
  u8: 'pcm_u8',
  s16: 'pcm_s16le',
  s24: 'pcm_s24le',
  s32: 'pcm_s32le',
  f32: 'pcm_f32le',
  f64: 'pcm_f64le',
  alaw: 'pcm_alaw',
  mulaw: 'pcm_mulaw',
};

/** Names for WAV format tags we recognise but do not decode, so the message says what the file actually is. */
const unsupportedWavTags: Record<number, string> = {
  0x0022: 'TrueSpeech',
  0x0040: 'G.721 ADPCM',
  0x0042: 'G.723.1',
  0x0050: 'MPEG audio',
  0x0055: 'MPEG Layer 3',
  0x0065: 'G.722 ADPCM',
  0x0067: 'G.722.1',
};

const startsWith = (b: Buffer, text: string, at = 0) =>
  b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

/** True when `b` is a prefix of `text` (a file cut before its own signature ended). */
const isPrefixOf = (b: Buffer, text: string) => b.length < text.length && text.startsWith(b.toString('latin1'));

function truncated(what: string): never {
  throw new AudioFormatError('truncated', `The file is truncated: ${what}.`);
}

function unsupported(what: string): never {
  throw new AudioFormatError('unsupported_codec', what);
}

function wavSampleFormat(tag: number, bits: number): WavSampleFormat {
  if (tag === 1) {
    if (bits === 8) return 'u8';
    if (bits === 16) return 's16';
    if (bits === 24) return 's24';
    if (bits === 32) return 's32';
  } else if (tag === 3) {
    if (bits === 32) return 'f32';
    if (bits === 64) return 'f64';
  } else if (tag === 6 && bits === 8) return 'alaw';
  else if (tag === 7 && bits === 8) return 'mulaw';
  const name = unsupportedWavTags[tag];
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  if (name) unsupported(`Unsupported codec: ${name} in WAV (format ${hex}). Convert it to PCM or A-law WAV first.`);
  unsupported(`Unsupported WAV codec (format ${hex}, ${bits}-bit).`);
}

function probeWav(src: ByteSource, head: Buffer): AudioInfo {
  if (head.length < 12) truncated('the WAV header ends early');
  const rf64 = startsWith(head, 'RF64');
  let pos = 12;
  let fmt: Buffer | undefined;
  let dataOffset = -1;
  let dataBytes = 0;
  let ds64DataBytes: number | undefined;
  let fact: number | undefined;
  let truncatedData: AudioInfo['truncated'];
  // Walk the chunk list with positional reads: a big LIST or JUNK chunk may push `data` far from the start.
  while (pos + 8 <= src.size && (fmt === undefined || dataOffset < 0)) {
    const header = src.read(pos, 8);
    if (header.length < 8) break;
    const id = header.toString('latin1', 0, 4);
    const size = header.readUInt32LE(4);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (size < 16) truncated('the WAV format chunk is too short');
      fmt = src.read(body, Math.min(size, 64));
      if (fmt.length < 16) truncated('the WAV format chunk ends early');
    } else if (id === 'ds64' && rf64) {
      const ds = src.read(body, 28);
      if (ds.length >= 16) ds64DataBytes = ds.readUInt32LE(8) + ds.readUInt32LE(12) * 2 ** 32;
    } else if (id === 'fact' && size >= 4) {
      fact = src.read(body, 4).readUInt32LE(0);
    } else if (id === 'data') {
      dataOffset = body;
      const available = src.size - body;
      const declared = rf64 && size === 0xffffffff && ds64DataBytes !== undefined ? ds64DataBytes : size;
      // Recorders that crash or stream leave 0 or 0xFFFFFFFF here; the bytes that exist are the audio. A size
      // beyond the file's end (0xFFFFFFFF included: a recording never closed) is still said, as a warning.
      dataBytes = declared === 0 || declared > available ? available : declared;
      if (declared > available) truncatedData = { declaredBytes: declared, availableBytes: available };
      if (fmt !== undefined) break;
    }
    const next = body + size + (size & 1);
    if (next <= pos) break;
    pos = next;
  }
  if (fmt === undefined) truncated('the WAV format chunk is missing');
  const formatTag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const bitsPerSample = fmt.readUInt16LE(14);
  let tag = formatTag;
  const extensible = formatTag === 0xfffe;
  if (extensible) {
    if (fmt.length < 40) truncated('the WAV extensible format chunk ends early');
    // The sub-format GUID starts with the plain format tag.
    tag = fmt.readUInt16LE(24);
  }
  if (channels < 1 || channels > 16)
    throw new AudioFormatError('not_audio', `Invalid WAV header: ${channels} channels.`);
  if (sampleRate < 1000 || sampleRate > 768000)
    throw new AudioFormatError('not_audio', `Invalid WAV header: sample rate ${sampleRate} Hz.`);
  if (isSpeechWavTag(tag)) {
    if (dataOffset < 0) truncated('the WAV data chunk is missing');
    const byteRate = fmt.readUInt32LE(8);
    const blockAlign = fmt.readUInt16LE(12);
    const format = { tag, channels, sampleRate, byteRate, blockAlign, bitsPerSample };
    return speechWav(format, dataOffset, dataBytes, fact);
  }
  const sampleFormat = wavSampleFormat(tag, bitsPerSample);
  if (dataOffset < 0) truncated('the WAV data chunk is missing');
  const blockAlign = channels * (bitsPerSample / 8);
  const frames = Math.floor(dataBytes / blockAlign);
  if (frames === 0) throw new AudioFormatError('empty', 'The WAV file contains no audio samples.');
  return {
    container: 'wav',
    codec: wavCodecNames[sampleFormat],
    sampleRate,
    channels,
    audioOffset: dataOffset,
    estimatedFrames: frames,
    wav: {
      sampleFormat,
      formatTag: tag,
      extensible,
      bitsPerSample,
      blockAlign,
      dataOffset,
      dataBytes: frames * blockAlign,
    },
    ...(truncatedData && { truncated: truncatedData }),
  };
}

function probeFlac(src: ByteSource, at: number): AudioInfo {
  const head = src.read(at, 42);
  if (head.length < 42) truncated('the FLAC stream header ends early');
  if ((head[4] & 0x7f) !== 0) throw new AudioFormatError('not_audio', 'Invalid FLAC file: STREAMINFO is missing.');
  const b = head;
  const sampleRate = (b[18] << 12) | (b[19] << 4) | (b[20] >> 4);
  const channels = ((b[20] >> 1) & 7) + 1;
  const totalFrames = (b[21] & 0x0f) * 2 ** 32 + b.readUInt32BE(22);
  if (sampleRate === 0) throw new AudioFormatError('not_audio', 'Invalid FLAC file: sample rate 0.');
  return {
    container: 'flac',
    codec: 'flac',
    sampleRate,
    channels,
    audioOffset: at,
    estimatedFrames: totalFrames || undefined,
  };
}

function probeOgg(src: ByteSource): AudioInfo {
  const page = src.read(0, 27 + 255);
  if (page.length < 27) truncated('the first Ogg page ends early');
  const segments = page[26];
  let payloadSize = 0;
  if (page.length < 27 + segments) truncated('the first Ogg page ends early');
  for (let i = 0; i < segments; i++) payloadSize += page[27 + i];
  const payload = src.read(27 + segments, payloadSize);
  if (payload.length < Math.min(payloadSize, 19)) truncated('the first Ogg page ends early');
  if (startsWith(payload, 'OpusHead')) {
    if (payload.length < 19) truncated('the Opus header ends early');
    return {
      container: 'ogg',
      codec: 'opus',
      // Opus always decodes at 48 kHz whatever rate the source had.
      sampleRate: 48000,
      channels: payload[9],
      audioOffset: 0,
    };
  }
  if (payload[0] === 1 && startsWith(payload, 'vorbis', 1)) {
    if (payload.length < 16) truncated('the Vorbis header ends early');
    return {
      container: 'ogg',
      codec: 'vorbis',
      sampleRate: payload.readUInt32LE(12),
      channels: payload[11],
      audioOffset: 0,
    };
  }
  if (startsWith(payload, 'Speex   ')) unsupported('Unsupported codec: Speex in Ogg.');
  if (startsWith(payload, '\x7fFLAC')) unsupported('Unsupported codec: FLAC inside Ogg (use a plain .flac file).');
  unsupported('Unsupported codec inside an Ogg file (only Opus and Vorbis are supported).');
}

/**
 * Identifies a file by its content. Only when no content check matches does the extension count, and only for the
 * headerless speech formats (.gsm, .g729, .g722, .vox), which nothing in their bytes identifies. Throws AudioFormatError with a reason an inspector can
 * act on: empty, not audio, truncated header, or a codec we cannot decode.
 */
export function probe(src: ByteSource, options: ProbeOptions = {}): AudioInfo {
  if (src.size === 0) throw new AudioFormatError('empty', 'The file is empty (0 bytes).');
  const head = src.read(0, 64);
  if ((startsWith(head, 'RIFF') || startsWith(head, 'RF64')) && (head.length < 12 || startsWith(head, 'WAVE', 8)))
    return probeWav(src, head);
  const cut = ['RIFF', 'fLaC', 'OggS', 'ID3', '#!AMR\n'].some((magic) => isPrefixOf(head, magic));
  if (cut && !rawSpeechExtensions.includes(options.extension?.toLowerCase() ?? '')) truncated('the header ends early');
  const amr = probeAmr(src, head);
  if (amr) return amr;
  if (startsWith(head, 'fLaC')) return probeFlac(src, 0);
  if (startsWith(head, 'OggS')) return probeOgg(src);
  if (startsWith(head, 'ID3')) {
    const tagEnd = id3Length(head);
    if (tagEnd === undefined || tagEnd > src.size) truncated('the ID3 tag ends early');
    const after = src.read(tagEnd, 4);
    if (startsWith(after, 'fLaC')) return probeFlac(src, tagEnd);
    const mpeg = probeMpeg(src, tagEnd, true);
    if (mpeg) return mpeg;
    if (src.size - tagEnd < 4) truncated('the ID3 tag is not followed by any audio');
    throw new AudioFormatError('not_audio', 'The file has an ID3 tag but no MPEG audio frames.');
  }
  // A headerless format is taken on its extension's word before guessing MPEG from a bare frame header or two.
  const raw = options.extension ? probeRawSpeech(src, options.extension, options) : undefined;
  if (raw) return raw;
  const mpeg = probeMpeg(src, 0, false);
  if (mpeg) return mpeg;
  throw new AudioFormatError('not_audio', 'Not an audio file: the content is not WAV, MP3, Ogg, FLAC or AMR.');
}
