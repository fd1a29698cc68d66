/**
 * The feedback loop across three apps and one head-office server, in Chromium: the lead files a dispute on two items
 * while offline and syncs; the inspector, beside their own comments and notes, accepts one and rejects the other;
 * the lead escalates; head office decides; every app's reports then show the final score and the dispute
 * statistics, and each dispute's history shows every step with who and when. Set-up goes through the dispatcher.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReadView } from '../../shared/contracts/reports';
import type { MonthlyReport } from '../../shared/report';
import { launchChromium, startBrowserMode, watchPageErrors, type BrowserModeProcess } from '../support/browser-mode';
import { device, disputableAnswers, disputeWorld, type DisputeWorld, type UserKey } from '../support/dispute-world';
import { FaultProxy } from '../support/fault-proxy';

let world: DisputeWorld;
let proxy: FaultProxy;
let browser: Browser;
let evaluationId: string;
const apps = {} as Record<
  'inspector' | 'lead' | 'headOffice',
  { app: BrowserModeProcess; page: Page; errors: string[] }
>;
const dirs: (() => void)[] = [];

/** A data folder for `user`, set up through the dispatcher, closed again before browser mode opens it. */
async function folder(user: UserKey, url: string, setup?: (d: Awaited<ReturnType<typeof device>>) => Promise<void>) {
  const d = await device(world, user, url);
  await setup?.(d);
  await d.core.call('sync.now', {});
  d.core.close();
  return d;
}

beforeAll(async () => {
  world = await disputeWorld();
  proxy = new FaultProxy(world.server.port);
  await proxy.listen();
  const inspector = await folder('inspector', world.server.url, async (d) => {
    await d.core.call('recordings.loadSample', {});
    const list = await d.core.call('recordings.list', { limit: 10 });
    const s001 = list.items.find((r) => r.callId === 'S001')!;
    await d.core.call('annotations.create', { recordingId: s001.id, startMs: 12_000, text: '未说明等待原因' });
    const submitted = await d.core.call('evaluations.submit', {
      recordingId: s001.id,
      answers: disputableAnswers(),
      comment: '等待前未说明原因，未安抚',
    });
    evaluationId = submitted.id;
  });
  const lead = await folder('lead', proxy.url);
  const office = await folder('headOffice', world.server.url);
  browser = await launchChromium();
  for (const [key, d] of [
    ['inspector', inspector],
    ['lead', lead],
    ['headOffice', office],
  ] as const) {
    const app = await startBrowserMode(d.dir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    apps[key] = { app, page, errors: watchPageErrors(page) };
    dirs.push(() => d.close());
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const a of Object.values(apps)) await a.app.stop();
  await proxy?.close();
  await world?.stop();
  for (const cleanup of dirs) cleanup();
});

/** The core's answer through the page's own session. */
function apiCall<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const token = sessionStorage.getItem('qa.browserToken');
      const response = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(i),
      });
      return ((await response.json()) as { data: unknown }).data;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function disputesPage(page: Page) {
  await page.getByRole('menuitem', { name: '申诉' }).click();
  await page.getByTestId('disputes-page').waitFor();
  await page.getByRole('button', { name: /同\s*步/ }).click();
}

const card = (page: Page) => page.locator('[data-testid^="dispute-"]').filter({ hasText: '张敏' }).first();

