import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { overviewPeaks, type ImportResult } from '../../shared/recording';
import { buildCall, cleanCall, convert, eventfulCall, type CallTruth, type FixtureFormat } from '../fixtures/calls';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-import-');
const src = join(temp.dir, 'src');
let core: Core;
let eventful: CallTruth;
let clean: CallTruth;

const formats: [FixtureFormat, string, string][] = [
  ['pcm16', 'wav', 'pcm_s16le'],
  ['alaw', 'wav', 'pcm_alaw'],
  ['mulaw', 'wav', 'pcm_mulaw'],
  ['pcm8', 'wav', 'pcm_u8'],
  ['pcm24', 'wav', 'pcm_s24le'],
  ['pcm32', 'wav', 'pcm_s32le'],
  ['float32', 'wav', 'pcm_f32le'],
  ['extensible', 'wav', 'pcm_s24le'],
  ['mp3', 'mp3', 'mp3'],
  ['opus', 'opus', 'opus'],
  ['vorbis', 'ogg', 'vorbis'],
  ['flac', 'flac', 'flac'],
];
const fileFor = (format: string, ext: string) => join(src, 'formats', `8001_20240305093000_${format}.${ext}`);

beforeAll(() => {
  mkdirSync(join(src, 'formats'), { recursive: true });
  mkdirSync(join(src, 'bad'), { recursive: true });
  const e = buildCall(eventfulCall);
  const c = buildCall(cleanCall);
  eventful = e.truth;
  clean = c.truth;
  const base = join(temp.dir, 'eventful.wav');
  writeFileSync(base, e.wav);
  for (const [format, ext] of formats) convert(base, fileFor(format, ext), format);
  writeFileSync(join(src, 'clean.wav'), c.wav);
  writeFileSync(join(src, 'mono.wav'), buildCall(eventfulCall, { mono: true }).wav);
  writeFileSync(join(src, 'bad', 'empty.wav'), Buffer.alloc(0));
  writeFileSync(join(src, 'bad', 'notes.wav'), 'this is not audio at all');
  writeFileSync(join(src, 'bad', 'cut.wav'), e.wav.subarray(0, 30));
  // TrueSpeech (format 0x0022): a codec no call recorder we know of writes, so nothing decodes it.
  const truespeech = Buffer.from(c.wav.subarray(0, 4096));
  truespeech.writeUInt16LE(0x22, 20);
  writeFileSync(join(src, 'bad', 'truespeech.wav'), truespeech);
  core = createCore({ dataDir: join(temp.dir, 'data') });
}, 120_000);

afterAll(() => {
  core?.close();
  temp.cleanup();
});

const near = (actual: number, expected: number, tolerance = 300) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

async function importPaths(paths: string[], extra: object = {}): Promise<ImportResult> {
  return core.call('recordings.import', { paths, ...extra });
}

