import { describe, expect, it } from 'vitest';
import { AudioFormatError } from '../../electron/core/audio/errors';
import { probe } from '../../electron/core/audio/probe';
import { BufferSource } from '../../electron/core/audio/source';

function wav(options: {
  tag?: number;
  bits?: number;
  channels?: number;
  rate?: number;
  data?: number;
  fmtSize?: number;
  extensibleTag?: number;
}) {
  const { tag = 1, bits = 16, channels = 1, rate = 8000, data = 160, extensibleTag } = options;
  const fmtSize = options.fmtSize ?? (extensibleTag !== undefined ? 40 : 16);
  const fmt = Buffer.alloc(fmtSize);
  fmt.writeUInt16LE(extensibleTag !== undefined ? 0xfffe : tag, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE((rate * channels * bits) / 8, 8);
  fmt.writeUInt16LE((channels * bits) / 8, 12);
  fmt.writeUInt16LE(bits, 14);
  if (extensibleTag !== undefined) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(bits, 18);
    fmt.writeUInt16LE(extensibleTag, 24);
  }
  const chunk = (id: string, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'latin1');
    h.writeUInt32LE(body.length, 4);
    return Buffer.concat([h, body]);
  };
  const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), chunk('data', Buffer.alloc(data))]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

function failure(bytes: Uint8Array): AudioFormatError {
  try {
    probe(new BufferSource(bytes));
  } catch (error) {
    if (error instanceof AudioFormatError) return error;
    throw error;
  }
  throw new Error('probe accepted the input');
}

describe('probe: identifies audio by content', () => {
  it.each([
    [1, 8, 'pcm_u8'],
    [1, 16, 'pcm_s16le'],
    [1, 24, 'pcm_s24le'],
    [1, 32, 'pcm_s32le'],
    [3, 32, 'pcm_f32le'],
    [6, 8, 'pcm_alaw'],
    [7, 8, 'pcm_mulaw'],
  ])('WAV format %i, %i-bit → %s', (tag, bits, codec) => {
    const info = probe(new BufferSource(wav({ tag, bits, channels: 2, data: 960 })));
    expect(info).toMatchObject({ container: 'wav', codec, sampleRate: 8000, channels: 2 });
    expect(info.estimatedFrames).toBe(960 / ((2 * bits) / 8));
  });

  it('reads WAVE_FORMAT_EXTENSIBLE through its sub-format', () => {
    const info = probe(new BufferSource(wav({ extensibleTag: 1, bits: 24, channels: 2, data: 600 })));
    expect(info.codec).toBe('pcm_s24le');
    expect(info.wav?.extensible).toBe(true);
  });

  it('takes the bytes that exist when the data chunk claims more (a recorder that crashed)', () => {
    const bytes = wav({ data: 1600 });
    bytes.writeUInt32LE(0xffffffff, 40);
    expect(probe(new BufferSource(bytes)).estimatedFrames).toBe(800);
  });

  it('finds MP3 frames after an ID3 tag, and FLAC STREAMINFO', () => {
    const frame = Buffer.alloc(72);
    // MPEG-2.5 layer III, 8 kbps, 8 kHz, mono: 72-byte frames
    frame.set([0xff, 0xe3, 0x18, 0xc4]);
    const mpeg25 = Buffer.concat([frame, frame, frame]);
    const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
    const info = probe(new BufferSource(Buffer.concat([id3, mpeg25])));
    expect(info).toMatchObject({ container: 'mp3', codec: 'mp3', sampleRate: 8000, channels: 1, audioOffset: 14 });

    const flac = Buffer.alloc(42);
    flac.write('fLaC', 0, 'latin1');
    flac.set([0x80, 0, 0, 34], 4);
    // 8000 Hz, 2 channels, 16 bits, 16000 samples
    flac.set([0x01, 0xf4, 0x02, 0xf0, 0x00, 0x00, 0x3e, 0x80], 18);
    expect(probe(new BufferSource(flac))).toMatchObject({
      container: 'flac',
      sampleRate: 8000,
      channels: 2,
      estimatedFrames: 16000,
    });
  });
});

describe('probe: clear reasons for bad input', () => {
  it('empty file', () => {
    expect(failure(new Uint8Array(0))).toMatchObject({ code: 'empty', message: 'The file is empty (0 bytes).' });
  });

  it('a WAV header with no samples is empty', () => {
    expect(failure(wav({ data: 0 })).code).toBe('empty');
  });

  it('not audio: text, a PDF, random bytes', () => {
    expect(failure(Buffer.from('call id,agent\n1,2\n')).code).toBe('not_audio');
    expect(failure(Buffer.from('%PDF-1.7 lorem ipsum')).code).toBe('not_audio');
    const random = Buffer.alloc(4096);
    let seed = 1;
    for (let i = 0; i < random.length; i++) random[i] = (seed = (seed * 48271) % 2147483647) & 0xff;
    random[0] = 0x00;
    expect(failure(random).code).toBe('not_audio');
  });

  it('truncated headers', () => {
    const full = wav({});
    expect(failure(full.subarray(0, 3))).toMatchObject({ code: 'truncated' });
    expect(failure(full.subarray(0, 20)).message).toMatch(/truncated/);
    expect(failure(full.subarray(0, 36)).code).toBe('truncated');
    expect(failure(Buffer.from('fLaC\x80\x00\x00\x22')).code).toBe('truncated');
    expect(failure(Buffer.from('OggS\x00\x02')).code).toBe('truncated');
    expect(failure(Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 1, 0])).code).toBe('truncated');
  });

  it('unsupported codecs are named', () => {
    expect(failure(wav({ tag: 0x22, bits: 0 }))).toMatchObject({
      code: 'unsupported_codec',
      message: expect.stringContaining('TrueSpeech'),
    });
    expect(failure(wav({ tag: 0x42, bits: 0 })).message).toContain('G.723.1');
    expect(failure(wav({ tag: 0x99, bits: 16 })).message).toContain('0x0099');
    const speex = Buffer.alloc(27 + 1 + 80);
    speex.write('OggS', 0, 'latin1');
    speex[26] = 1;
    speex[27] = 80;
    speex.write('Speex   ', 28, 'latin1');
    expect(failure(speex)).toMatchObject({ code: 'unsupported_codec', message: expect.stringContaining('Speex') });
  });
});

describe('probe: headerless speech formats', () => {
  const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 37 + 11) & 255));
  const probeAs = (bytes: Uint8Array, extension: string, voxSampleRate?: number) =>
    probe(new BufferSource(bytes), { extension, voxSampleRate });

  it('reads bytes no content check recognises by their extension, and says so', () => {
    expect(probeAs(noise, '.g729')).toMatchObject({ container: 'raw', codec: 'g729', byExtension: '.g729' });
    expect(probeAs(noise, '.G722')).toMatchObject({ codec: 'adpcm_g722', sampleRate: 16000, estimatedFrames: 800 });
    expect(probeAs(noise, '.vox', 6000)).toMatchObject({ codec: 'adpcm_ima_oki', sampleRate: 6000 });
    expect(() => probeAs(noise, '.txt')).toThrow(expect.objectContaining({ code: 'not_audio' }));
  });

  it('lets content win over the extension', () => {
    expect(probeAs(wav({}), '.gsm')).toMatchObject({ container: 'wav', codec: 'pcm_s16le' });
  });
});
