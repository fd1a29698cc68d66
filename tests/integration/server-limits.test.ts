/**
 * The server's guard rails that the protocol suite runs too loosely to see: the body size limit and the per-token
 * rate limit. Both answer a clear 4xx and store nothing. In-process (Fastify's inject) with small limits, on PGlite
 * or on PostgreSQL when DATABASE_URL is set.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInspector, publishScorecardFile } from '../../server/admin-commands';
import { buildServer } from '../../server/app';
import type { Db } from '../../server/db';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PushItem } from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { defaultCard, openClient, submitRevision } from '../support/sync-client';
import { createTestDatabase, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const card = defaultCard();
const temp = makeTempDir('qa-server-limits-');
const client = openClient(temp.dir);
const random = seededRandom(5);
const perMinute = 5;
const bodyLimit = 64 * 1024;
let database: TestDatabase;
let db: Db;
let app: FastifyInstance;
let tokenA: string;
let tokenB: string;

function newItem(): PushItem {
  const s = submitRevision(client.db, card, random);
  return { id: s.id, revision: s.revision, hash: s.hash, body: s.body };
}

function push(token: string, payload: string, contentType = 'application/json') {
  return app.inject({
    method: 'POST',
    url: '/v1/sync/push',
    headers: {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      authorization: `Bearer ${token}`,
      'content-type': contentType,
    },
    payload,
  });
}

const pull = (token: string) =>
  app.inject({
    method: 'GET',
    url: '/v1/sync/pull?since=0',
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
  });

async function storedCount(): Promise<number> {
  const [row] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM evaluation_revisions');
  return Number(row.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = await database.open();
  tokenA = (await addInspector(db, '甲')).token;
  tokenB = (await addInspector(db, '乙')).token;
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  app = await buildServer({ db, rateLimitPerMinute: perMinute, bodyLimitBytes: bodyLimit, logLevel: 'silent' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await database?.cleanup();
  client.close();
  temp.cleanup();
});

describe('server limits', () => {
  it('refuses a body over the limit with 413 body_too_large and stores nothing of it', async () => {
    const items: PushItem[] = [];
    while (JSON.stringify({ items }).length <= bodyLimit) items.push(newItem());
    const res = await push(tokenA, JSON.stringify({ items }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'body_too_large', message: expect.any(String) } });
    expect(await storedCount()).toBe(0);
    // under the limit the same items are taken (one per request keeps the rate-limit test below predictable)
    const one = await push(tokenA, JSON.stringify({ items: [items[0]] }));
    expect(one.json()).toEqual({ results: [{ id: items[0].id, revision: 1, status: 'stored' }] });
    expect(await storedCount()).toBe(1);
  });

  it('refuses a body that is not JSON with 415, not 500', async () => {
    const res = await push(tokenB, 'items=1', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('limits each token on its own: the busy one gets 429 rate_limited, the other is still served', async () => {
    // tokenA has used 2 requests of its 5 above, tokenB 1
    const seen: number[] = [];
    for (let i = 0; i < perMinute - 2; i++) seen.push((await pull(tokenA)).statusCode);
    expect(seen).toEqual(new Array(perMinute - 2).fill(200));
    const before = await storedCount();
    const limited = await push(tokenA, JSON.stringify({ items: [newItem()] }));
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringMatching(/try again/) },
    });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(await storedCount()).toBe(before);
    expect((await pull(tokenB)).statusCode).toBe(200);
    // a request with no valid token is counted against its address, never against a token's allowance
    expect((await app.inject({ method: 'GET', url: '/v1/health' })).statusCode).toBe(200);
  });
});