describe('recordings.import', () => {
  let result: ImportResult;
  const idOf = (path: string) => result.imported.find((i) => i.path === path)?.id;

  beforeAll(async () => {
    result = await importPaths([join(src, 'formats'), join(src, 'bad'), join(src, 'clean.wav'), join(src, 'mono.wav')]);
  }, 120_000);

  it('imports every supported format with its codec, channels and duration', async () => {
    expect(result.imported).toHaveLength(formats.length + 2);
    for (const [format, ext, codec] of formats) {
      const id = idOf(fileFor(format, ext));
      expect(id, format).toBeDefined();
      const detail = await core.call('recordings.get', { id: id! });
      expect(detail.codec, format).toBe(codec);
      expect(detail.channels, format).toBe(2);
      expect(detail.sampleRate, format).toBe(format === 'opus' ? 48000 : 8000);
      near(detail.durationMs, eventful.durationMs, 80);
      expect(detail.agentNo).toBe('8001');
      expect(detail.startedAt).toBe('2024-03-05T09:30:00');
      expect(detail.peaks.channels).toHaveLength(2);
      // about 10 ms per pair at full resolution
      const pairs = Buffer.from(detail.peaks.channels[0], 'base64').length / 4;
      expect(pairs).toBeGreaterThanOrEqual(Math.floor(eventful.durationMs / 10));
    }
  });

  it('gives each bad file a clear reason and carries on', () => {
    const reasons = Object.fromEntries(result.failed.map((f) => [f.path.split('/').pop(), f]));
    expect(reasons['empty.wav']).toMatchObject({ code: 'empty', error: 'The file is empty (0 bytes).' });
    expect(reasons['notes.wav']).toMatchObject({ code: 'not_audio' });
    expect(reasons['cut.wav']).toMatchObject({ code: 'truncated' });
    expect(reasons['truespeech.wav']).toMatchObject({
      code: 'unsupported_codec',
      error: expect.stringContaining('TrueSpeech'),
    });
    expect(result.failed).toHaveLength(4);
    // The running core's own work folder (.incoming/<owner>/owner.lock) is not audio.
    const stored = readdirSync(join(temp.dir, 'data', 'library'), { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && !e.parentPath.includes('.incoming'),
    );
    expect(stored).toHaveLength(result.imported.length);
  });

  it.each(['pcm16', 'alaw', 'mulaw', 'mp3', 'flac', 'opus', 'vorbis'] as const)(
    'finds talk-over and dead air within ±300 ms in %s',
    async (format) => {
      const ext = formats.find((f) => f[0] === format)![1];
      const a = await core.call('recordings.analysis', { id: idOf(fileFor(format, ext))! });
      expect(a.talkOver).toHaveLength(eventful.talkOver.length);
      a.talkOver.forEach((event, i) => {
        expect(event.by).toBe(eventful.talkOver[i].by);
        near(event.startMs, eventful.talkOver[i].startMs);
        near(event.endMs, eventful.talkOver[i].endMs);
      });
      expect(a.silences).toHaveLength(1);
      near(a.silences[0].startMs, eventful.deadAir[0].startMs);
      near(a.silences[0].endMs, eventful.deadAir[0].endMs);
      expect(a.talkRatio!.agent + a.talkRatio!.customer).toBeCloseTo(1, 2);
      expect(a.talkRatio!.agent).toBeGreaterThan(0.5);
    },
  );

  it('reports no event on a clean call', async () => {
    const a = await core.call('recordings.analysis', { id: idOf(join(src, 'clean.wav'))! });
    expect(a.talkOver).toEqual([]);
    expect(a.silences).toEqual([]);
    expect(clean.talkOver).toEqual([]);
  });

  it('gives mono recordings dead air only, and follows a changed threshold', async () => {
    const id = idOf(join(src, 'mono.wav'))!;
    const a = await core.call('recordings.analysis', { id });
    expect(a).toMatchObject({ talkOver: [], talkRatio: null, agentChannel: null });
    expect(a.silences).toHaveLength(1);
    await core.call('settings.update', { deadAirSeconds: 10 });
    expect((await core.call('recordings.analysis', { id })).silences).toEqual([]);
    await core.call('settings.update', { deadAirSeconds: 5 });
  });

  it('reports a second import of the same content as a duplicate', async () => {
    const copy = join(temp.dir, 'copy-of-pcm.wav');
    writeFileSync(copy, readFileSync(fileFor('pcm16', 'wav')));
    const again = await importPaths([fileFor('pcm16', 'wav'), copy]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates.map((d) => d.id)).toEqual([idOf(fileFor('pcm16', 'wav')), idOf(fileFor('pcm16', 'wav'))]);
  });

  it('reports paths that do not exist', async () => {
    const r = await importPaths([join(temp.dir, 'nope')]);
    expect(r.failed).toEqual([{ path: join(temp.dir, 'nope'), code: 'unreadable', error: 'No such file or folder.' }]);
  });
});

describe('manifest imports', () => {
  const header = '通话ID,工号,坐席姓名,开始时间,业务类别,主叫号码,文件名';
  it.each([
    ['utf8-bom', (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
    ['gbk', (t: string) => iconv.encode(t, 'gbk')],
  ])('reads a %s manifest beside the files, adds unknown agents, masks numbers', async (name, encode) => {
    const dir = join(temp.dir, `manifest-${name}`);
    mkdirSync(dir);
    const calls = [buildCall(cleanCall, { seed: name.length }), buildCall(cleanCall, { seed: name.length + 50 })];
    calls.forEach((c, i) => writeFileSync(join(dir, `call${i}.wav`), c.wav));
    const lines = [
      header,
      `${name}-1,9${name.length}01,王芳,2024-04-01 10:00:00,宽带类,13800138000,call0.wav`,
      `${name}-2,9${name.length}01,王芳,2024-04-31 10:00:00,宽带类,13800138000,call1.wav`,
      `${name}-3,9${name.length}01,王芳,2024-04-01 11:00:00,宽带类,13800138000,missing.wav`,
    ];
    writeFileSync(join(dir, 'list.csv'), encode(lines.join('\r\n')));
    const r = await importPaths([dir]);
    expect(r.imported.map((i) => i.path)).toEqual([join(dir, 'call0.wav')]);
    const codes = Object.fromEntries(r.failed.map((f) => [f.path.split('/').pop(), f.code]));
    expect(codes).toEqual({ 'call1.wav': 'bad_manifest_row', 'missing.wav': 'missing_file' });
    const list = await core.call('recordings.list', { search: `${name}-1` });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      agentNo: `9${name.length}01`,
      agentName: '王芳',
      category: '宽带类',
      startedAt: '2024-04-01T10:00:00',
      callerNumberMasked: '138****8000',
    });
    expect(JSON.stringify(list)).not.toContain('13800138000');
    const facets = await core.call('recordings.facets', {});
    expect(facets.agents.map((a) => a.agentNo)).toContain(`9${name.length}01`);
  });
});

describe('cancellation', () => {
  it('stops the job, keeps finished files and leaves nothing half-imported', async () => {
    const dir = join(temp.dir, 'long');
    mkdirSync(dir);
    const long = buildCall(
      Array.from({ length: 60 }, (_, i) => ({
        who: i % 2 ? ('customer' as const) : ('agent' as const),
        text: '您好 请问有什么可以帮您',
        gapMs: 400,
      })),
    );
    for (let i = 0; i < 8; i++)
      writeFileSync(join(dir, `long${i}.wav`), buildCall(eventfulCall, { seed: 100 + i, tailMs: 1000 + i }).wav);
    writeFileSync(join(dir, 'long-a.wav'), long.wav);
    const jobId = '11111111-2222-4333-8444-555555555555';
    const seen: number[] = [];
    const off = core.events.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as { jobId: string }).jobId === jobId) {
        seen.push((payload as { done: number }).done);
        if ((payload as { done: number }).done === 1) void core.call('recordings.cancelImport', { jobId });
      }
    });
    const r = await importPaths([dir], { jobId });
    off();
    expect(r.cancelled).toBe(true);
    expect(r.failed.some((f) => f.code === 'cancelled')).toBe(true);
    expect(r.imported.length + r.duplicates.length + r.failed.length).toBe(9);
    expect(r.imported.length).toBeLessThan(9);
    expect(seen[0]).toBe(0);
    // No copy in progress is left behind (only the running core's lock is in its work folder).
    const incoming = join(temp.dir, 'data', 'library', '.incoming');
    const leftovers = existsSync(incoming) ? readdirSync(incoming, { recursive: true, withFileTypes: true }) : [];
    expect(leftovers.filter((e) => e.isFile() && e.name !== 'owner.lock')).toEqual([]);
    for (const f of r.failed)
      expect((await core.call('recordings.list', { search: f.path.split('/').pop()! })).total).toBe(0);
    expect(await core.call('recordings.cancelImport', { jobId })).toEqual({ cancelled: false });
  });
});

