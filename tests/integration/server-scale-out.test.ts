/**
 * Two server processes on one PostgreSQL serve the same inspectors at once (as behind a load balancer): every
 * inspector's batches go to both, overlapping and with duplicates, and each revision is still stored exactly once,
 * every evaluation has one latest row with a version of its own, and pulls through either process give the same
 * pages. Uses DATABASE_URL's server, or starts a throwaway PostgreSQL when there is none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/admin-commands';
import type { PushItem, PushResult } from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { usePostgres, type Postgres } from '../support/postgres';
import { makeItem } from '../support/revisions';
import { serverApi } from '../support/server-api';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';

const card = defaultCard();
const random = seededRandom(17);
const inspectors = 3;
const evaluationsEach = 40;
const revisions = 3;
let postgres: Postgres;
let database: TestDatabase;
let servers: ServerProcess[] = [];
const tokens: string[] = [];
let head: string;

beforeAll(async () => {
  postgres = await usePostgres({ fsync: 'off' });
  database = await createTestDatabase({ postgresUrl: postgres.url });
  const db = await database.open();
  for (let i = 0; i < inspectors; i++)
    tokens.push((await addUser(db, { name: `质检员${i}`, role: 'inspector' })).token);
  head = (await addUser(db, { name: '总部', role: 'head_office' })).token;
  await db.close();
  servers = await Promise.all([startServer(database), startServer(database)]);
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await database?.cleanup();
  await postgres?.stop();
});

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function batches<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

describe('two server processes on one PostgreSQL', () => {
  it('store every revision once under concurrent, overlapping, duplicated pushes and pull the same pages', async () => {
    const apis = servers.map((s) => serverApi(s.url));
    // rounds[r][i]: revision r+1 of inspector i's evaluations (revision r was acknowledged in the round before)
    const ids = tokens.map(() => Array.from({ length: evaluationsEach }, () => crypto.randomUUID()));
    const rounds: PushItem[][][] = Array.from({ length: revisions }, (_, r) =>
      ids.map((list) => list.map((id) => makeItem(card, random, { id, revision: r + 1, agentNo: 'A001' }))),
    );
    const results: PushResult[] = [];
    for (const [r, round] of rounds.entries()) {
      await Promise.all(
        round.flatMap((items, i) => {
          const earlier = r > 0 ? shuffled(rounds[r - 1][i]).slice(0, 10) : [];
          // each server gets the whole round (in its own order, in its own batches) plus repeats of the last one
          return apis.map(async (api) => {
            for (const batch of batches(shuffled([...items, ...earlier]), 17)) {
              const res = await api.push(tokens[i], batch);
              expect(res.status).toBe(200);
              results.push(...(res.json.results as PushResult[]));
            }
          });
        }),
      );
    }
    const stored = new Map<string, number>();
    for (const r of results) {
      expect([r.id, r.status, r.code]).toEqual([r.id, expect.stringMatching(/^(stored|duplicate)$/), undefined]);
      if (r.status === 'stored') stored.set(`${r.id}#${r.revision}`, (stored.get(`${r.id}#${r.revision}`) ?? 0) + 1);
    }
    const total = inspectors * evaluationsEach * revisions;
    expect(stored.size).toBe(total);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);

    const db = await database.open();
    try {
      const [counts] = await db.query<{
        revisions: string;
        distinct_revisions: string;
        latest: string;
        versions: string;
      }>(
        `SELECT (SELECT count(*) FROM evaluation_revisions) AS revisions,
                (SELECT count(DISTINCT (evaluation_id, revision)) FROM evaluation_revisions) AS distinct_revisions,
                (SELECT count(*) FROM evaluation_latest WHERE revision = ${revisions}) AS latest,
                (SELECT count(DISTINCT version) FROM evaluation_latest) AS versions`,
      );
      expect(counts).toEqual({
        revisions: String(total),
        distinct_revisions: String(total),
        latest: String(inspectors * evaluationsEach),
        versions: String(inspectors * evaluationsEach),
      });
    } finally {
      await db.close();
    }

    const [one, two] = await Promise.all(apis.map((api) => api.pullAll(head, '0', 50)));
    expect(one.texts).toEqual(two.texts);
    const evaluations = one.changes.filter((c) => c.kind === 'evaluation');
    expect(evaluations).toHaveLength(inspectors * evaluationsEach);
    expect(new Set(evaluations.map((e) => e.id)).size).toBe(evaluations.length);
    // a cursor from one process continues on the other
    const half = await apis[0].api('/v1/sync/pull?since=0&limit=60', { token: head });
    const rest = await apis[1].pullAll(head, (half.json as { cursor: string }).cursor, 50);
    const joined = [...(half.json as { changes: unknown[] }).changes, ...rest.changes];
    expect(joined).toEqual(one.changes);
  }, 240_000);
});
