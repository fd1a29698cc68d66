/**
 * Issue 15 end to end: one real head-office server; two inspectors' apps score the sample calls offline and sync;
 * a team lead sets up sync in Chromium (the sync page, as a user would) and reads their team's comparison and
 * monthly report, holding both inspectors' evaluations; head office's app ranks the two sites; every figure equals
 * what the server's own export holds; the lead of the other team receives nothing of the first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { addUser, importAgents, samplingTarget } from '../../server/admin-commands';
import { exportEvaluations } from '../../server/export';
import type { Db } from '../../server/db';
import type { AgentComparison } from '../../shared/report';
import { averageX100 } from '../../shared/report-math';
import { hundredths } from '../../shared/scorecard';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { usePostgres, type Postgres } from '../support/postgres';
import { openClient } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const wuhan = '武汉/一组';
const changsha = '长沙/二组';
let postgres: Postgres;
let database: TestDatabase;
let admin: Db;
let server: ServerProcess;
const tokens: Record<string, string> = {};
const temps: ReturnType<typeof makeTempDir>[] = [];
const cores: Core[] = [];
let lead: BrowserModeProcess;
let browser: Browser;
let page: Page;
let errors: string[];

function app(name: string): Core {
  const temp = makeTempDir(`qa-e2e-ho-${name}-`);
  temps.push(temp);
  const core = openClient(temp.dir);
  cores.push(core);
  return core;
}

/** Full marks on every item but one per call (a different one each time), through the real submit path. */
async function scoreOffline(core: Core, callIds: string[], lose: number) {
  const list = await core.call('recordings.list', { limit: 50 } as never);
  for (const [k, callId] of callIds.entries()) {
    const recording = (list as { items: { id: string; callId: string | null }[] }).items.find(
      (r) => r.callId === callId,
    )!;
    const view = await core.call('evaluations.open', { recordingId: recording.id });
    const answers: Record<string, number | 'pass'> = {};
    view.scorecard!.sections.forEach((s) =>
      s.items.forEach((i) => (answers[i.id] = i.kind === 'points' ? i.maxPoints : 'pass')),
    );
    const points = view.scorecard!.sections.flatMap((s) => s.items.filter((i) => i.kind === 'points'));
    answers[points[(lose + k) % points.length].id] = 0;
    await core.call('evaluations.submit', { recordingId: recording.id, answers });
  }
}

