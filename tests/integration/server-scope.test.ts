/**
 * Roles and scope against a real server process: what each token may pull, read and learn. A lead of team A never
 * receives anything of team B (no evaluation, agent, team or target), a site user only their 分公司, an inspector
 * no one's evaluations; the revision history answers only in scope (or to the evaluation's own inspector) and is
 * a 404, not a 403, to anyone else. Every pulled evaluation is the latest revision, in version order, filed under the
 * roster's team (else the call's own), without its scorecard definition.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, importAgents, samplingTarget } from '../../server/admin-commands';
import {
  evaluationChangeSchema,
  identitySchema,
  pullPageSchema,
  revisionHistorySchema,
  type EvaluationChange,
  type PushItem,
} from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { makeItem } from '../support/revisions';
import { serverApi } from '../support/server-api';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';

const card = defaultCard();
const random = seededRandom(15);
const T_A = '武汉/一组';
const T_B = '武汉/二组';
const T_C = '杭州/三组';
const roster = [
  { agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' },
  { agentNo: 'A002', name: '李娜', team: '一组', site: '武汉' },
  { agentNo: 'B001', name: '王芳', team: '二组', site: '武汉' },
  { agentNo: 'C001', name: '赵磊', team: '三组', site: '杭州' },
];
let database: TestDatabase;
let server: ServerProcess;
let api: ReturnType<typeof serverApi>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const items: Record<string, PushItem> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  const add = async (key: string, user: Parameters<typeof addUser>[1]) => {
    const created = await addUser(db, user);
    tokens[key] = created.token;
    ids[key] = created.inspectorId;
  };
  await add('inspectorX', { name: '质检员甲', role: 'inspector' });
  await add('inspectorY', { name: '质检员乙', role: 'inspector' });
  await add('leadA', { name: '王组长', role: 'lead', teams: [T_A] });
  await add('leadB', { name: '李组长', role: 'lead', teams: [T_B, '未建/四组'] });
  await add('siteWuhan', { name: '武汉分公司', role: 'site', site: '武汉' });
  await add('headOffice', { name: '总部', role: 'head_office' });
  await importAgents(db, roster);
  for (const scope of [
    'all',
    `team:${T_A}`,
    `team:${T_B}`,
    `team:${T_C}`,
    'team:未建/四组',
    'agent:A001',
    'agent:B001',
    'agent:C001',
  ])
    await samplingTarget(db, scope, 20);
  await db.close();
  server = await startServer(database);
  api = serverApi(server.url);

  // inspector X scores A001 twice (a re-score), B001, C001 and a call with no agent filed by its own team;
  // inspector Y scores A002
  items.a1 = makeItem(card, random, { agentNo: 'A001', call: { teamId: 'elsewhere', site: '别处' } });
  items.a1r2 = makeItem(card, random, { id: items.a1.id, revision: 2, agentNo: 'A001' });
  items.b1 = makeItem(card, random, { agentNo: 'B001' });
  items.c1 = makeItem(card, random, { agentNo: 'C001' });
  items.none = makeItem(card, random, { agentNo: null, call: { teamId: T_A, teamName: '一组', site: '武汉' } });
  items.a2 = makeItem(card, random, { agentNo: 'A002', call: null });
  const x = await api.push(tokens.inspectorX, [items.a1, items.a1r2, items.b1, items.c1, items.none]);
  expect((x.json.results as { status: string }[]).map((r) => r.status)).toEqual(new Array(5).fill('stored'));
  const y = await api.push(tokens.inspectorY, [items.a2]);
  expect(y.json.results).toEqual([{ id: items.a2.id, revision: 1, status: 'stored' }]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

const evaluationsIn = (changes: { kind: string }[]) =>
  changes.filter((c): c is EvaluationChange => c.kind === 'evaluation');

describe('GET /v1/me', () => {
  it("names each token's user, role, teams (a team not in the roster yet by its id) and site", async () => {
    const me = async (key: string) => identitySchema.parse((await api.api('/v1/me', { token: tokens[key] })).json);
    expect(await me('leadB')).toEqual({
      userId: ids.leadB,
      name: '李组长',
      role: 'lead',
      teams: [
        { id: '未建/四组', name: '未建/四组' },
        { id: T_B, name: '二组' },
      ],
      site: null,
    });
    expect(await me('siteWuhan')).toMatchObject({ role: 'site', site: '武汉', teams: [] });
    expect(await me('inspectorX')).toMatchObject({ role: 'inspector', name: '质检员甲', site: null, teams: [] });
    expect(await me('headOffice')).toMatchObject({ role: 'head_office' });
    expect((await api.api('/v1/me', { token: `qai_${'x'.repeat(43)}` })).status).toBe(401);
  });
});

describe('pull scope', () => {
  it('gives a lead of team A nothing of team B or C: no evaluation, agent, team or target', async () => {
    const { changes, texts } = await api.pullAll(tokens.leadA, '0', 3);
    for (const text of texts) expect(() => pullPageSchema.parse(JSON.parse(text))).not.toThrow();
    // the parsed pages (the wire text escapes non-ASCII characters)
    const all = JSON.stringify(texts.map((t) => JSON.parse(t) as unknown));
    for (const foreign of ['B001', 'C001', '二组', '杭州', T_B, T_C, items.b1.id, items.c1.id])
      expect(all, foreign).not.toContain(foreign);
    expect(changes.filter((c) => c.kind === 'team')).toEqual([{ kind: 'team', id: T_A, name: '一组', site: '武汉' }]);
    expect(changes.flatMap((c) => (c.kind === 'agent' ? [c.agentNo] : [])).sort()).toEqual(['A001', 'A002']);
    expect(changes.flatMap((c) => (c.kind === 'sampling_target' ? [c.scope] : [])).sort()).toEqual([
      'agent:A001',
      'all',
      `team:${T_A}`,
    ]);
    expect(changes.some((c) => c.kind === 'scorecard')).toBe(true);
    const evaluations = evaluationsIn(changes);
    expect(evaluations.map((e) => e.id).sort()).toEqual([items.a1.id, items.a2.id, items.none.id].sort());
  });

  it("gives a lead their teams' targets even for a team the roster does not list yet", async () => {
    const { changes } = await api.pullAll(tokens.leadB);
    expect(changes.flatMap((c) => (c.kind === 'sampling_target' ? [c.scope] : [])).sort()).toEqual([
      'agent:B001',
      'all',
      'team:未建/四组',
      `team:${T_B}`,
    ]);
  });

  it('gives a site user their 分公司 only, and head office everything', async () => {
    const site = await api.pullAll(tokens.siteWuhan);
    expect(
      evaluationsIn(site.changes)
        .map((e) => e.id)
        .sort(),
    ).toEqual([items.a1.id, items.a2.id, items.b1.id, items.none.id].sort());
    expect(JSON.stringify(site.changes)).not.toContain('杭州');
    const head = await api.pullAll(tokens.headOffice);
    expect(evaluationsIn(head.changes)).toHaveLength(5);
    expect(head.changes.filter((c) => c.kind === 'agent')).toHaveLength(4);
  });

  it('gives an inspector the cards, the whole roster and the targets, but no evaluation at all', async () => {
    const { changes } = await api.pullAll(tokens.inspectorX);
    expect(evaluationsIn(changes)).toEqual([]);
    expect(changes.filter((c) => c.kind === 'agent')).toHaveLength(4);
    expect(changes.filter((c) => c.kind === 'team')).toHaveLength(3);
    expect(changes.filter((c) => c.kind === 'sampling_target')).toHaveLength(8);
  });

  it('sends the latest revision, filed by the roster (else the call), in version order, without the card', async () => {
    const { changes, pages } = await api.pullAll(tokens.headOffice, '0', 2);
    const evaluations = evaluationsIn(changes).map((e) => evaluationChangeSchema.parse(e));
    const a1 = evaluations.find((e) => e.id === items.a1.id)!;
    expect(a1.revision).toBe(2);
    expect(a1.hash).toBe(items.a1r2.hash);
    // A001 is in the roster: its team wins over the team the call carried
    expect([a1.teamId, a1.site]).toEqual([T_A, '武汉']);
    expect(a1.inspectorId).toBe(ids.inspectorX);
    expect(a1.inspectorName).toBe('质检员甲');
    expect('scorecardDefinition' in a1.body).toBe(false);
    const { scorecardDefinition: _card, ...rest } = items.a1r2.body;
    expect(a1.body).toEqual(rest);
    expect(a1.body.notes).toHaveLength(2);
    const none = evaluations.find((e) => e.id === items.none.id)!;
    expect([none.teamId, none.site]).toEqual([T_A, '武汉']);
    const legacy = evaluations.find((e) => e.id === items.a2.id)!;
    expect(legacy.body.call).toBeUndefined();
    expect(legacy.inspectorName).toBe('质检员乙');
    const cursors = pages.map((p) => BigInt(p.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
    expect(new Set(changes.map((c) => JSON.stringify(c))).size).toBe(changes.length);
  });

  it('names the scope in every page: the same for one token, different when the scope differs', async () => {
    const keys = async (key: string) => new Set((await api.pullAll(tokens[key], '0', 2)).pages.map((p) => p.scopeKey));
    const leadA = await keys('leadA');
    expect(leadA.size).toBe(1);
    const others = await Promise.all(['leadB', 'siteWuhan', 'headOffice', 'inspectorX'].map(keys));
    const all = [leadA, ...others].map((s) => [...s][0]);
    expect(new Set(all).size).toBe(5);
    expect([...(await keys('inspectorY'))][0]).toBe(all[4]); // same role and scope, same key
  });

  it("refiles an agent's evaluations when the roster moves them, so the new team's lead receives them", async () => {
    const before = await api.pullAll(tokens.leadB);
    expect(evaluationsIn(before.changes).map((e) => e.id)).toEqual([items.b1.id]);
    await server.stop();
    const db = await database.open();
    await importAgents(db, [{ agentNo: 'A002', name: '李娜', team: '二组', site: '武汉' }]);
    await db.close();
    server = await startServer(database);
    api = serverApi(server.url);
    const after = await api.pullAll(tokens.leadB, before.cursor);
    const moved = evaluationsIn(after.changes);
    expect(moved.map((e) => [e.id, e.teamId])).toEqual([[items.a2.id, T_B]]);
  }, 120_000);
});

describe('revision history', () => {
  const history = (key: string, id: string) => api.api(`/v1/evaluations/${id}/revisions`, { token: tokens[key] });

  it('lists every revision oldest first for a token whose scope holds the evaluation, and to its inspector', async () => {
    for (const key of ['leadA', 'siteWuhan', 'headOffice', 'inspectorX']) {
      const res = await history(key, items.a1.id);
      expect(res.status, key).toBe(200);
      const { revisions } = revisionHistorySchema.parse(res.json);
      expect(revisions.map((r) => [r.revision, r.hash])).toEqual([
        [1, items.a1.hash],
        [2, items.a1r2.hash],
      ]);
      expect(revisions[0].body.call?.teamId).toBe('elsewhere'); // as scored; filed by the roster
      expect(revisions[0].teamId).toBe(T_A);
    }
  });

  it('answers 404 alike for an evaluation out of scope, of another inspector, or that does not exist', async () => {
    const notFound = { error: { code: 'not_found', message: 'No such evaluation.' } };
    for (const [key, id] of [
      ['leadA', items.c1.id],
      ['leadA', items.b1.id],
      ['siteWuhan', items.c1.id],
      ['inspectorY', items.a1.id],
      ['inspectorX', items.a2.id],
      ['headOffice', randomUUID()],
    ]) {
      const res = await history(key, id);
      expect([key, res.status, res.json]).toEqual([key, 404, notFound]);
    }
    expect((await history('headOffice', 'not-a-uuid')).status).toBe(400);
  });
});
