/**
 * Call-backs and narratives between real apps and a real server. Head office's app imports the call-back file; the
 * call-backs whose call was evaluated are filed under that agent's team and site, so each lead's app receives its
 * team's call-backs and nothing of another team, the site its 分公司's, and a roster move refiles them. A lead's
 * narrative reaches head office and the site but not the other lead; only the team's lead or head office may write
 * it; a repeated push is a duplicate; the last edit to reach head office is everyone's, and an edit not yet sent is
 * never overwritten by a pull.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { addUser, importAgents } from '../../server/admin-commands';
import type { CallbackImportResult } from '../../shared/callbacks';
import { emptyNarrative, type NarrativeBody, type NarrativeView } from '../../shared/narrative';
import type { MonthlyReport } from '../../shared/report';
import { seededRandom } from '../support/fault-proxy';
import { makeItem } from '../support/revisions';
import { serverApi } from '../support/server-api';
import { defaultCard, openClient } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const card = defaultCard();
const random = seededRandom(20);
const T1 = '武汉/一组';
const T2 = '武汉/二组';
const roster = [
  { agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' },
  { agentNo: 'A002', name: '李娜', team: '一组', site: '武汉' },
  { agentNo: 'B001', name: '王芳', team: '二组', site: '武汉' },
  { agentNo: 'C001', name: '赵磊', team: '三组', site: '杭州' },
];
const temp = makeTempDir('qa-sync-callbacks-');
let database: TestDatabase;
let server: ServerProcess;
let api: ReturnType<typeof serverApi>;
const tokens: Record<string, string> = {};
const apps: Record<string, Core> = {};

async function app(name: string): Promise<Core> {
  const core = openClient(join(temp.dir, name));
  await core.call('sync.configure', { serverUrl: server.url, token: tokens[name] });
  await core.call('sync.now', {});
  apps[name] = core;
  return core;
}

const march = { from: '2026-03', to: '2026-03' };
const monthly = (core: Core, input: object = {}) =>
  core.call('reports.monthly', { ...march, ...input }) as Promise<MonthlyReport>;
const callbackTotal = async (core: Core, input: object = {}) => (await monthly(core, input)).callbacks.months.at(-1)!;

function narrative(text: string): NarrativeBody {
  return { ...emptyNarrative(), nextFocus: text };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  for (const [key, user] of Object.entries({
    inspector: { name: '质检员甲', role: 'inspector' as const },
    leadA: { name: '王组长', role: 'lead' as const, teams: [T1] },
    leadB: { name: '李组长', role: 'lead' as const, teams: [T2] },
    wuhan: { name: '武汉分公司', role: 'site' as const, site: '武汉' },
    head: { name: '总部', role: 'head_office' as const },
  })) {
    tokens[key] = (await addUser(db, user)).token;
  }
  await importAgents(db, roster);
  await db.close();
  server = await startServer(database);
  api = serverApi(server.url);
  // The inspector's evaluations of five calls, one of them of 杭州's agent.
  const items = [
    ['A001', 'CB-1'],
    ['A001', 'CB-2'],
    ['B001', 'CB-3'],
    ['C001', 'CB-4'],
  ].map(([agentNo, callId]) => makeItem(card, random, { agentNo, call: { callId, agentName: null } }));
  const pushed = await api.push(tokens.inspector, items);
  expect(pushed.status).toBe(200);
  for (const name of ['head', 'leadA', 'leadB', 'wuhan']) await app(name);
}, 180_000);

afterAll(async () => {
  for (const core of Object.values(apps)) core.close();
  await server?.stop();
  await database?.cleanup();
  temp.cleanup();
});

describe('call-backs imported at head office', () => {
  it('reach each lead and site filed under the evaluated call’s agent, and head office whole', async () => {
    const file = join(temp.dir, 'callbacks.csv');
    writeFileSync(
      file,
      [
        '回访日期,呼叫编号,回访对象,工号,时限满意,整体满意,不满意原因,分公司',
        '2026-03-10,CB-1,客户,,是,是,,',
        '2026-03-10,CB-2,客户,,否,否,处理时间过长,',
        '2026-03-11,CB-3,分公司,,是,是,,',
        '2026-03-11,CB-4,客户,,是,否,问题未彻底解决,',
        '2026-03-12,,分公司,A002,是,是,,',
        '2026-03-12,,分公司,,是,是,,武汉',
        '2026-03-12,,客户,,是,是,,',
      ].join('\n'),
    );
    const imported = (await apps.head.call('callbacks.import', { path: file })) as CallbackImportResult;
    expect(imported).toMatchObject({ imported: 7, duplicates: 0, failed: [], linked: 5 });
    expect(await callbackTotal(apps.head)).toMatchObject({ total: 7, overallSatisfied: 5, rate: 71.43 });
    // the import started a sync by itself; this one waits for it
    await apps.head.call('sync.now', {});
    expect(apps.head.db.prepare('SELECT count(*) AS n FROM callback_outbox').get()).toEqual({ n: 0 });

    await apps.leadA.call('sync.now', {});
    expect(await callbackTotal(apps.leadA)).toMatchObject({ total: 3, overallSatisfied: 2, rate: 66.67 });
    const leadA = await monthly(apps.leadA);
    expect(leadA.callbacks.agents.map((a) => [a.agentNo, a.total, a.satisfied])).toEqual([
      ['A001', 2, 1],
      ['A002', 1, 1],
    ]);
    await apps.leadB.call('sync.now', {});
    expect(await callbackTotal(apps.leadB)).toMatchObject({ total: 1, overallSatisfied: 1 });
    await apps.wuhan.call('sync.now', {});
    // 一组's three, 二组's one and the one the file put in 武汉 without an agent
    expect(await callbackTotal(apps.wuhan)).toMatchObject({ total: 5, overallSatisfied: 4 });
  });

  it('refuses a site user’s call-back of another site, and answers a repeat as a duplicate', async () => {
    const record = {
      id: 'ab'.repeat(32),
      date: '2026-03-20',
      callId: null,
      group: '客户',
      agentNo: null,
      timeSatisfied: true,
      overallSatisfied: true,
      reason: '',
      suggestion: '',
      site: '杭州',
    };
    const refused = await api.api('/v1/sync/callbacks', { token: tokens.wuhan, body: { items: [record] } });
    expect(refused.json).toEqual({ results: [{ id: record.id, status: 'forbidden', reason: expect.any(String) }] });
    const own = { ...record, site: '武汉' };
    const first = await api.api('/v1/sync/callbacks', { token: tokens.wuhan, body: { items: [own] } });
    const again = await api.api('/v1/sync/callbacks', { token: tokens.wuhan, body: { items: [own] } });
    expect([first.json, again.json]).toEqual([
      { results: [{ id: own.id, status: 'stored' }] },
      { results: [{ id: own.id, status: 'duplicate' }] },
    ]);
    const bad = await api.api('/v1/sync/callbacks', { token: tokens.wuhan, body: { items: [{ ...own, date: 'x' }] } });
    expect(bad.status).toBe(400);
  });

  it('follow their agent when the roster moves one to another team', async () => {
    // PGlite is one process's database: the admin command runs while the server is stopped, as in production.
    await server.stop();
    const admin = await database.open();
    await importAgents(admin, [{ agentNo: 'A001', name: '张伟', team: '二组', site: '武汉' }]);
    await admin.close();
    server = await startServer(database, { port: server.port });
    await apps.leadB.call('sync.now', {});
    // 二组's own one and A001's two, which now count for 二组 as A001's evaluations do
    expect(await callbackTotal(apps.leadB)).toMatchObject({ total: 3, overallSatisfied: 2 });
    const b = await monthly(apps.leadB, { scope: 'team' });
    expect(b.callbacks.agents.map((a) => a.agentNo)).toEqual(['A001', 'B001']);
    expect(b.comparison.rows.map((r) => r.agentNo).sort()).toEqual(['A001', 'B001']);
  });
});

describe('the lead’s narrative', () => {
  it('reaches head office and the site, never the other team’s lead', async () => {
    const saved = (await apps.leadA.call('narratives.save', {
      team: T1,
      month: '2026-03',
      body: narrative('首问负责制，杜绝推诿'),
    })) as NarrativeView;
    expect(saved).toMatchObject({ editable: true, sync: 'pending', authorName: '王组长' });
    await apps.leadA.call('sync.now', {});
    expect((await apps.leadA.call('narratives.get', { team: T1, month: '2026-03' })).sync).toBe('synced');
    for (const name of ['head', 'wuhan', 'leadB']) await apps[name].call('sync.now', {});
    const atHead = (await apps.head.call('narratives.get', { team: T1, month: '2026-03' })) as NarrativeView;
    expect(atHead).toMatchObject({ authorName: '王组长', sync: 'synced', body: narrative('首问负责制，杜绝推诿') });
    expect((await monthly(apps.wuhan, { team: T1 })).narratives.map((n) => n.body.nextFocus)).toEqual([
      '首问负责制，杜绝推诿',
    ]);
    expect((await apps.leadB.call('narratives.get', { team: T1, month: '2026-03' })).updatedAt).toBeNull();
  });

  it('is refused to another team’s lead, and a repeated edit is a duplicate', async () => {
    const item = { changeId: randomUUID(), teamId: T2, month: '2026-03', body: narrative('越权') };
    const refused = await api.api('/v1/sync/narratives', { token: tokens.leadA, body: { items: [item] } });
    expect(refused.json).toMatchObject({ results: [{ changeId: item.changeId, status: 'forbidden' }] });
    const own = { ...item, teamId: T1, body: narrative('重复推送') };
    const results = [];
    for (let i = 0; i < 2; i++) {
      results.push((await api.api('/v1/sync/narratives', { token: tokens.leadA, body: { items: [own] } })).json);
    }
    expect(results).toEqual([
      { results: [{ changeId: own.changeId, status: 'stored' }] },
      { results: [{ changeId: own.changeId, status: 'duplicate' }] },
    ]);
  });

  it('keeps the last edit to reach head office, and never lets a pull overwrite an edit not yet sent', async () => {
    await apps.head.call('sync.now', {});
    await apps.head.call('narratives.save', { team: T1, month: '2026-03', body: narrative('总部修改') });
    // the lead edits before head office's edit arrives: the lead's words are pending here, and stay
    await apps.leadA.call('narratives.save', { team: T1, month: '2026-03', body: narrative('组长最新') });
    await apps.head.call('sync.now', {});
    const local = (await apps.leadA.call('narratives.get', { team: T1, month: '2026-03' })) as NarrativeView;
    expect(local.body.nextFocus).toBe('组长最新');
    await apps.leadA.call('sync.now', {});
    await apps.head.call('sync.now', {});
    const head = (await apps.head.call('narratives.get', { team: T1, month: '2026-03' })) as NarrativeView;
    expect(head).toMatchObject({ body: narrative('组长最新'), authorName: '王组长', sync: 'synced' });
  });
});