describe('a write that fails at the database', () => {
  it('fails its files with a reason and takes their audio back out of the library', async () => {
    const dir = join(temp.dir, 'refused');
    mkdirSync(dir);
    for (let i = 0; i < 4; i++)
      writeFileSync(join(dir, `call${i}.wav`), buildCall(eventfulCall, { seed: 300 + i, tailMs: 500 + i }).wav);
    // Stands in for a disk that fills up mid-import: the whole transaction of call2's group is rolled back.
    core.db.exec(`CREATE TEMP TRIGGER refuse_call2 BEFORE INSERT ON main.recordings WHEN NEW.file_name = 'call2.wav'
      BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full (simulated)'); END`);
    try {
      const r = await importPaths([dir]);
      expect(r.failed.map((f) => f.path.split('/').pop())).toContain('call2.wav');
      expect(r.failed.find((f) => f.path.endsWith('call2.wav'))?.error).toMatch(/disk is full/);
      expect(r.imported.length + r.failed.length).toBe(4);
      // Exactly the committed recordings have audio in the library; the failed ones left nothing behind.
      const library = join(temp.dir, 'data', 'library');
      const stored = readdirSync(library, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.parentPath.includes('.incoming'))
        .map((e) => e.name);
      for (const { id } of r.imported) {
        const { libraryPath } = core.db
          .prepare('SELECT library_path AS libraryPath FROM recordings WHERE id = ?')
          .get(id) as {
          libraryPath: string;
        };
        expect(stored).toContain(libraryPath.split('/').pop());
      }
      const rows = core.db.prepare('SELECT library_path AS p FROM recordings').all() as { p: string }[];
      const referenced = new Set(rows.map((row) => row.p.split('/').pop()));
      expect(stored.filter((name) => !referenced.has(name))).toEqual([]);
      const bySha = core.db.prepare('SELECT count(*) AS n FROM recordings WHERE sha256 = ?');
      for (const f of r.failed) {
        const sha = createHash('sha256').update(readFileSync(f.path)).digest('hex');
        expect((bySha.get(sha) as { n: number }).n).toBe(0);
      }
    } finally {
      core.db.exec('DROP TRIGGER temp.refuse_call2');
    }
  });
});