beforeAll(async () => {
  postgres = await usePostgres({ fsync: 'off' });
  database = await createTestDatabase({ postgresUrl: postgres.url });
  admin = await database.open();
  await importAgents(admin, [
    { agentNo: '8001', name: '张敏', team: '一组', site: '武汉' },
    { agentNo: '8002', name: '李强', team: '一组', site: '武汉' },
    { agentNo: '8003', name: '王芳', team: '一组', site: '武汉' },
    { agentNo: '8004', name: '刘洋', team: '二组', site: '长沙' },
    { agentNo: '8005', name: '陈静', team: '二组', site: '长沙' },
    { agentNo: '8006', name: '赵磊', team: '二组', site: '长沙' },
  ]);
  await samplingTarget(admin, `team:${wuhan}`, 3);
  tokens.a = (await addUser(admin, { name: '质检员甲', role: 'inspector' })).token;
  tokens.b = (await addUser(admin, { name: '质检员乙', role: 'inspector' })).token;
  tokens.lead = (await addUser(admin, { name: '王组长', role: 'lead', teams: [wuhan] })).token;
  tokens.otherLead = (await addUser(admin, { name: '刘组长', role: 'lead', teams: [changsha] })).token;
  tokens.head = (await addUser(admin, { name: '总部', role: 'head_office' })).token;
  server = await startServer(database);

  // Two inspectors: the roster first (one sync), then scoring with no server in reach, then a sync each.
  const [a, b] = [app('a'), app('b')];
  for (const [core, token] of [
    [a, tokens.a],
    [b, tokens.b],
  ] as const) {
    await core.call('recordings.loadSample', {});
    await core.call('sync.configure', { serverUrl: server.url, token });
    await core.call('sync.now', {});
  }
  await server.stop();
  await scoreOffline(a, ['S001', 'S002', 'S004'], 0);
  await scoreOffline(b, ['S003', 'S005', 'S006'], 3);
  server = await startServer(database, { port: server.port });
  for (const core of [a, b]) expect((await core.call('sync.now', {})).pushed).toBe(3);

  const leadTemp = makeTempDir('qa-e2e-ho-lead-');
  temps.push(leadTemp);
  lead = await startBrowserMode(leadTemp.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  errors = watchPageErrors(page);
  await page.goto(lead.loginUrl);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await lead?.stop();
  for (const core of cores) core.close();
  await server?.stop();
  await admin?.close();
  await database?.cleanup();
  await postgres?.stop();
  for (const t of temps) t.cleanup();
});

/** What head office's own export says a period's evaluations of these agents average, per agent. */
async function exported(agentNos: string[]): Promise<Map<string, { count: number; total: number | null }>> {
  const { rows } = await exportEvaluations(admin, { from: '2024-03-01', to: '2024-03-31' });
  const out = new Map<string, { count: number; sum: number }>();
  for (const r of rows) {
    if (!r.agentNo || !agentNos.includes(r.agentNo)) continue;
    const s = out.get(r.agentNo) ?? { count: 0, sum: 0 };
    s.count++;
    s.sum += hundredths(r.total);
    out.set(r.agentNo, s);
  }
  return new Map([...out].map(([k, v]) => [k, { count: v.count, total: averageX100(v.sum, v.count) }]));
}

describe('head office and a team lead', () => {
  it('the lead sets up sync on the page and sees the role and team it gives', async () => {
    await page.getByRole('menuitem', { name: '同步' }).click();
    await page.getByLabel('服务器地址').fill(server.url);
    await page.getByLabel('设备令牌').fill(tokens.lead);
    await page.getByRole('button', { name: '保存并连接' }).click();
    await page.getByText('班组长 · 一组').waitFor({ timeout: 30_000 });
  });

  it('the lead’s comparison holds both inspectors’ evaluations of the team, equal to head office’s export', async () => {
    await page.getByRole('menuitem', { name: '报表' }).click();
    await page.getByTestId('reports-home').waitFor();
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '我的班组' }).click();
    const rows = page.locator('[data-report="comparison"] .report-table tbody tr.ant-table-row');
    await expect
      .poll(async () => (await rows.locator('td:nth-child(2)').allTextContents()).sort())
      .toEqual(['张敏', '李强', '王芳'].sort());
    const expected = await exported(['8001', '8002', '8003']);
    expect(expected.get('8002')!.count).toBe(2); // scored once by each inspector
    const shown = await page.evaluate(async () => {
      const token = sessionStorage.getItem('qa.browserToken') ?? '';
      const res = await fetch('/api/reports.agentComparison', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: '2024-03', to: '2024-03', scope: 'team' }),
      });
      return ((await res.json()) as { data: AgentComparison }).data;
    });
    for (const row of shown.rows) {
      expect({ count: row.count, total: row.total }).toEqual(expected.get(row.agentNo));
      const cells = rows.filter({ hasText: row.name });
      await expect.poll(() => cells.first().textContent()).toContain(row.total!.toFixed(2));
    }
  });

  it('the lead’s monthly report lists every evaluation of the team by both inspectors in its annex', async () => {
    await page.getByRole('tab', { name: '月度质检分析' }).click();
    const annex = page.getByTestId('monthly-annex');
    await annex.waitFor();
    for (const inspector of ['质检员甲', '质检员乙']) await annex.getByText(inspector).first().waitFor();
    await expect.poll(() => annex.locator('tbody tr.ant-table-row').count()).toBe(4);
    expect(errors).toEqual([]);
  });

  it('head office’s app ranks the two sites with the export’s figures', async () => {
    const head = app('head');
    await head.call('sync.configure', { serverUrl: server.url, token: tokens.head });
    await head.call('sync.now', {});
    const ranking = await head.call('reports.siteRanking', { from: '2024-03', to: '2024-03' });
    expect(ranking.rows.map((r) => r.site).sort()).toEqual(['武汉', '长沙']);
    const { rows: all } = await exportEvaluations(admin, { from: '2024-03-01', to: '2024-03-31' });
    for (const row of ranking.rows) {
      const mine = all.filter((r) => r.site === row.site);
      expect(row.count).toBe(mine.length);
      expect(row.total).toBe(
        averageX100(
          mine.reduce((s, r) => s + hundredths(r.total), 0),
          mine.length,
        ),
      );
    }
  });

  it('the lead of the other team receives nothing of the first team', async () => {
    const other = app('other-lead');
    await other.call('sync.configure', { serverUrl: server.url, token: tokens.otherLead });
    await other.call('sync.now', {});
    const comparison = await other.call('reports.agentComparison', { from: '2024-03', to: '2024-03' });
    expect(comparison.rows.map((r) => r.agentNo).sort()).toEqual(['8004', '8005']);
    const agents = other.db.prepare('SELECT agent_no FROM agents ORDER BY agent_no').pluck().all();
    expect(agents).not.toContain('8001');
  });

  it('an inspector’s work queue follows head office’s sampling target for the team', async () => {
    const queue = await cores[0].call('sampling.queue', { month: '2024-03' });
    expect(queue.quotaSource).toBe('head_office');
    expect(queue.agents.find((x) => x.agentNo === '8001')).toMatchObject({ quota: 3, quotaSource: 'head_office' });
  });
});
