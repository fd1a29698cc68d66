import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSpeech } from '../../electron/core/audio/decode-speech';
import type { PcmSink } from '../../electron/core/audio/decode';
import { probe } from '../../electron/core/audio/probe';
import { FileSource } from '../../electron/core/audio/source';
import { speechMemoryBytes } from '../../electron/core/audio/speech-codecs';
import { buildCall, cleanCall, run } from '../fixtures/calls';
import { speechFormats, writeSpeechFormat } from '../fixtures/speech-codecs';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-speech-reuse-');
const files: string[] = [];

beforeAll(() => {
  const dir = join(temp.dir, 'calls');
  mkdirSync(dir);
  const source = join(temp.dir, 'clean.wav');
  writeFileSync(source, buildCall(cleanCall).wav);
  for (const format of speechFormats) {
    writeSpeechFormat(source, join(dir, format.file), format);
    files.push(join(dir, format.file));
  }
}, 60_000);
afterAll(() => temp.cleanup());

/** The decoded audio as interleaved 16-bit bytes. */
function pcm(path: string): Buffer {
  const src = new FileSource(path);
  try {
    const info = probe(src, { extension: path.slice(path.lastIndexOf('.')) });
    const chunks: Buffer[] = [];
    const sink: PcmSink = {
      push: (samples, frames) =>
        chunks.push(Buffer.from(new Uint8Array(samples.buffer, samples.byteOffset, frames * info.channels * 2))),
      pushPlanar() {},
      pushMapped() {},
    };
    decodeSpeech(src, info, sink, () => {});
    return Buffer.concat(chunks);
  } finally {
    src.close();
  }
}

const decode = (path: string) => createHash('sha256').update(pcm(path)).digest('hex');

/** ffmpeg's input options for the headerless files, which it cannot probe. */
const ffmpegInput: Record<string, string[]> = {
  'call.gsm': ['-f', 'gsm'],
  'call.g729': ['-f', 'g729'],
  'call.g722': ['-f', 'g722'],
  'call.vox': ['-f', 'u8', '-ar', '8000', '-ac', '1', '-c:a', 'adpcm_ima_oki'],
};

describe("the decoders are FFmpeg's", () => {
  // AMR-NB is left out: ffmpeg drops the comfort-noise frames its decoder cannot render, where the import plays
  // silence for them so the timeline stays whole.
  it.each(speechFormats.filter((f) => f.codec !== 'amr_nb').map((f) => f.file))(
    '%s decodes to the very samples ffmpeg decodes it to',
    (file) => {
      const path = files.find((f) => f.endsWith(`/${file}`))!;
      const ours = pcm(path);
      const theirs = run('ffmpeg', ['-v', 'error', ...(ffmpegInput[file] ?? []), '-i', path, '-f', 's16le', '-']);
      expect(ours.length).toBeGreaterThan(0);
      // A WAV's fact chunk trims the padding of the last block, which ffmpeg decodes too.
      expect(theirs.length - ours.length).toBeGreaterThanOrEqual(0);
      expect(theirs.length - ours.length).toBeLessThan(4096);
      expect(ours.equals(theirs.subarray(0, ours.length))).toBe(true);
    },
  );
});

// The worker keeps one instance of the decoders for every file it imports; each file gets a fresh decoder in it.
describe('one WebAssembly instance for file after file', () => {
  it('decodes each file as it did the first time, and its memory stops growing', () => {
    const first = files.map(decode);
    const memory = speechMemoryBytes();
    for (let round = 0; round < 20; round++) expect(files.map(decode)).toEqual(first);
    expect(speechMemoryBytes()).toBe(memory);
  });
});
