import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { ImportResult, RecordingListItem } from '../../shared/recording';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-sample-');
let core: Core;
let result: ImportResult;
let items: RecordingListItem[];

beforeAll(async () => {
  core = createCore({ dataDir: join(temp.dir, 'data') });
  result = await core.call('recordings.loadSample', {});
  items = (await core.call('recordings.list', { sort: 'fileName', order: 'asc' })).items;
}, 60_000);

afterAll(() => {
  core?.close();
  temp.cleanup();
});

const byCall = (callId: string) => items.find((i) => i.callId === callId)!;

describe('the bundled sample set', () => {
  it('imports every call with no failures', () => {
    expect(result.failed).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.imported).toHaveLength(6);
    expect(items.map((i) => i.callId)).toEqual(['S001', 'S002', 'S003', 'S004', 'S005', 'S006']);
  });

  it('has short 8 kHz calls in several formats, mostly stereo, with the manifest metadata', () => {
    const expected: Record<string, [string, number, number]> = {
      S001: ['vorbis', 2, 17_754],
      S002: ['pcm_alaw', 2, 16_022],
      S003: ['mp3', 2, 21_257],
      S004: ['pcm_s16le', 1, 12_120],
      S005: ['vorbis', 2, 12_980],
      S006: ['mp3', 2, 10_093],
    };
    for (const [callId, [codec, channels, durationMs]] of Object.entries(expected)) {
      const item = byCall(callId);
      expect(item.codec, callId).toBe(codec);
      expect(item.channels, callId).toBe(channels);
      expect(item.sampleRate, callId).toBe(8000);
      // The generator's PCM lengths; MP3 may gain or lose a frame of padding.
      expect(Math.abs(item.durationMs - durationMs), callId).toBeLessThan(80);
    }
    expect(byCall('S002')).toMatchObject({
      agentNo: '8002',
      agentName: '李强',
      teamName: '一组',
      category: '邮箱类',
      startedAt: '2024-03-06T10:15:00',
      callerNumberMasked: '139****5678',
    });
  });

  it('loads the roster over two teams, including an agent with no calls yet', async () => {
    const facets = await core.call('recordings.facets', {});
    expect(facets.teams.map((t) => t.name).sort()).toEqual(['一组', '二组']);
    expect(facets.agents.map((a) => a.agentNo).sort()).toEqual(['8001', '8002', '8003', '8004', '8005', '8006']);
    expect(facets.categories).toEqual(['域名类', '服务类', '网站类', '邮箱类']);
  });

  it('finds the agent interrupting in S002 and the customer cutting in on S005, and no talk-over elsewhere', async () => {
    const s2 = await core.call('recordings.analysis', { id: byCall('S002').id });
    expect(s2.talkOver.map((t) => t.by)).toEqual(['agent']);
    expect(s2.talkOver[0].endMs - s2.talkOver[0].startMs).toBeGreaterThan(1000);
    const s5 = await core.call('recordings.analysis', { id: byCall('S005').id });
    expect(s5.talkOver.map((t) => t.by)).toEqual(['customer']);
    for (const callId of ['S001', 'S003', 'S004', 'S006']) {
      const analysis = await core.call('recordings.analysis', { id: byCall(callId).id });
      expect(analysis.talkOver, callId).toEqual([]);
    }
    const talkOver = await core.call('recordings.list', { talkOver: true, sort: 'fileName', order: 'asc' });
    expect(talkOver.items.map((i) => i.callId)).toEqual(['S002', 'S005']);
  });

  it('finds the seven seconds of dead air in S003 and none elsewhere', async () => {
    const s3 = await core.call('recordings.analysis', { id: byCall('S003').id });
    expect(s3.silences).toHaveLength(1);
    const gap = s3.silences[0].endMs - s3.silences[0].startMs;
    expect(gap).toBeGreaterThan(6_700);
    expect(gap).toBeLessThan(7_700);
    for (const callId of ['S001', 'S002', 'S004', 'S005', 'S006']) {
      const analysis = await core.call('recordings.analysis', { id: byCall(callId).id });
      expect(analysis.silences, callId).toEqual([]);
    }
  });

  it('reports a second load as duplicates, not new recordings', async () => {
    const again = await core.call('recordings.loadSample', {});
    expect(again.imported).toEqual([]);
    expect(again.failed).toEqual([]);
    expect(again.duplicates).toHaveLength(6);
  });
});
