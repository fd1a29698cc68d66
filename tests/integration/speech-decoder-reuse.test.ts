import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSpeech } from '../../electron/core/audio/decode-speech';
import type { PcmSink } from '../../electron/core/audio/decode';
import { probe } from '../../electron/core/audio/probe';
import { FileSource } from '../../electron/core/audio/source';
import { speechMemoryBytes } from '../../electron/core/audio/speech-codecs';
import { buildCall, cleanCall } from '../fixtures/calls';
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

/** The decoded audio's SHA-256 and frame count. */
function decode(path: string): string {
  const src = new FileSource(path);
  try {
    const info = probe(src, { extension: path.slice(path.lastIndexOf('.')) });
    const hash = createHash('sha256');
    const sink: PcmSink = {
      push: (samples, frames) =>
        hash.update(new Uint8Array(samples.buffer, samples.byteOffset, frames * info.channels * 2)),
      pushPlanar() {},
      pushMapped() {},
    };
    const frames = decodeSpeech(src, info, sink, () => {});
    return `${frames}:${hash.digest('hex')}`;
  } finally {
    src.close();
  }
}

// The worker keeps one instance of the decoders for every file it imports; each file gets a fresh decoder in it.
describe('one WebAssembly instance for file after file', () => {
  it('decodes each file as it did the first time, and its memory stops growing', () => {
    const first = files.map(decode);
    const memory = speechMemoryBytes();
    for (let round = 0; round < 20; round++) expect(files.map(decode)).toEqual(first);
    expect(speechMemoryBytes()).toBe(memory);
  });
});
