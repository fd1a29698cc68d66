/**
 * Recordings after import: a file whose name said nothing gets its agent, time, call id and category (kept in its
 * history) and reaches the agent's list; several files with one call id are reported; documents and pictures in a
 * folder are passed over and counted apart from failures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { ImportResult } from '../../shared/recording';
import { buildCall, cleanCall, wavBytes } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-corrections-');
let core: Core;
let result: ImportResult;
const src = join(temp.dir, 'src');
const idOf = (name: string) => result.imported.find((i) => i.path.endsWith(name))!.id;

beforeAll(async () => {
  mkdirSync(src);
  const call = buildCall(cleanCall).wav;
  writeFileSync(join(src, '录音1.wav'), call);
  // An empty file named like a recording: a failure, not a stray file.
  writeFileSync(join(src, '8001_20240305093000_C77.wav'), Buffer.alloc(0));
  // One call as three files (the recorder split it): three contents, one call id in the file names.
  const tone = (seed: number) =>
    Int16Array.from({ length: 8000 }, (_, i) => Math.round(3000 * Math.sin(i * 0.01 * seed)));
  mkdirSync(join(src, 'a'));
  mkdirSync(join(src, 'b'));
  mkdirSync(join(src, 'c'));
  writeFileSync(join(src, 'a', '8001_20240305093000_C77.wav'), wavBytes([tone(1)]));
  writeFileSync(join(src, 'b', '8001_20240305093500_C77.wav'), wavBytes([tone(2)]));
  writeFileSync(join(src, 'c', '8001_20240305094000_C77.wav'), wavBytes([tone(3)]));
  writeFileSync(join(src, '说明.txt'), '三月份录音，坐席 8001');
  writeFileSync(join(src, '照片.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
  writeFileSync(join(src, '坏了.wav'), 'this is not audio');
  core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
  result = await core.call('recordings.import', { paths: [src] });
}, 60_000);

afterAll(() => {
  core?.close();
  temp.cleanup();
});

describe('an import folder with more than recordings in it', () => {
  it('passes over documents and pictures, counted apart; a damaged .wav still fails', () => {
    const name = (p: string) => p.split('/').pop();
    expect(result.skipped.map((s) => [name(s.path), s.code]).sort()).toEqual([
      ['照片.jpg', 'not_audio'],
      ['说明.txt', 'not_audio'],
    ]);
    expect(result.failed.map((f) => [name(f.path), f.code]).sort()).toEqual([
      ['8001_20240305093000_C77.wav', 'empty'],
      ['坏了.wav', 'not_audio'],
    ]);
  });

  it('says when one call id arrives as several files', () => {
    expect(result.sameCallId).toEqual([
      {
        callId: 'C77',
        files: ['8001_20240305093000_C77.wav', '8001_20240305093500_C77.wav', '8001_20240305094000_C77.wav'],
      },
    ]);
  });
});

describe('correcting a recording', () => {
  it('gives a file with no metadata its agent, time, call id and category, kept in its history', async () => {
    const id = idOf('录音1.wav');
    const before = await core.call('recordings.get', { id });
    expect(before).toMatchObject({ agentNo: null, startedAt: null, callId: null, category: null });
    const corrected = await core.call('recordings.update', {
      id,
      agentNo: '8009',
      agentName: '周敏',
      startedAt: '2024-03-06T10:15:00',
      callId: 'C900',
      category: '服务类',
    });
    expect(corrected).toEqual({ changed: 1, evaluated: [] });
    // It now reaches the agent's list (and so their queue and reports).
    const list = await core.call('recordings.list', { agentNo: '8009' });
    expect(list.items.map((r) => r.id)).toEqual([id]);
    expect(list.items[0]).toMatchObject({ agentName: '周敏', startedAt: '2024-03-06T10:15:00', category: '服务类' });
    expect((await core.call('recordings.list', { search: 'C900' })).items.map((r) => r.id)).toEqual([id]);
    await core.call('recordings.update', { id, category: null, callId: 'C900' });
    const history = await core.call('recordings.history', { id });
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ['agentNo', null, '8009'],
      ['startedAt', null, '2024-03-06T10:15:00'],
      ['callId', null, 'C900'],
      ['category', null, '服务类'],
      ['category', '服务类', null],
    ]);
    expect(new Set(history.slice(0, 4).map((h) => h.batch)).size).toBe(1);
    expect(history[4].batch).not.toBe(history[0].batch);
  });

  it('assigns many at once; a submitted evaluation keeps the call as it was scored', async () => {
    const ids = result.imported.filter((i) => i.path.includes('C77')).map((i) => i.id);
    const card = await core.call('scorecards.get', { id: 'default-phone' });
    const answers = Object.fromEntries(
      card.sections.flatMap((s) => s.items.map((i) => [i.id, i.kind === 'points' ? i.maxPoints : 'pass'] as const)),
    );
    const submitted = await core.call('evaluations.submit', {
      recordingId: ids[0],
      answers,
      itemComments: {},
      comment: '',
      findings: [],
      suggestion: '',
    });
    const assigned = await core.call('recordings.assign', { ids, agentNo: '8002', category: '网站类' });
    expect(assigned).toEqual({ changed: 3, evaluated: [ids[0]] });
    for (const id of ids) expect(await core.call('recordings.get', { id })).toMatchObject({ agentNo: '8002' });
    const view = await core.call('evaluations.open', { recordingId: ids[0] });
    expect(view.recording.agentNo).toBe('8002');
    expect(view.revisions[0].body.agentNo).toBe('8001');
    expect(view.revisions[0].body.call?.category ?? null).toBeNull();
    expect(submitted.revision).toBe(1);
    await expect(core.call('recordings.assign', { ids: [...ids, 'nope'], category: 'x' })).rejects.toThrow(
      /does not exist/,
    );
    // Refused as a whole: nothing changed.
    expect(await core.call('recordings.get', { id: ids[0] })).toMatchObject({ category: '网站类' });
  });
});
