import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile, type FileAnalysis } from '../../electron/core/audio/analyse-file';
import { mpg123MemoryBytes } from '../../electron/core/audio/mpg123';
import { buildCall, cleanCall, convert, eventfulCall } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-mp3-reuse-');
const files: Record<'eventful' | 'clean' | 'mono', string> = { eventful: '', clean: '', mono: '' };

beforeAll(() => {
  const sources = {
    eventful: buildCall(eventfulCall).wav,
    clean: buildCall(cleanCall, { seed: 3 }).wav,
    mono: buildCall(cleanCall, { mono: true, seed: 5 }).wav,
  };
  for (const [name, wav] of Object.entries(sources) as [keyof typeof files, Buffer][]) {
    const source = join(temp.dir, `${name}.wav`);
    writeFileSync(source, wav);
    files[name] = join(temp.dir, `${name}.mp3`);
    convert(source, files[name], 'mp3');
  }
});
afterAll(() => temp.cleanup());

const analyse = (path: string) => analyseFile(path, { agentChannel: 0, deadAirSeconds: 5 });
const comparable = (a: FileAnalysis) => ({
  frames: a.frames,
  durationMs: a.durationMs,
  peaks: a.peaks.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('base64')),
  speech: a.speech,
  talk: a.talk,
});

describe('one MP3 decoder reused for file after file', () => {
  it('gives every file exactly what it gives the file decoded first, mono and stereo alike', async () => {
    const first = {
      eventful: comparable(await analyse(files.eventful)),
      clean: comparable(await analyse(files.clean)),
      mono: comparable(await analyse(files.mono)),
    };
    expect(first.eventful.talk.talkOver.length).toBeGreaterThan(0);
    // Nothing of the previous file (bit reservoir, encoder delay, channel count) may leak into the next one.
    for (const name of ['mono', 'eventful', 'clean', 'eventful', 'mono', 'clean'] as const)
      expect(comparable(await analyse(files[name]))).toEqual(first[name]);
  });

  it('decodes file after file in the same instance, without its memory growing', async () => {
    await analyse(files.clean);
    const before = mpg123MemoryBytes();
    expect(before).toBeGreaterThan(0);
    // Every file's handle (about 100 KB of mpg123 state) is freed and its memory reused by the next one.
    for (let i = 0; i < 200; i++) await analyse(files[(['mono', 'eventful', 'clean'] as const)[i % 3]]);
    expect(mpg123MemoryBytes()).toBe(before);
  });

  it('frees the handle of a file whose import is cancelled part-way', async () => {
    // Long enough to be read in several chunks, with a cancellation check before each.
    const long = join(temp.dir, 'long.mp3');
    writeFileSync(long, Buffer.concat(Array.from({ length: 4 }, () => readFileSync(files.eventful))));
    await analyse(long);
    const before = mpg123MemoryBytes();
    for (let i = 0; i < 100; i++) {
      let checks = 0;
      const cancelled = analyseFile(long, {
        agentChannel: 0,
        deadAirSeconds: 5,
        isCancelled: () => ++checks > 2,
      });
      await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    }
    expect(mpg123MemoryBytes()).toBe(before);
    // And the next file decodes as it did before.
    expect(comparable(await analyse(files.clean))).toEqual(comparable(await analyse(files.clean)));
  });
});
