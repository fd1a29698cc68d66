/**
 * What a push stores and what it refuses, with the code the app translates: each rule on its own item, the rest of
 * the batch unaffected. In-process (Fastify's inject) on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, importAgents, publishScorecardFile } from '../../server/admin-commands';
import { buildServer } from '../../server/app';
import type { Db } from '../../server/db';
import { INT4_MAX } from '../../shared/text';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PushItem, type PushResult } from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { hashOf, makeItem } from '../support/revisions';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, type TestDatabase } from '../support/sync-server';

const card = defaultCard();
const random = seededRandom(16);
let database: TestDatabase;
let db: Db;
let app: FastifyInstance;
let tokenA: string;
let tokenB: string;
let idA: string;

const push = async (token: string, items: unknown[]) => {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/sync/push',
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    payload: { items },
  });
  return { status: res.statusCode, json: res.json() as { results: PushResult[]; error?: { message: string } } };
};
const outcome = (r: PushResult) => [r.status, r.code ?? null];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await database.open();
  const a = await addUser(db, { name: '甲', role: 'inspector' });
  tokenA = a.token;
  idA = a.inspectorId;
  tokenB = (await addUser(db, { name: '乙', role: 'inspector' })).token;
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  // no grace for gaps here: a revision whose predecessor is missing is refused at once (see the last test)
  app = await buildServer({ db, logLevel: 'silent', rateLimitPerMinute: 100_000, gapGraceMs: 0 });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await database?.cleanup();
});

describe('push rules', () => {
  it('accepts any agent (or none) while the server has no roster, and a body without call context', async () => {
    const items = [
      makeItem(card, random, { agentNo: 'Z999' }),
      makeItem(card, random, { agentNo: null }),
      makeItem(card, random, { agentNo: 'Z998', call: null }),
    ];
    const { json } = await push(tokenA, items);
    expect(json.results.map(outcome)).toEqual(new Array(3).fill(['stored', null]));
  });

  it("refuses a body naming another inspector than the token's (inspector_mismatch), takes its own id", async () => {
    const other = makeItem(card, random, { inspectorId: 'someone-else' });
    const own = makeItem(card, random, { inspectorId: idA });
    const { json } = await push(tokenA, [other, own]);
    expect(json.results.map(outcome)).toEqual([
      ['rejected', 'inspector_mismatch'],
      ['stored', null],
    ]);
  });

  it('refuses a new evaluation that starts above revision 1, and revision n whose n−1 never arrived', async () => {
    const r1 = makeItem(card, random);
    const r3 = makeItem(card, random, { id: r1.id, revision: 3 });
    const lone7 = makeItem(card, random, { revision: 7 });
    const first = await push(tokenA, [lone7, r1, r3]);
    expect(first.json.results.map(outcome)).toEqual([
      ['rejected', 'revision_gap'],
      ['stored', null],
      ['rejected', 'revision_gap'],
    ]);
    expect(first.json.results[0].reason).toMatch(/starts at revision 1, not 7/);
    // once revision 2 arrives, 3 is taken: in one batch, in any order
    const r2 = makeItem(card, random, { id: r1.id, revision: 2 });
    expect((await push(tokenA, [r3, r2])).json.results.map(outcome)).toEqual([
      ['stored', null],
      ['stored', null],
    ]);
    // a gap refusal claims nothing: another inspector's evaluation 7 is still theirs to start
    const [row] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM evaluation_owners WHERE evaluation_id = $1',
      [lone7.id],
    );
    expect(Number(row.n)).toBe(0);
  });

  it('takes the re-score of a revision it refused for good (score check) instead of waiting for that one forever', async () => {
    const bad = makeItem(card, random, { mutate: (b) => ({ ...b, total: b.total === 100 ? 99 : b.total + 1 }) });
    expect((await push(tokenA, [bad])).json.results.map(outcome)).toEqual([['rejected', 'score_mismatch']]);
    const rescored = makeItem(card, random, { id: bad.id, revision: 2 });
    expect((await push(tokenA, [rescored])).json.results.map(outcome)).toEqual([['stored', null]]);
    // the refused revision is not what head office holds: the evaluation is theirs from revision 2
    const [row] = await db.query<{ revision: number }>(
      'SELECT max(revision) AS revision FROM evaluation_revisions WHERE evaluation_id = $1',
      [bad.id],
    );
    expect(Number(row.revision)).toBe(2);
    // another inspector cannot take it over the same way
    const intruder = makeItem(card, random, { id: bad.id, revision: 3 });
    expect((await push(tokenB, [intruder])).json.results.map(outcome)).toEqual([['forbidden', 'not_owner']]);
  });

  it('refuses a card that differs from the published one, and one never published, with their codes', async () => {
    const differs = makeItem(card, random, {
      mutate: (b) => ({ ...b, scorecardDefinition: { ...b.scorecardDefinition, name: '改过的卡' } }),
    });
    const unknown = makeItem(card, random, { mutate: (b) => ({ ...b, scorecardVersion: 42 }) });
    const { json } = await push(tokenA, [differs, unknown]);
    expect(json.results.map(outcome)).toEqual([
      ['rejected', 'card_differs'],
      ['rejected', 'card_not_published'],
    ]);
  });

  it('refuses agents missing from the roster once one is loaded (head office fixes it), a null agent is fine', async () => {
    await importAgents(db, [{ agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' }]);
    const { json } = await push(tokenA, [
      makeItem(card, random, { agentNo: 'A001' }),
      makeItem(card, random, { agentNo: 'Z999' }),
      makeItem(card, random, { agentNo: null }),
    ]);
    expect(json.results.map(outcome)).toEqual([
      ['stored', null],
      ['rejected', 'agent_not_in_roster'],
      ['stored', null],
    ]);
  });

  it("answers forbidden (not_owner) to another inspector's evaluation", async () => {
    const mine = makeItem(card, random);
    await push(tokenA, [mine]);
    const theirs = makeItem(card, random, { id: mine.id, revision: 2 });
    expect((await push(tokenB, [theirs])).json.results.map(outcome)).toEqual([['forbidden', 'not_owner']]);
  });

  it('refuses values the database cannot hold with a 400 naming them, never a 500', async () => {
    const good = makeItem(card, random);
    const bad = (patch: (i: PushItem) => unknown) => push(tokenA, [patch(structuredClone(good))]);
    const cases = [
      (i: PushItem) => ({ ...i, revision: INT4_MAX + 1, body: { ...i.body, revision: INT4_MAX + 1 } }),
      (i: PushItem) => ({ ...i, body: { ...i.body, agentNo: 'A\u0000001' } }),
      (i: PushItem) => ({ ...i, body: { ...i.body, submittedAt: '2026-02-30T10:00:00Z' } }),
      (i: PushItem) => ({ ...i, body: { ...i.body, call: { ...i.body.call, startedAt: '2026-02-29T10:00:00' } } }),
      (i: PushItem) => ({ ...i, body: { ...i.body, call: { ...i.body.call, durationMs: 2 ** 31 } } }),
      (i: PushItem) => ({ ...i, body: { ...i.body, comment: 'x\u0000y' } }),
    ];
    for (const patch of cases) {
      const res = await bad(patch);
      expect(res.status).toBe(400);
    }
    expect((await push(tokenA, [good])).json.results.map(outcome)).toEqual([['stored', null]]);
  });

  it('refuses only the item a database error hits; the rest of the batch is stored', async () => {
    // a stand-in for any fault the checks before it missed: the database itself refuses one value
    await db.query("ALTER TABLE evaluation_revisions ADD CONSTRAINT test_refuse CHECK (agent_no <> 'D001') NOT VALID");
    try {
      await importAgents(db, [
        { agentNo: 'D001', name: '周杰', team: '一组', site: '武汉' },
        { agentNo: 'A002', name: '李娜', team: '一组', site: '武汉' },
        { agentNo: 'A003', name: '王芳', team: '一组', site: '武汉' },
      ]);
      const doomed = makeItem(card, random, { agentNo: 'D001' });
      const doomedNext = makeItem(card, random, { id: doomed.id, revision: 2, agentNo: 'A002' });
      const fine = [makeItem(card, random, { agentNo: 'A002' }), makeItem(card, random, { agentNo: 'A003' })];
      const { status, json } = await push(tokenA, [fine[0], doomed, doomedNext, fine[1]]);
      expect(status).toBe(200);
      expect(json.results.map(outcome)).toEqual([
        ['stored', null],
        ['rejected', 'invalid'],
        ['rejected', 'revision_gap'],
        ['stored', null],
      ]);
      const stored = await db.query<{ evaluation_id: string }>(
        'SELECT evaluation_id FROM evaluation_latest WHERE evaluation_id = ANY($1)',
        [[...fine, doomed].map((i) => i.id)],
      );
      expect(stored.map((r) => r.evaluation_id).sort()).toEqual(fine.map((i) => i.id).sort());
    } finally {
      await db.query('ALTER TABLE evaluation_revisions DROP CONSTRAINT test_refuse');
    }
  });

  it('answers 503 "send again" while a revision overtook the one before it, storing the rest of the batch', async () => {
    // the app sends two batches at once and retries dropped ones: n may arrive before n−1 for a while
    const patient = await buildServer({ db, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    try {
      const send = (items: PushItem[]) =>
        patient.inject({
          method: 'POST',
          url: '/v1/sync/push',
          headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${tokenA}` },
          payload: { items },
        });
      const r1 = makeItem(card, random, { agentNo: 'A002' });
      const r2 = makeItem(card, random, { id: r1.id, revision: 2, agentNo: 'A002' });
      const other = makeItem(card, random, { agentNo: 'A002' });
      const early = await send([r2, other]);
      expect(early.statusCode).toBe(503);
      expect(early.json()).toMatchObject({ error: { code: 'revisions_pending' } });
      expect(early.headers['retry-after']).toBeDefined();
      expect((await send([r1])).json()).toEqual({ results: [{ id: r1.id, revision: 1, status: 'stored' }] });
      expect((await send([r2, other])).json()).toEqual({
        results: [
          { id: r1.id, revision: 2, status: 'stored' },
          { id: other.id, revision: 1, status: 'duplicate' },
        ],
      });
    } finally {
      await patient.close();
    }
  });

  it('keeps the rejection with its code on the server, and the hash it was checked against', async () => {
    const bad = makeItem(card, random, { agentNo: 'A001' });
    const wrong = { ...bad, hash: hashOf({ ...bad.body, comment: 'other' }) };
    expect((await push(tokenA, [wrong])).json.results.map(outcome)).toEqual([['rejected', 'hash_mismatch']]);
    const rows = await db.query<{ code: string }>('SELECT code FROM rejections WHERE evaluation_id = $1', [bad.id]);
    expect(rows).toEqual([{ code: 'hash_mismatch' }]);
  });
});
