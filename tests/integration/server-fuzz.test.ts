/**
 * Thousands of fuzzed requests across every endpoint — mutated push bodies, report and pull queries, path ids,
 * headers, encodings and raw request lines — must each be answered with a 2xx or 4xx, never a 500: a value the
 * database cannot read (30 February, year 0, a NUL, a number past int4) is refused as a 400 before any query.
 * Half in-process (Fastify's inject), half as raw bytes over a socket to the same server listening on 127.0.0.1.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, importAgents } from '../../server/admin-commands';
import { buildServer } from '../../server/app';
import type { Db } from '../../server/db';
import { prepareDatabase } from '../../server/prepare';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync';
import { makeItem } from '../support/revisions';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, type TestDatabase } from '../support/sync-server';

const card = defaultCard();
let database: TestDatabase;
let db: Db;
let app: FastifyInstance;
let port: number;
let token: string;
let headToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await database.open();
  await prepareDatabase(db);
  token = (await addUser(db, { name: '甲', role: 'inspector' })).token;
  headToken = (await addUser(db, { name: '总部', role: 'head_office' })).token;
  await importAgents(db, [{ agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' }]);
  app = await buildServer({ db, rateLimitPerMinute: 1_000_000_000, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await database?.cleanup();
});

const nasty = [
  '0000-01-01',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '1000-01-01',
  '-1',
  '99999999999999999999',
  '2147483648',
  '1e309',
  'NaN',
  '%00',
  '%E0%A4%A',
  '%FF%FE',
  '%C0%AF',
  '\u0000',
  'x'.repeat(5000),
  '杭州',
  "'; DROP TABLE agents; --",
  '[]',
  '{}',
  '',
];
const valueArb = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 30 }), fc.integer().map(String));
const queryArb = fc
  .array(fc.tuple(fc.constantFrom('from', 'to', 'since', 'limit', 'site', 'teamId', 'x', 'from[]'), valueArb), {
    maxLength: 5,
  })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${/%/.test(v) ? v : encodeURIComponent(v)}`).join('&'));
const pathArb = fc.oneof(
  fc.constantFrom(
    '/v1/health',
    '/v1/me',
    '/v1/sync/pull',
    '/v1/sync/push',
    '/v1/reports/agent-comparison',
    '/v1/reports/site-ranking',
    '/v1/evaluations/00000000-0000-4000-8000-000000000000/revisions',
    '/%E0%A4%A',
    '/v1/%00',
    '/v1/evaluations/%E0%A4%A/revisions',
    '/v1/evaluations/%00/revisions',
    '/v1/sync/pull/',
    '//v1//sync//pull',
  ),
  valueArb.map((v) => `/v1/evaluations/${encodeURIComponent(v)}/revisions`),
);

function bodies(): fc.Arbitrary<string | undefined> {
  const valid = makeItem(card, () => 0.3, { agentNo: 'A001' });
  const mutatedItem = fc
    .tuple(fc.constantFrom(...Object.keys(valid.body)), fc.oneof(fc.jsonValue(), fc.constantFrom(...nasty)))
    .map(([k, v]) => ({ items: [{ ...valid, body: { ...valid.body, [k]: v } }] }));
  const mutatedCall = fc
    .tuple(fc.constantFrom(...Object.keys(valid.body.call!)), fc.oneof(fc.jsonValue(), fc.constantFrom(...nasty)))
    .map(([k, v]) => ({ items: [{ ...valid, body: { ...valid.body, call: { ...valid.body.call, [k]: v } } }] }));
  const envelope = fc
    .tuple(fc.constantFrom('id', 'revision', 'hash', 'body'), fc.oneof(fc.jsonValue(), fc.constantFrom(2 ** 31, -1)))
    .map(([k, v]) => ({ items: [{ ...valid, [k]: v }] }));
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(JSON.stringify({ items: [valid] })),
    fc.oneof(mutatedItem, mutatedCall, envelope, fc.jsonValue()).map((v) => JSON.stringify(v) ?? 'null'),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{"items":[', '\u0000', '{"items":[{"id":"\\u0000"}]}', '[[[[[[[[[[]]]]]]]]]]'),
  );
}

const current = String(PROTOCOL_VERSION);
const headersArb = fc.record({
  protocol: fc.constantFrom(current, current, current, '1', '2', '', 'two', `0${current}`, ` ${current}`, undefined),
  auth: fc.constantFrom('head', 'inspector', 'fake', 'none', 'garbage'),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    undefined,
  ),
});

const chaosArb = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'),
  path: pathArb,
  query: queryArb,
  headers: headersArb,
  body: bodies(),
});
type FuzzRequest = typeof chaosArb extends fc.Arbitrary<infer T> ? T : never;
/** Requests aimed at a real endpoint with its method, a valid token and protocol: their values reach the queries. */
const aimedArb = fc
  .record({
    route: fc.constantFrom(
      ['GET', '/v1/sync/pull'],
      ['GET', '/v1/reports/agent-comparison'],
      ['GET', '/v1/reports/site-ranking'],
      ['GET', '/v1/me'],
      ['POST', '/v1/sync/push'],
      ['POST', '/v1/sync/push'],
      ['POST', '/v1/calibration/push'],
      ['GET', '/v1/calibration/inspectors'],
      ['GET', '/v1/reports/graders'],
    ),
    id: fc.oneof(fc.uuid(), valueArb),
    query: queryArb,
    auth: fc.constantFrom('head', 'inspector'),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', undefined),
    body: bodies(),
  })
  .map(({ route: [method, path], id, query, auth, contentType, body }): FuzzRequest => ({
    method: method as FuzzRequest['method'],
    path: path === '/v1/me' && id.length % 2 ? `/v1/evaluations/${encodeURIComponent(id)}/revisions` : path,
    query,
    headers: { protocol: current, auth, contentType },
    body: method === 'POST' ? body : undefined,
  }));
