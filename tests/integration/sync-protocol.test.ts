/**
 * The server's rules, checked against a real server process: auth, protocol version, ownership, exactly-once
 * storage per (id, revision), score recomputation, pull paging and the head-office report.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInspector, importAgents, publishScorecardFile, revoke, samplingTarget } from '../../server/admin-commands';
import { canonicalJson, evaluationRevisionHash } from '../../shared/evaluation';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullPage, type PushItem } from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { defaultCard, openClient, submitRevision, type Submitted } from '../support/sync-client';
import {
  createTestDatabase,
  startServer,
  storedRevisions,
  type ServerProcess,
  type TestDatabase,
} from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const card = defaultCard();
let database: TestDatabase;
let server: ServerProcess;
let tokenA: string;
let tokenB: string;
let tokenRevoked: string;
let tokenHeadOffice: string;
const temp = makeTempDir('qa-sync-protocol-');
const client = openClient(temp.dir);
const random = seededRandom(42);

const item = (s: Submitted): PushItem => ({ id: s.id, revision: s.revision, hash: s.hash, body: s.body });

async function api(
  path: string,
  init: { token?: string; body?: unknown; raw?: string; protocol?: string | null; method?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.protocol !== null) headers[PROTOCOL_HEADER] = init.protocol ?? String(PROTOCOL_VERSION);
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // left null: asserted by the caller
  }
  return { status: res.status, json: json as Record<string, unknown> };
}

const push = (token: string, items: PushItem[]) => api('/v1/sync/push', { token, body: { items } });

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  tokenA = (await addInspector(db, '质检员甲')).token;
  tokenB = (await addInspector(db, '质检员乙')).token;
  const revoked = await addInspector(db, '已离职');
  tokenRevoked = revoked.token;
  await revoke(db, { inspectorId: revoked.inspectorId });
  tokenHeadOffice = (await addInspector(db, '总部', 'head_office')).token;
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await importAgents(
    db,
    Array.from({ length: 25 }, (_, i) => ({
      agentNo: `A${String(i + 1).padStart(3, '0')}`,
      name: `坐席${i + 1}`,
      team: `班组${(i % 3) + 1}`,
      site: i < 12 ? '杭州' : '宁波',
    })),
  );
  await samplingTarget(db, 'all', 10);
  await db.close();
  server = await startServer(database);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  client.close();
  await database?.cleanup();
  temp.cleanup();
});

describe('sync server: access', () => {
  it('answers health without a token', async () => {
    const res = await api('/v1/health', { protocol: null });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', protocolVersion: PROTOCOL_VERSION });
  });

  it('refuses a missing or incompatible protocol version with a clear error', async () => {
    const missing = await api('/v1/sync/pull', { token: tokenA, protocol: null });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: { code: 'protocol_required' } });
    // an app still on protocol 1 (no call context, no codes) is told to update, not fed evaluations it cannot store
    const old = await api('/v1/sync/pull', { token: tokenA, protocol: '1' });
    expect(old.status).toBe(426);
    expect(old.json).toMatchObject({ error: { code: 'protocol_mismatch' } });
    expect(String((old.json.error as { message: string }).message)).toMatch(
      new RegExp(`protocol ${PROTOCOL_VERSION}.*sent 1.*Update the app`),
    );
  });

  it('answers 401 for missing, malformed, unknown and revoked tokens', async () => {
    for (const token of [undefined, 'nonsense', `qai_${'x'.repeat(43)}`, tokenRevoked]) {
      const res = await api('/v1/sync/pull', { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('keeps head-office reports from inspector tokens', async () => {
    expect((await api('/v1/reports/agent-comparison', { token: tokenA })).status).toBe(403);
  });
});

describe('sync server: push', () => {
  it('stores a revision once; a repeat is a duplicate; other content for the same revision is rejected', async () => {
    const s = submitRevision(client.db, card, random);
    const first = await push(tokenA, [item(s)]);
    expect(first.status).toBe(200);
    expect(first.json.results).toEqual([{ id: s.id, revision: 1, status: 'stored' }]);
    expect((await push(tokenA, [item(s)])).json.results).toEqual([{ id: s.id, revision: 1, status: 'duplicate' }]);
    const other = submitRevision(client.db, card, random);
    const clash = { ...item(other), id: s.id, body: { ...other.body, id: s.id } };
    clash.hash = evaluationRevisionHash(clash.body);
    const res = await push(tokenA, [clash]);
    expect(res.json.results).toMatchObject([{ id: s.id, revision: 1, status: 'rejected', code: 'revision_conflict' }]);
    expect(String((res.json.results as { reason: string }[])[0].reason)).toMatch(/different content/);
  });

  it('accepts revisions in any order and repeated items inside one batch', async () => {
    const r1 = submitRevision(client.db, card, random);
    const r2 = submitRevision(client.db, card, random, { id: r1.id, revision: 2 });
    const res = await push(tokenA, [item(r2), item(r1), item(r2)]);
    expect(res.json.results).toEqual([
      { id: r1.id, revision: 2, status: 'stored' },
      { id: r1.id, revision: 1, status: 'stored' },
      { id: r1.id, revision: 2, status: 'duplicate' },
    ]);
  });

  it("refuses inspector B's push of A's evaluation (403 per item) and stores nothing of it", async () => {
    const a = submitRevision(client.db, card, random);
    expect((await push(tokenA, [item(a)])).json.results).toMatchObject([{ status: 'stored' }]);
    const rev2 = submitRevision(client.db, card, random, { id: a.id, revision: 2 });
    const res = await push(tokenB, [item(rev2)]);
    expect(res.status).toBe(200);
    expect(res.json.results).toMatchObject([{ id: a.id, revision: 2, status: 'forbidden', code: 'not_owner' }]);
    const whole = await push(tokenB, [item(a)]);
    expect(whole.json.results).toMatchObject([{ status: 'forbidden' }]);
    const report = await api('/v1/reports/agent-comparison', { token: tokenHeadOffice });
    expect(report.status).toBe(200);
    // what B sent is not there: the same evaluation later pushed by A as revision 2 is still free
    expect((await push(tokenA, [item(rev2)])).json.results).toMatchObject([{ status: 'stored' }]);
  });

  it('rejects a score that does not match the answers, an unknown scorecard version and a wrong hash', async () => {
    const bad = submitRevision(client.db, card, random, {
      mutate: (b) => ({ ...b, total: b.total === 100 ? 99 : b.total + 1 }),
    });
    const unknown = submitRevision(client.db, card, random, { mutate: (b) => ({ ...b, scorecardVersion: 99 }) });
    const good = submitRevision(client.db, card, random);
    const res = await push(tokenA, [item(bad), item(unknown), { ...item(good), hash: 'f'.repeat(64) }]);
    const results = res.json.results as { status: string; reason: string }[];
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results.map((r) => (r as { code?: string }).code)).toEqual([
      'score_mismatch',
      'card_not_published',
      'hash_mismatch',
    ]);
    expect(results[0].reason).toMatch(/Total is/);
    expect(results[1].reason).toMatch(/version 99 is not published/);
    expect(results[2].reason).toMatch(/hash/);
  });

  it('answers 4xx (never 500) to thousands of malformed bodies and stores none of them', async () => {
    const valid = item(submitRevision(client.db, card, random));
    // Stored first, so a mutation that happens to leave the item intact is a duplicate, never a second store.
    expect((await push(tokenA, [valid])).json.results).toMatchObject([{ status: 'stored' }]);
    const before = await api('/v1/reports/agent-comparison', { token: tokenHeadOffice });
    const mutated = fc.oneof(
      fc.anything().map((v) => ({ items: [v] })),
      fc.jsonValue(),
      fc.record({ items: fc.array(fc.jsonValue(), { maxLength: 3 }) }),
      fc
        .tuple(fc.constantFrom('id', 'revision', 'hash', 'body'), fc.jsonValue())
        .map(([k, v]) => ({ items: [{ ...valid, [k]: v }] })),
      fc.tuple(fc.constantFrom(...Object.keys(valid.body)), fc.jsonValue()).map(([k, v]) => ({
        items: [{ ...valid, body: { ...valid.body, [k]: v } }],
      })),
    );
    const raw = fc.oneof(
      mutated.map((v) => {
        try {
          return JSON.stringify(v) ?? 'null';
        } catch {
          return '{';
        }
      }),
      fc.string(),
    );
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        cases++;
        const res = await api('/v1/sync/push', { token: tokenA, raw: text, method: 'POST' });
        if (res.status === 200) {
          // only a mutation that keeps the item well-formed gets here, and it is then judged per item
          const results = (res.json.results ?? []) as { status: string }[];
          return results.every((r) => r.status !== 'stored');
        }
        expect(res.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(res.status, text.slice(0, 200)).toBeLessThan(500);
        expect(res.json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        return true;
      }),
      { numRuns: 2500, seed: 7 },
    );
    expect(cases).toBeGreaterThanOrEqual(2500);
    const after = await api('/v1/reports/agent-comparison', { token: tokenHeadOffice });
    expect((after.json.overall as { count: number }).count).toBe((before.json.overall as { count: number }).count);
  }, 120_000);
});

describe('sync server: pull and reports', () => {
  it('pages head-office changes in version order and the client applies them with the cursor', async () => {
    const seen: string[] = [];
    let since = '0';
    for (let i = 0; i < 20; i++) {
      const res = await api(`/v1/sync/pull?since=${since}&limit=7`, { token: tokenA });
      const page = res.json as unknown as PullPage;
      seen.push(
        ...page.changes.map((c) =>
          c.kind === 'agent' ? c.agentNo : 'id' in c ? `${c.kind}:${c.id}` : 'scope' in c ? c.scope : c.kind,
        ),
      );
      since = page.cursor;
      if (!page.more) break;
    }
    // 3 cards (the built-in phone, chat and store-visit cards) + 6 teams (3 names × 2 sites) + 25 agents + 1 target +
    // the dispute policy, each exactly once
    expect(seen).toHaveLength(36);
    expect(new Set(seen).size).toBe(36);
    const result = await client.call('sync.configure', { serverUrl: server.url, token: tokenA });
    expect(result.configured).toBe(true);
    const run = await client.call('sync.now', {});
    expect(run.pulled).toBe(36);
    const agents = client.db.prepare("SELECT count(*) AS n FROM agents WHERE source = 'server'").get() as { n: number };
    expect(agents.n).toBe(25);
    expect(client.db.prepare("SELECT calls_per_month AS n FROM sampling_targets WHERE scope = 'all'").get()).toEqual({
      n: 10,
    });
    const again = await client.call('sync.now', {});
    expect(again.pulled).toBe(0);
    const status = await client.call('sync.status', {});
    expect(status.online).toBe(true);
    expect(status.rejectedCount).toBeGreaterThan(0); // the deliberately bad items above stay visible with reasons
    expect(status.rejected.every((r) => r.reason.length > 0)).toBe(true);
    expect(status.pending).toBe(0);
  });

  it('compares agents across inspectors in the app report shape', async () => {
    const res = await api('/v1/reports/agent-comparison?from=2025-03-01&to=2025-03-31', { token: tokenHeadOffice });
    expect(res.status).toBe(200);
    const report = res.json as unknown as {
      rows: { agentNo: string; name: string; count: number; total: number; sections: Record<string, number> }[];
      overall: { count: number };
    };
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows.reduce((n, r) => n + r.count, 0)).toBe(report.overall.count);
    expect(Object.keys(report.rows[0].sections).sort()).toEqual(card.definition.sections.map((s) => s.id).sort());
    expect(canonicalJson(report.rows[0].name)).not.toBe('""');
  });
});

describe('sync server: stored data', () => {
  it('holds every stored revision once with the hash the client computed', async () => {
    await server.stop();
    const db = await database.open();
    const rows = await storedRevisions(db);
    await db.close();
    expect(new Set(rows.map((r) => `${r.evaluation_id}#${r.revision}`)).size).toBe(rows.length);
    const local = new Map(
      (
        client.db.prepare('SELECT evaluation_id, revision, hash FROM evaluation_revisions').all() as {
          evaluation_id: string;
          revision: number;
          hash: string;
        }[]
      ).map((r) => [`${r.evaluation_id}#${r.revision}`, r.hash]),
    );
    for (const r of rows) expect(local.get(`${r.evaluation_id}#${r.revision}`)).toBe(r.hash);
    server = await startServer(database);
  }, 60_000);
});
