/**
 * Talk-over on stereo calls as real recorders and encoders leave them: the other side leaking in (crosstalk, line
 * echo) and low-bitrate codecs. A clean call must show no talk-over in any of these forms, the talk-over call exactly
 * its true events, and a file whose two channels are one signal (16 kbit/s Opus) dead air only, marked as such.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { RecordingAnalysis } from '../../shared/recording';
import {
  buildCall,
  cleanCall,
  convert,
  eventfulCall,
  withCrosstalk,
  type CallTruth,
  type FixtureFormat,
} from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-bleed-');
let core: Core;
let truth: CallTruth;
const analyses = new Map<string, RecordingAnalysis>();

/** name → [call, crosstalk (dB, ms) or none, format] */
const variants: Record<string, ['clean' | 'eventful', [number, number] | null, FixtureFormat, string]> = {};
for (const call of ['clean', 'eventful'] as const) {
  variants[`${call}-mp3-32k`] = [call, null, 'mp3-32k', 'mp3'];
  variants[`${call}-xtalk-20-30`] = [call, [-20, 30], 'pcm16', 'wav'];
  variants[`${call}-xtalk-15-50`] = [call, [-15, 50], 'pcm16', 'wav'];
  variants[`${call}-xtalk-25-0-alaw`] = [call, [-25, 0], 'alaw', 'wav'];
  variants[`${call}-xtalk-20-30-mp3-32k`] = [call, [-20, 30], 'mp3-32k', 'mp3'];
  variants[`${call}-opus-16k`] = [call, null, 'opus-16k', 'opus'];
  variants[`${call}-xtalk-20-30-opus-16k`] = [call, [-20, 30], 'opus-16k', 'opus'];
}

beforeAll(async () => {
  const src = join(temp.dir, 'src');
  mkdirSync(src);
  const calls = { clean: buildCall(cleanCall), eventful: buildCall(eventfulCall) };
  truth = calls.eventful.truth;
  const paths: Record<string, string> = {};
  for (const [name, [call, xtalk, format, ext]] of Object.entries(variants)) {
    const wav = xtalk ? withCrosstalk(calls[call].wav, ...xtalk) : calls[call].wav;
    const base = join(temp.dir, `${name}.base.wav`);
    writeFileSync(base, wav);
    paths[name] = join(src, `${name}.${ext}`);
    convert(base, paths[name], format);
  }
  core = createCore({ dataDir: join(temp.dir, 'data') });
  const result = await core.call('recordings.import', { paths: [src] });
  expect(result.failed).toEqual([]);
  for (const [name, path] of Object.entries(paths)) {
    const id = result.imported.find((i) => i.path === path)!.id;
    analyses.set(name, await core.call('recordings.analysis', { id }));
  }
}, 240_000);

afterAll(() => {
  core?.close();
  temp.cleanup();
});

const near = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(300);
const separable = Object.keys(variants).filter((n) => !n.includes('opus-16k'));

describe('talk-over with bleed between the channels', () => {
  it.each(separable.filter((n) => n.startsWith('clean')))('finds none on the clean call: %s', (name) => {
    const a = analyses.get(name)!;
    expect(a.talkOver).toEqual([]);
    expect(a.silences).toEqual([]);
    expect(a.channelsSame).toBe(false);
    // Both speakers are still heard: each side's share of the talking is its own.
    expect(a.talkRatio!.agent).toBeGreaterThan(0.3);
    expect(a.talkRatio!.customer).toBeGreaterThan(0.3);
  });

  it.each(separable.filter((n) => n.startsWith('eventful')))('finds exactly the true events: %s', (name) => {
    const a = analyses.get(name)!;
    expect(a.talkOver.map((e) => e.by)).toEqual(truth.talkOver.map((e) => e.by));
    a.talkOver.forEach((event, i) => {
      near(event.startMs, truth.talkOver[i].startMs);
      near(event.endMs, truth.talkOver[i].endMs);
    });
    expect(a.silences).toHaveLength(1);
    near(a.silences[0].startMs, truth.deadAir[0].startMs);
    near(a.silences[0].endMs, truth.deadAir[0].endMs);
  });

  it.each(Object.keys(variants).filter((n) => n.includes('opus-16k')))(
    'treats two copies of one signal as one channel: %s',
    (name) => {
      const a = analyses.get(name)!;
      expect(a.channelsSame).toBe(true);
      expect(a.talkOver).toEqual([]);
      expect(a.talkRatio).toBeNull();
      expect(a.speech).toHaveLength(1);
      if (name.startsWith('eventful')) {
        expect(a.silences).toHaveLength(1);
        near(a.silences[0].startMs, truth.deadAir[0].startMs);
        near(a.silences[0].endMs, truth.deadAir[0].endMs);
      } else expect(a.silences).toEqual([]);
    },
  );
});