const requestArb = fc.oneof({ arbitrary: aimedArb, weight: 3 }, { arbitrary: chaosArb, weight: 1 });

function headersOf(r: FuzzRequest): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.headers.protocol !== undefined) h[PROTOCOL_HEADER] = r.headers.protocol;
  const auth = { head: `Bearer ${headToken}`, inspector: `Bearer ${token}`, fake: `Bearer qai_${'A'.repeat(43)}` };
  if (r.headers.auth in auth) h.authorization = auth[r.headers.auth as keyof typeof auth];
  if (r.headers.auth === 'garbage') h.authorization = 'Basic Zm9vOmJhcg==';
  if (r.headers.contentType !== undefined && r.body !== undefined) h['content-type'] = r.headers.contentType;
  return h;
}

/** One request as raw bytes, so malformed request lines and encodings reach the server as a client sent them. */
function raw(r: FuzzRequest): Promise<number> {
  const body = r.body === undefined || r.method === 'GET' || r.method === 'HEAD' ? '' : r.body;
  const bytes = Buffer.from(body, 'utf8');
  const lines = [`${r.method} ${r.path}${r.query ? `?${r.query}` : ''} HTTP/1.1`, `host: 127.0.0.1:${port}`];
  for (const [k, v] of Object.entries(headersOf(r))) lines.push(`${k}: ${v.replace(/[\r\n]/g, '')}`);
  lines.push(`content-length: ${bytes.length}`, 'connection: close', '', '');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
    socket.write(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bytes]));
  });
}

describe('fuzzed requests', () => {
  it('answers every one without a 500', async () => {
    const statuses = new Map<number, number>();
    const fives: string[] = [];
    let count = 0;
    const record = (status: number, r: FuzzRequest) => {
      count++;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || status === 0) fives.push(`${status} ${r.method} ${r.path}?${r.query.slice(0, 80)}`);
    };
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const res = await app.inject({
          method: r.method as 'GET',
          url: `${r.path}${r.query ? `?${r.query}` : ''}`,
          headers: headersOf(r),
          ...(r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { payload: r.body } : {}),
        });
        record(res.statusCode, r);
      }),
      { numRuns: 3000, seed: 1602 },
    );
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => record(await raw(r), r)),
      { numRuns: 2500, seed: 1603 },
    );
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`fuzz: ${count} requests (${summary.join(', ')}); 500s: ${fives.length}`);
    expect(fives.slice(0, 20)).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(5000);
  }, 300_000);
});