describe('the waveform a call opens with', () => {
  it('is stored at import, equals merging the full peaks, and is made again for calls imported without it', async () => {
    // Five minutes: 30 000 pairs of 10 ms per channel, more than the 20 000 a player opens with.
    const one = buildCall(eventfulCall, { seed: 401 }).wav;
    const body = one.subarray(44);
    const bytes = 5 * 60 * 8000 * 4;
    const wav = Buffer.alloc(44 + bytes);
    one.copy(wav, 0, 0, 44);
    wav.writeUInt32LE(36 + bytes, 4);
    wav.writeUInt32LE(bytes, 40);
    for (let at = 44; at < wav.length; at += body.length) body.copy(wav, at, 0, Math.min(body.length, wav.length - at));
    const path = join(temp.dir, 'five-minutes.wav');
    writeFileSync(path, wav);
    const [{ id }] = (await importPaths([path])).imported;

    const opened = (await core.call('recordings.get', { id })).peaks;
    const merged = await core.call('recordings.peaks', { id, startMs: 0, maxPeaks: overviewPeaks });
    expect(opened).toEqual(merged);
    expect(opened.msPerPeak).toBe(20);
    expect(Buffer.from(opened.channels[0], 'base64').length / 4).toBe(15_000);

    const stored = core.db.prepare('SELECT overview_factor AS factor FROM recording_peaks WHERE recording_id = ?');
    expect(stored.get(id)).toEqual({ factor: 2 });
    core.db
      .prepare('UPDATE recording_peaks SET overview = NULL, overview_factor = NULL WHERE recording_id = ?')
      .run(id);
    expect((await core.call('recordings.get', { id })).peaks).toEqual(merged);
    expect(stored.get(id)).toEqual({ factor: 2 });
    // A short call opens with its full peaks and keeps no second copy of them.
    const shortPath = join(temp.dir, 'short-call.wav');
    writeFileSync(shortPath, buildCall(eventfulCall, { seed: 402 }).wav);
    const [{ id: shortId }] = (await importPaths([shortPath])).imported;
    expect(
      core.db
        .prepare('SELECT overview, overview_factor AS factor FROM recording_peaks WHERE recording_id = ?')
        .get(shortId),
    ).toEqual({ overview: null, factor: 1 });
  });
});
