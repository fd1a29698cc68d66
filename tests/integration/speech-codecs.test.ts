/**
 * A folder holding one call in each telephone speech codec (GSM, G.729, G.726, G.722, IMA and Microsoft ADPCM,
 * Dialogic VOX, AMR-NB), imported as an inspector would: exact durations, peaks, talk analytics, playback through
 * the media handler with seeking, and a damaged file of each codec failing alone.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { serveMedia } from '../../electron/core/recordings/media';
import { libraryMessages } from '../../renderer/features/library/messages';
import type { ImportResult } from '../../shared/recording';
import { buildCall, eventfulCall, type CallTruth } from '../fixtures/calls';
import { damage, speechFormats, writeSpeechFormat } from '../fixtures/speech-codecs';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-speech-codecs-');
const calls = join(temp.dir, 'calls');
const damaged = join(temp.dir, 'damaged');
let core: Core;
let truth: CallTruth;
let result: ImportResult;
const ids: Record<string, string> = {};
const expectedFailure: Record<string, string> = {};

async function drain(body: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const near = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

beforeAll(async () => {
  mkdirSync(calls);
  mkdirSync(damaged);
  const call = buildCall(eventfulCall);
  truth = call.truth;
  const source = join(temp.dir, 'eventful.wav');
  writeFileSync(source, call.wav);
  for (const format of speechFormats) {
    const path = join(calls, format.file);
    writeSpeechFormat(source, path, format);
    const broken = damage(format, readFileSync(path));
    writeFileSync(join(damaged, `damaged-${format.file}`), broken.bytes);
    expectedFailure[`damaged-${format.file}`] = broken.code;
  }
  core = createCore({ dataDir: join(temp.dir, 'data') });
  result = await core.call('recordings.import', { paths: [calls, damaged], agentChannel: 0 });
  for (const r of result.imported) ids[r.path.split('/').pop()!] = r.id;
}, 120_000);

afterAll(() => {
  core?.close();
  temp.cleanup();
});

describe('importing every speech codec', () => {
  it('imports one call of each, with its codec, channels and a duration exact to 10 ms', async () => {
    expect(Object.keys(ids).sort()).toEqual(speechFormats.map((f) => f.file).sort());
    for (const format of speechFormats) {
      const detail = await core.call('recordings.get', { id: ids[format.file] });
      expect(detail, format.file).toMatchObject({
        codec: format.codec,
        format: format.container,
        channels: format.channels,
        sampleRate: format.sampleRate,
      });
      // Codecs pad the last frame (GSM and AMR to 20 ms): the whole frames the file holds, nothing invented.
      near(detail.durationMs, truth.durationMs, 10);
      expect(detail.peaks.channels).toHaveLength(format.channels);
      const pairs = Buffer.from(detail.peaks.channels[0], 'base64').length / 4;
      expect(pairs, format.file).toBeGreaterThanOrEqual(Math.floor(truth.durationMs / 10));
    }
  });

  it.each(speechFormats.filter((f) => f.channels === 2).map((f) => f.file))(
    'finds talk-over and dead air within ±300 ms in stereo %s',
    async (file) => {
      const a = await core.call('recordings.analysis', { id: ids[file] });
      expect(a.talkOver).toHaveLength(truth.talkOver.length);
      a.talkOver.forEach((event, i) => {
        expect(event.by).toBe(truth.talkOver[i].by);
        near(event.startMs, truth.talkOver[i].startMs, 300);
        near(event.endMs, truth.talkOver[i].endMs, 300);
      });
      expect(a.silences).toHaveLength(1);
      near(a.silences[0].startMs, truth.deadAir[0].startMs, 300);
      expect(a.talkRatio!.agent).toBeGreaterThan(0.5);
    },
  );

  it.each(speechFormats.filter((f) => f.channels === 1).map((f) => f.file))(
    'finds the voice activity and the dead air of mono %s',
    async (file) => {
      const a = await core.call('recordings.analysis', { id: ids[file] });
      expect(a).toMatchObject({ talkOver: [], talkRatio: null });
      expect(a.silences).toHaveLength(1);
      near(a.silences[0].startMs, truth.deadAir[0].startMs, 300);
      near(a.silences[0].endMs, truth.deadAir[0].endMs, 300);
    },
  );

  it('fails each damaged file alone, with a code the page translates and a reason naming the problem', () => {
    const failed = Object.fromEntries(result.failed.map((f) => [f.path.split('/').pop()!, f]));
    expect(Object.keys(failed).sort()).toEqual(Object.keys(expectedFailure).sort());
    for (const [name, code] of Object.entries(expectedFailure)) {
      expect(failed[name].code, name).toBe(code);
      expect(failed[name].error, name).toMatch(/^[A-Z].{15,}\.\)?$/);
    }
    // A headerless file says that its extension decided what it is.
    expect(failed['damaged-call.gsm'].error).toContain('.gsm extension');
    expect(failed['damaged-call.amr'].error).toContain('damaged at byte');
  });

  it('gives every decoder failure a reason the page words in Chinese and English, with nothing left unfilled', () => {
    const failed = Object.fromEntries(result.failed.map((f) => [f.path.split('/').pop()!, f]));
    expect(failed['damaged-ima.wav'].reason).toEqual({ key: 'all_frames_damaged', values: { codec: 'IMA ADPCM' } });
    expect(failed['damaged-call.amr'].reason).toMatchObject({ key: 'framing_broken', values: { codec: 'AMR-NB' } });
    expect(failed['damaged-gsm.wav'].reason).toMatchObject({ key: 'bad_header' });
    expect(failed['damaged-call.gsm'].reason).toEqual({ key: 'not_gsm', values: { extension: '.gsm' } });
    expect(failed['damaged-call.g729'].reason).toMatchObject({ key: 'shorter_than_frame', byExtension: '.g729' });
    for (const f of result.failed) {
      // Empty files need no more than their code (空文件 / Empty file).
      if (f.code === 'empty') continue;
      expect(f.reason, f.path).toBeDefined();
      for (const language of ['zh-CN', 'en'] as const) {
        const catalogue = libraryMessages[language] as Record<string, string>;
        const text = catalogue[`imp.reason.${f.reason!.key}`];
        expect(text, `${language} ${f.reason!.key}`).toBeDefined();
        const filled = text.replace(/\{(\w+)\}/g, (m, name: string) => String(f.reason!.values[name] ?? m));
        expect(filled, `${language} ${f.path}`).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('playing every speech codec', () => {
  const serve = (file: string, range?: string) => serveMedia(core.db, core.dataDir, ids[file], range);

  it.each(speechFormats.map((f) => f.file))(
    'streams %s as 16-bit WAV with its exact length, and seeks into the middle',
    async (file) => {
      const format = speechFormats.find((f) => f.file === file)!;
      const full = serve(file);
      expect(full.status).toBe(200);
      expect(full.headers['content-type']).toBe('audio/wav');
      const bytes = await drain(full.body);
      expect(bytes.length).toBe(Number(full.headers['content-length']));
      expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
      expect(bytes.readUInt16LE(22)).toBe(format.channels);
      expect(bytes.readUInt32LE(24)).toBe(format.sampleRate);
      const frameBytes = format.channels * 2;
      const detail = await core.call('recordings.get', { id: ids[file] });
      near(((bytes.length - 44) / frameBytes / format.sampleRate) * 1000, detail.durationMs, 1);

      // Twenty seconds in, as the player asks after a seek: the same audio as the whole stream has there.
      const from = 44 + 20 * format.sampleRate * frameBytes + 1;
      const part = serve(file, `bytes=${from}-${from + 2 * format.sampleRate * frameBytes - 1}`);
      expect(part.status).toBe(206);
      const slice = await drain(part.body);
      expect(slice.length).toBe(2 * format.sampleRate * frameBytes);
      const whole = bytes.subarray(from, from + slice.length);
      // IMA and Microsoft ADPCM blocks start from their own header, VOX from a checkpoint of its decoder's state.
      if (['adpcm_ima_wav', 'adpcm_ms', 'adpcm_ima_oki'].includes(format.codec)) expect(slice.equals(whole)).toBe(true);
      else {
        // Decoding restarts a quarter second early on a fresh decoder; by the byte asked for it has settled.
        // The range started one byte into a sample, so samples begin at its second byte.
        const samples = (b: Buffer) => new Int16Array(Uint8Array.from(b.subarray(1, b.length - 1)).buffer);
        const a = samples(slice);
        const b = samples(whole);
        let error = 0;
        let signal = 0;
        for (let i = 0; i < a.length; i++) {
          error += (a[i] - b[i]) ** 2;
          signal += b[i] ** 2;
        }
        expect(signal, file).toBeGreaterThan(0);
        expect(error / signal, file).toBeLessThan(0.01);
      }
    },
  );
});

describe('VOX sample rate', () => {
  it('takes a headerless VOX file at the rate of the settings, or of its manifest row', async () => {
    const dir = join(temp.dir, 'vox');
    mkdirSync(dir);
    const bytes = readFileSync(join(calls, 'call.vox'));
    // One more byte each, so neither is a duplicate of the call imported above.
    writeFileSync(join(dir, 'six.vox'), Buffer.concat([bytes, Buffer.from([0x01])]));
    writeFileSync(join(dir, 'listed.vox'), Buffer.concat([bytes, Buffer.from([0x08])]));
    writeFileSync(join(dir, 'list.csv'), '文件名,采样率\nlisted.vox,8 kHz\n');
    await core.call('settings.update', { voxSampleRate: 6000 });
    try {
      const r = await core.call('recordings.import', { paths: [dir], agentChannel: 0 });
      expect(r.failed).toEqual([]);
      const rate = async (name: string) => {
        const id = r.imported.find((i) => i.path.endsWith(name))!.id;
        return (await core.call('recordings.get', { id })).sampleRate;
      };
      expect(await rate('six.vox')).toBe(6000);
      expect(await rate('listed.vox')).toBe(8000);
    } finally {
      await core.call('settings.update', { voxSampleRate: 8000 });
    }
  });
});
