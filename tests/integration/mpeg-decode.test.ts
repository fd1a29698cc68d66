import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../electron/core/audio/analyse-file';
import { buildCall, eventfulCall, run, type CallTruth } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

// MPEG audio as call-recording systems and damaged copies deliver it, through the decoder the import worker uses.
const temp = makeTempDir('qa-mpeg-decode-');
const path = (name: string) => join(temp.dir, name);
let truth: CallTruth;
let mp3: Buffer;

beforeAll(() => {
  const call = buildCall(eventfulCall);
  truth = call.truth;
  writeFileSync(path('call.wav'), call.wav);
  writeFileSync(path('mono.wav'), buildCall(eventfulCall, { mono: true }).wav);
  const ff = (source: string, target: string, ...args: string[]) =>
    run('ffmpeg', ['-loglevel', 'error', '-y', '-i', path(source), ...args, path(target)]);
  ff('call.wav', 'call.mp3', '-c:a', 'libmp3lame', '-b:a', '16k');
  ff('mono.wav', 'mono.mp3', '-c:a', 'libmp3lame', '-b:a', '16k');
  // Layer II has no 8 kHz mode; 16 kHz is its lowest rate.
  ff('call.wav', 'call.mp2', '-c:a', 'mp2', '-ar', '16000', '-b:a', '64k');
  ff('call.wav', 'call16k.mp3', '-c:a', 'libmp3lame', '-b:a', '32k', '-ar', '16000');
  mp3 = readFileSync(path('call.mp3'));
}, 60_000);
afterAll(() => temp.cleanup());

const analyse = (name: string) => analyseFile(path(name), { agentChannel: 0, deadAirSeconds: 5 });
const near = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

describe('MPEG audio import', () => {
  it('decodes a stereo MP3 to the length of its source, with both speakers apart', async () => {
    const a = await analyse('call.mp3');
    expect(a.info).toMatchObject({ codec: 'mp3', channels: 2, sampleRate: 8000 });
    near(a.durationMs, truth.durationMs, 80);
    expect(a.peaks).toHaveLength(2);
    expect(a.talk.talkOver.map((t) => t.by)).toEqual(truth.talkOver.map((t) => t.by));
  });

  it('decodes a mono MP3 as one channel', async () => {
    const a = await analyse('mono.mp3');
    expect(a.info).toMatchObject({ codec: 'mp3', channels: 1 });
    expect(a.peaks).toHaveLength(1);
    near(a.durationMs, truth.durationMs, 80);
    expect(a.talk.silences).toHaveLength(1);
  });

  it('decodes MPEG layer II', async () => {
    const a = await analyse('call.mp2');
    expect(a.info).toMatchObject({ codec: 'mp2', channels: 2, sampleRate: 16000 });
    near(a.durationMs, truth.durationMs, 80);
  });

  it('keeps the audio before the cut in a truncated MP3', async () => {
    writeFileSync(path('cut.mp3'), mp3.subarray(0, Math.floor(mp3.length / 2)));
    const a = await analyse('cut.mp3');
    // Constant bit rate: half the bytes are half the call, give or take a frame and the encoder's delay.
    near(a.durationMs, truth.durationMs / 2, 150);
  });

  it('skips a damaged stretch in the middle and decodes the rest', async () => {
    const damaged = Buffer.from(mp3);
    // 2 KB of noise at 16 kbps is about a second of audio.
    let seed = 7;
    for (let i = 0; i < 2048; i++)
      damaged[Math.floor(mp3.length / 2) + i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(path('damaged.mp3'), damaged);
    const a = await analyse('damaged.mp3');
    expect(a.durationMs).toBeLessThanOrEqual(truth.durationMs + 80);
    // mpg123 drops the frames it cannot decode and finds its way back into the stream after them.
    expect(a.durationMs).toBeGreaterThan(truth.durationMs - 1500);
  });

  it('keeps one timeline through a recording joined from parts in different modes and rates', async () => {
    // Recording systems that append a transfer leg to a call can change channel mode or sample rate mid-file.
    writeFileSync(path('joined-mode.mp3'), Buffer.concat([mp3, readFileSync(path('mono.mp3'))]));
    const mode = await analyse('joined-mode.mp3');
    expect(mode.info).toMatchObject({ channels: 2, sampleRate: 8000 });
    near(mode.durationMs, 2 * truth.durationMs, 300);
    writeFileSync(path('joined-rate.mp3'), Buffer.concat([mp3, readFileSync(path('call16k.mp3'))]));
    const rate = await analyse('joined-rate.mp3');
    expect(rate.info).toMatchObject({ channels: 2, sampleRate: 8000 });
    // The 16 kHz part is resampled to 8 kHz, so it lasts as long as it did, not half as long.
    near(rate.durationMs, 2 * truth.durationMs, 300);
  });
});
