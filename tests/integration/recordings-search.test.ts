import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { configureConnection } from '../../electron/core/db/open';
import { migrate, readMigrations } from '../../electron/core/db/migrate';
import { AgentsRepository } from '../../electron/core/recordings/agents-repo';
import { seedRecordings, seedVersion7Recordings } from '../support/seed-recordings';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-search-');
const migrationsDir = join(__dirname, '../../electron/core/db/migrations');
const cores: Core[] = [];

afterAll(() => {
  for (const core of cores) core.close();
  temp.cleanup();
});

function open(name: string): Core {
  const core = createCore({ dataDir: join(temp.dir, name) });
  cores.push(core);
  return core;
}

const lister = (core: Core) => (input: Parameters<Core['call']>[1] & object) =>
  core.call('recordings.list', input as never);

describe('recordings.list text search (trigram index, migration 008)', () => {
  let core: Core;
  let list: ReturnType<typeof lister>;

  beforeAll(() => {
    core = open('small');
    // 300 rows, agents 8000–8009 named 坐席0–坐席9; row i: call id C<i>, file <agent>_<i>.wav
    seedRecordings(core.db, 300, 10);
    list = lister(core);
  });

  it('finds a call id, a file name and a caller number by any fragment of three or more characters', async () => {
    const calls = await list({ search: 'C12' });
    expect(calls.total).toBe(11); // C12, C120–C129
    expect(new Set(calls.items.map((i) => i.callId))).toEqual(
      new Set(['C12', ...Array.from({ length: 10 }, (_, k) => `C12${k}`)]),
    );
    expect((await list({ search: 'c12' })).total).toBe(11); // ASCII case is ignored, as LIKE did
    const file = await list({ search: '_17.wav' });
    expect(file.items.map((i) => [i.fileName, i.callId])).toEqual([['8007_17.wav', 'C17']]);
    expect((await list({ search: '00000299' })).items.map((i) => i.callId)).toEqual(['C299']);
  });

  it('finds recordings by a fragment of a Chinese agent name, and follows renames', async () => {
    new AgentsRepository(core.db).upsertRoster([
      { agentNo: '8003', name: '欧阳晓明华', teamId: 'T3', teamName: '第3组' },
    ]);
    const renamed = await list({ search: '阳晓明', limit: 100 });
    expect(renamed.total).toBe(30);
    expect(new Set(renamed.items.map((i) => i.agentNo))).toEqual(new Set(['8003']));
    expect(renamed.items[0]).toMatchObject({ agentName: '欧阳晓明华', callId: 'C293' });
    expect((await list({ search: '坐席3' })).total).toBe(0); // the old name is gone from the index
    expect((await list({ search: '坐席4' })).total).toBe(30);
  });

  it('combines with the other filters and sorts like any other query', async () => {
    // agent 8004 (i ≡ 4 mod 10), 域名类 (i ≡ 2 mod 5): i ≡ 2 mod 5 never meets i ≡ 4 mod 10; 服务类 (i ≡ 3 mod 5) neither
    expect((await list({ search: '坐席4', category: '域名类' })).total).toBe(0);
    const withCategory = await list({ search: '坐席4', category: '其他', sort: 'durationMs', order: 'asc' });
    expect(withCategory.total).toBe(30); // i ≡ 4 mod 10 is always ≡ 4 mod 5
    const durations = withCategory.items.map((i) => i.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => a - b));
  });

  it('falls back to LIKE under three characters and treats quotes and wildcards as text', async () => {
    expect((await list({ search: '坐席' })).total).toBe(270); // every agent but the renamed one
    expect((await list({ search: '_1' })).total).toBe(111); // files <agent>_1, _10–_19, _100–_199
    expect((await list({ search: 'a"b' })).total).toBe(0);
    expect((await list({ search: '"C12"' })).total).toBe(0);
    expect((await list({ search: 'C1%' })).total).toBe(0);
  });

  it('drops deleted recordings from the index', async () => {
    core.db.prepare("DELETE FROM recordings WHERE call_id = 'C299'").run();
    expect((await list({ search: 'C299' })).total).toBe(0);
    expect((await list({ search: 'C29' })).total).toBe(10);
  });
});

describe('many matches', () => {
  it('pages through thousands of matches in the order asked, whichever plan runs', async () => {
    const core = open('many');
    seedRecordings(core.db, 2600, 1); // all rows belong to 坐席0: past the "start from the matches" limit
    const list = lister(core);
    const newest = await list({ search: '坐席0', limit: 3 });
    expect(newest.total).toBe(2600);
    expect(newest.items.map((i) => i.callId)).toEqual(['C2599', 'C2598', 'C2597']);
    const byFile = await list({ search: '坐席0', sort: 'fileName', order: 'asc', limit: 2, offset: 2000 });
    const all = Array.from({ length: 2600 }, (_, i) => `8000_${i}.wav`).sort();
    expect(byFile.items.map((i) => i.fileName)).toEqual(all.slice(2000, 2002));
    expect((await list({ search: '坐席0', durationMin: 629 })).total).toBe(4); // i % 600 = 599: 599, 1199, …
  });
});

describe('migration 008 on a library that already has recordings', () => {
  it('backfills the index', async () => {
    const dataDir = join(temp.dir, 'old');
    mkdirSync(dataDir, { recursive: true });
    const db = new BetterSqlite3(join(dataDir, 'qa.sqlite'));
    configureConnection(db);
    migrate(
      db,
      readMigrations(migrationsDir).filter((m) => m.version < 8),
    );
    seedVersion7Recordings(db, 50, 5);
    db.close();
    const list = lister(open('old'));
    expect((await list({ search: '坐席2' })).total).toBe(10);
    expect((await list({ search: 'C42' })).items.map((i) => i.callId)).toEqual(['C42']);
  });
});