describe('a dispute from the lead to head office, in Chromium', () => {
  it('the lead files a dispute on two items while offline, then syncs', async () => {
    const { app, page } = apps.lead;
    await page.goto(`${app.loginUrl}#/evaluation/${evaluationId}`);
    const panel = page.getByTestId('feedback-panel');
    await panel.getByText(/每位坐席每月最多申诉 3 次/).waitFor();
    proxy.mode = 'refuse';
    proxy.dropAll();
    await panel.getByText('客户抱怨时及时回应并安抚（3 / 6）').click();
    await panel.getByLabel('坐席理由：客户抱怨时及时回应并安抚').fill('客户没有抱怨，无需安抚');
    await panel.getByLabel('建议分：客户抱怨时及时回应并安抚').fill('6');
    await panel.getByText('请客户等待时使用标准用语（2 / 5）').click();
    await panel.getByLabel('坐席理由：请客户等待时使用标准用语').fill('已说“请稍等”');
    await panel.getByRole('button', { name: '提交申诉' }).click();
    await panel.getByText('待质检员裁定').waitFor();
    await panel.getByText('申诉 · 待同步').waitFor();

    proxy.mode = 'pass';
    await disputesPage(page);
    const lead = card(page);
    await lead
      .getByTestId('dispute-history')
      .getByText(/申诉 · 王组长（班组长）/)
      .waitFor();
    expect(await lead.getByText('待同步').count()).toBe(0);
  });

  it('the inspector sees the disputed items beside their comment and notes, accepts one and rejects the other', async () => {
    const { app, page } = apps.inspector;
    await page.goto(app.loginUrl);
    await disputesPage(page);
    const c = card(page);
    await c.getByText('客户没有抱怨，无需安抚').waitFor();
    await c.getByText('质检员评语：等待前未说明原因，未安抚').waitFor();
    await c.getByText('未说明等待原因').waitFor();
    await c.getByRole('button', { name: '从 0:12 播放' }).click();
    await c.getByLabel('驳回：请客户等待时使用标准用语').check();
    await c.getByLabel('说明：请客户等待时使用标准用语').fill('等待前未说明原因');
    await c.getByLabel('说明：客户抱怨时及时回应并安抚').fill('确无抱怨');
    await c.getByRole('button', { name: '提交裁定' }).click();
    await c.getByText('质检员已裁定').waitFor();
    await c.getByText('已生成第 2 版评分').waitFor();
  });

  it('the lead escalates the rejection; head office decides it for good', async () => {
    const lead = apps.lead.page;
    await disputesPage(lead);
    const l = card(lead);
    await l.getByText('质检员已裁定').waitFor();
    await l.getByLabel('升级理由').fill('录音 00:35 已说请稍等');
    await l.getByRole('button', { name: '升级至总部' }).click();
    await l.getByText('已升级至总部').waitFor();

    const { app, page } = apps.headOffice;
    await page.goto(app.loginUrl);
    await disputesPage(page);
    const h = card(page);
    await h.getByText('已升级至总部').waitFor();
    await h.getByLabel('改判分：请客户等待时使用标准用语').fill('4');
    await h.getByLabel('说明：请客户等待时使用标准用语').fill('用语基本规范');
    await h.getByRole('button', { name: '提交仲裁' }).click();
    await h.getByText('总部已仲裁').waitFor();
  });

  it('every app ends with the final score, the dispute statistics and the full history', async () => {
    await disputesPage(apps.inspector.page); // the inspector's app writes the arbitration revision
    await card(apps.inspector.page).getByText('已生成第 3 版评分').waitFor();
    for (const key of ['lead', 'headOffice', 'inspector'] as const) {
      const { page, errors } = apps[key];
      await disputesPage(page);
      const history = card(page).getByTestId('dispute-history');
      for (const step of [
        '申诉 · 王组长（班组长）',
        '裁定 · 质检员张三（质检员）',
        '升级 · 王组长（班组长）',
        '仲裁 · 总部质检（总部）',
      ]) {
        await history.getByText(step, { exact: false }).waitFor();
      }
      await expect
        .poll(
          async () => (await apiCall<EvaluationReadView>(page, 'reports.evaluation', { id: evaluationId })).revision,
        )
        .toBe(3);
      const view = await apiCall<EvaluationReadView>(page, 'reports.evaluation', { id: evaluationId });
      expect(view.body.answers).toMatchObject({ 'attitude-soothe': 6, 'phrasing-hold': 4 });
      const monthly = await apiCall<MonthlyReport>(page, 'reports.monthly', { from: '2024-03', to: '2024-03' });
      expect(monthly.disputes).toMatchObject({ disputes: 1, escalated: 1 });
      expect(monthly.disputes?.byInspector.find((i) => i.disputes)).toMatchObject({ overturnRate: 1 });
      await page.getByRole('menuitem', { name: '报表' }).click();
      await page.getByRole('tab', { name: '月度质检分析' }).click();
      await page
        .getByTestId('monthly-disputes')
        .getByText(/申诉 1 条/)
        .waitFor();
      await page.getByText(view.body.total.toFixed(2)).first().waitFor();
      expect(errors).toEqual([]);
    }
  });
});
