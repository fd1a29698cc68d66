/**
 * Calibration in Chromium with one real server, a head-office app and three inspector apps (each its own browser-mode
 * process and data folder): head office creates a session of three sample calls on the page; each inspector finds the
 * calls in their own library and scores them blind while head office is unreachable (甲 on the evaluate page with
 * the keyboard, listening first), then syncs; the results page shows the spread per item, each inspector's alignment
 * and α equal to the hand computation of tests/support/calibration-scenario.ts; notes jump the audio; results export;
 * an inspector sees them only once the session has closed; no calibration score appears in any agent report. Then the
 * 质检员评估 tab: alignment from the session, strictness, time and listening from ordinary evaluations, by hand.
 */
import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import {
  calibrationServer,
  callIds,
  expectedAlignment,
  expectedAlpha,
  inspectorKeys,
  inspectorNames,
  scenarioAnswers,
  type CalibrationServer,
  type InspectorKey,
} from '../support/calibration-scenario';
import {
  launchChromium,
  pageApi,
  startBrowserMode,
  watchPageErrors,
  type BrowserModeProcess,
} from '../support/browser-mode';
import { serverApi } from '../support/server-api';
import { defaultCard } from '../support/sync-client';
import { startServer } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

type Who = 'head' | InspectorKey;
let env: CalibrationServer;
let browser: Browser;
const temps = {} as Record<Who, ReturnType<typeof makeTempDir>>;
const apps = {} as Record<Who, BrowserModeProcess>;
const pages = {} as Record<Who, Page>;
const errors = {} as Record<Who, string[]>;
let sessionId = '';

/** A method called through the page's own session, as the page calls it; throws the app's error code. */
async function api<T = unknown>(who: Who, method: string, input: unknown): Promise<T> {
  const result = await pageApi(pages[who], method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error?.code}`);
  return result.data as T;
}

const goTo = (who: Who, menu: string) => pages[who].getByRole('menuitem', { name: menu }).click();

beforeAll(async () => {
  env = await calibrationServer();
  browser = await launchChromium();
  for (const who of ['head', ...inspectorKeys] as const) {
    temps[who] = makeTempDir(`qa-e2e-calibration-${who}-`);
    // Each app has the sample calls in its own library and a token of its own at head office.
    const setup = createCore({ dataDir: temps[who].dir, transport: 'cli' });
    await setup.call('recordings.loadSample', {});
    await setup.call('sync.configure', { serverUrl: env.server.url, token: env.tokens[who] });
    setup.close();
    apps[who] = await startBrowserMode(temps[who].dir);
    pages[who] = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    errors[who] = watchPageErrors(pages[who]);
    await pages[who].goto(apps[who].loginUrl);
    await pages[who].locator('[data-page]').waitFor();
    await api(who, 'sync.now', {});
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const app of Object.values(apps)) await app.stop();
  await env?.server.stop();
  await env?.database.cleanup();
  for (const t of Object.values(temps)) t.cleanup();
});

/** Picks options of an antd Select by typing a part of their label. */
async function choose(page: Page, label: string, texts: string[]) {
  const box = page.getByLabel(label, { exact: true });
  for (const text of texts) {
    await box.click();
    await box.fill(text);
    await page.locator('.ant-select-item-option-active').filter({ hasText: text }).waitFor();
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
}

describe('calibration between four apps in Chromium', () => {
  it('head office creates a session of three calls on the page; it reaches the inspectors by pull', async () => {
    const page = pages.head;
    await goTo('head', '校准');
    await page.getByRole('button', { name: '新建校准' }).click();
    const form = page.getByTestId('calibration-create');
    await form.getByLabel('名称', { exact: true }).fill('三月校准');
    await choose(page, '评分表', [defaultCard().definition.name]);
    await choose(page, '通话（从录音库选择）', callIds);
    await choose(
      page,
      '受邀质检员',
      inspectorKeys.map((k) => inspectorNames[k]),
    );
    await form.getByLabel('截止日期（当天 24 点，以总部时间为准）').fill('2099-12-31');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText('已创建，同步后发送给受邀质检员。').waitFor();
    const row = page.getByTestId('calibration-list').getByRole('row').filter({ hasText: '三月校准' });
    await row.getByText('待上传').waitFor();
    await api('head', 'sync.now', {});
    await page.getByRole('menuitem', { name: '同步' }).click();
    await goTo('head', '校准');
    await row.getByText('2099-12-31 23:59').waitFor();
    expect(await row.getByText('待上传').count()).toBe(0);
    sessionId = (await api<{ id: string }[]>('head', 'calibration.list', {}))[0].id;

    for (const who of inspectorKeys) {
      await api(who, 'sync.now', {});
      await goTo(who, '校准');
      await pages[who].getByTestId('calibration-list').getByText('三月校准').waitFor();
    }
  });

  it('each inspector scores blind while head office is unreachable, then syncs', async () => {
    const port = env.server.port;
    await env.server.stop();
    try {
      await scoreOffline();
    } finally {
      env.server = await startServer(env.database, { port });
    }
    // the syncs refused while offline were logged by Chromium as failed requests: expected, and done with
    for (const who of inspectorKeys) errors[who].length = 0;
    for (const who of inspectorKeys) {
      await api(who, 'sync.now', {});
      const view = await api<{ mine: { submitted: number; pending: number } }>(who, 'calibration.get', {
        id: sessionId,
      });
      expect(view.mine).toMatchObject({ submitted: 3, pending: 0 });
    }
    // 甲's work on S001 travelled with the score: time at it and the stretch listened to
    const db = new BetterSqlite3(join(temps.a.dir, 'qa.sqlite'), { readonly: true });
    const body = JSON.parse(
      db
        .prepare("SELECT body_json FROM calibration_evaluations WHERE status = 'submitted' ORDER BY submitted_at")
        .pluck()
        .get() as string,
    ) as { work?: { activeSeconds: number; playedMs: number }; notes: { text: string }[] };
    db.close();
    expect(body.work?.activeSeconds).toBeGreaterThanOrEqual(1);
    expect(body.work?.playedMs).toBeGreaterThanOrEqual(500);
    expect(body.notes.map((n) => n.text)).toContain('业务介绍完整');
  });

  /** 甲 on the page (the call found by SHA-256, listened to, a note, every item by keyboard), then the rest. */
  async function scoreOffline() {
    // 甲 on the page: the call found in the library by SHA-256, listened to, a note, every item by keyboard
    const page = pages.a;
    await page.getByText('三月校准').click();
    const detail = page.getByTestId('calibration-detail');
    await detail.getByText('录音库：8001_20240305093000_S001.ogg').waitFor();
    await detail.getByRole('button', { name: '评分：S001' }).click();
    await page.getByTestId('calibration-banner').getByText('校准评分 · 三月校准').waitFor();
    await page.locator('.ev-page[data-recording-id]').waitFor();
    await page.getByTestId('player-play').click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector<HTMLAudioElement>('.qa-player audio')?.currentTime ?? 0))
      .toBeGreaterThan(0.5);
    await page.getByTestId('player-play').click();
    const recordingId = await page.locator('.ev-page').getAttribute('data-recording-id');
    await api('a', 'annotations.create', {
      recordingId,
      startMs: 5_000,
      itemId: 'handling-knowledge',
      text: '业务介绍完整',
    });
    const item = (id: string) => page.locator(`[data-item-id="${id}"]`);
    await item('opening-greeting').locator('strong').first().click();
    for (const [id, answer] of Object.entries(scenarioAnswers('a', 0))) {
      await expect.poll(() => item(id).getAttribute('data-focused')).toBe('true');
      for (const k of typeof answer === 'number' ? String(answer) : answer === 'pass' ? 'p' : 'n') {
        await page.keyboard.press(k);
      }
      await expect.poll(() => item(id).getAttribute('data-answer')).toBe(String(answer));
      await page.keyboard.press('j');
    }
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('100.00');
    await page.keyboard.press('Control+Enter');
    await page.getByText('已提交（第 1 版）').waitFor();
    await expect.poll(() => page.locator('.ev-total').textContent()).toContain('100.00'); // the score as submitted
    expect(await page.getByRole('button', { name: '重新评分' }).count()).toBe(0); // a calibration score is final

    // the other eight scores through the same dispatcher, by each inspector's own app
    for (const who of inspectorKeys) {
      const calls = await api<{ calls: { callId: string; recordingId: string; mine: string }[] }>(
        who,
        'calibration.get',
        {
          id: sessionId,
        },
      );
      for (const [i, call] of calls.calls.entries()) {
        if (call.mine === 'submitted') continue;
        await api(who, 'evaluations.submit', {
          recordingId: call.recordingId,
          calibrationId: sessionId,
          answers: scenarioAnswers(who, i),
          itemComments: i === 0 ? { 'handling-knowledge': `${inspectorNames[who]}：业务知识的理由` } : {},
        });
      }
      await expect(api(who, 'sync.now', {})).rejects.toThrow('unavailable');
    }
    // blind: nobody sees the results before the session has closed
    await pages.b.getByText('三月校准').click();
    await pages.b.getByText('校准结束后才能查看结果（评分期间互不可见）。').waitFor();
    expect(await pages.b.getByRole('button', { name: '查看结果' }).isDisabled()).toBe(true);
  }

  it('shows head office the spread per item, each inspector’s alignment and α as worked by hand', async () => {
    const page = pages.head;
    await api('head', 'sync.now', {});
    await page.evaluate((id) => (window.location.hash = `#/calibration/${id}`), sessionId);
    await page.getByRole('button', { name: '查看结果' }).click();
    const results = page.getByTestId('calibration-results');
    await results.waitFor();
    await page.getByTestId('alpha-interval').getByText(expectedAlpha.interval.toFixed(3), { exact: true }).waitFor();
    await page.getByTestId('alpha-interval').getByText('不可靠（α < 0.667），需要再校准').waitFor();
    await page.getByTestId('alpha-nominal').getByText(expectedAlpha.nominal.toFixed(3), { exact: true }).waitFor();
    const inspectors = page.getByTestId('calibration-inspectors');
    for (const who of inspectorKeys) {
      await inspectors
        .getByRole('row')
        .filter({ hasText: inspectorNames[who] })
        .getByText(`${(expectedAlignment[who] * 100).toFixed(2)}%`)
        .waitFor();
    }
    const card = (rank: number) => page.locator(`[data-rank="${rank}"]`);
    for (const [rank, id, title, tags] of [
      [1, 'opening-reply', 'S002 · ', ['平均 0.67', '标准差 0.58', '范围 0.00–1.00']],
      [2, 'handling-knowledge', 'S001 · ', ['平均 12.00', '标准差 3.00', '范围 9.00–15.00']],
      [3, 'handling-diagnosis', 'S003 · ', ['平均 11.00', '标准差 1.73', '范围 9.00–12.00']],
    ] as const) {
      expect(await card(rank).getAttribute('data-item-id')).toBe(id);
      await card(rank)
        .getByText(new RegExp(`^${rank}\\. ${title}`))
        .waitFor();
      for (const tag of tags) await card(rank).getByText(tag, { exact: true }).waitFor();
    }
    await page.locator('[aria-label="calibration-spread-chart"] canvas').waitFor();
    // the inspectors' comments and notes side by side, and a note's time plays the call from there
    for (const who of ['b', 'c'] as const) await card(2).getByText(`${inspectorNames[who]}：业务知识的理由`).waitFor();
    await card(2).getByText('业务介绍完整').waitFor();
    await card(2).getByRole('button', { name: '从 0:05 播放' }).click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector<HTMLAudioElement>('audio')?.currentTime ?? 0))
      .toBeGreaterThanOrEqual(5);
    expect(errors.head).toEqual([]);
  });

  it('exports the results as Excel and PDF', async () => {
    const page = pages.head;
    for (const [button, magic] of [
      ['导出 Excel', 'PK'],
      ['导出 PDF', '%PDF-'],
    ] as const) {
      // Browser mode downloads through the browser, as the reports do: no path on the app's computer is asked for.
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 90_000 }),
        page.getByRole('button', { name: button }).click(),
      ]);
      const path = join(temps.head.dir, download.suggestedFilename());
      await download.saveAs(path);
      await page.getByText(`已下载：${download.suggestedFilename()}`).waitFor();
      expect(download.suggestedFilename()).toContain('三月校准');
      expect(readFileSync(path).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
  });

  it('shows an inspector the results once head office has closed the session', async () => {
    await pages.head.evaluate((id) => (window.location.hash = `#/calibration/${id}`), sessionId);
    await pages.head.getByRole('button', { name: '结束评分' }).click();
    await pages.head.getByRole('button', { name: /确\s*定|OK/ }).click();
    await pages.head.getByText('已提交结束请求，同步后生效。').waitFor();
    await api('head', 'sync.now', {});
    const page = pages.b;
    await api('b', 'sync.now', {});
    await goTo('b', '校准');
    await page.getByTestId('calibration-list').getByText('三月校准').click();
    await page.getByText('已结束', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '查看结果' }).click();
    await page.getByTestId('alpha-interval').getByText(expectedAlpha.interval.toFixed(3), { exact: true }).waitFor();
    expect(errors.b).toEqual([]);
  });

  it('counts no calibration score in any agent report, in the apps or at head office', async () => {
    for (const who of ['head', ...inspectorKeys] as const) {
      const comparison = await api<{ rows: unknown[] }>(who, 'reports.agentComparison', {
        from: '2024-01',
        to: '2024-12',
      });
      expect(comparison.rows).toEqual([]);
      await goTo(who, '报表');
      await pages[who].getByText('暂无质检数据').waitFor();
    }
    const atHeadOffice = await serverApi(env.server.url).api(
      '/v1/reports/agent-comparison?from=2024-01-01&to=2024-12-31',
      {
        token: env.tokens.head,
      },
    );
    expect(atHeadOffice.json.rows).toEqual([]);
    for (const who of inspectorKeys) expect(errors[who]).toEqual([]);
  });

  it('grades the graders from ordinary evaluations on the 质检员评估 tab', async () => {
    // 甲 and 乙 score S004 (agent 8004) and S005 (agent 8002) for the agents: 甲 90 and 80, 乙 96 and 84, so 甲 is
    // (96 − 90 + 84 − 80)/2 = 5 points stricter and 乙 5 more lenient; 甲 worked 200 s and 320 s (median 260 s =
    // 4 min 20 s) and listened to half of each call, 乙 recorded no work.
    const plan: [InspectorKey, string, number, number, number | null][] = [
      ['a', 'S004', 5, 12, 200_000],
      ['a', 'S005', 0, 7, 320_000],
      ['b', 'S004', 11, 12, null],
      ['b', 'S005', 0, 11, null],
    ];
    for (const [who, callId, knowledge, diagnosis, activeMs] of plan) {
      const list = await api<{ items: { id: string; callId: string; durationMs: number }[] }>(who, 'recordings.list', {
        limit: 10,
      });
      const recording = list.items.find((r) => r.callId === callId)!;
      if (activeMs !== null) {
        await api(who, 'evaluations.recordWork', {
          recordingId: recording.id,
          activeMs,
          played: [[0, Math.floor(recording.durationMs / 2)]],
        });
      }
      await api(who, 'evaluations.submit', {
        recordingId: recording.id,
        answers: {
          ...scenarioAnswers(who, 1),
          'opening-reply': 'pass',
          'handling-knowledge': knowledge,
          'handling-diagnosis': diagnosis,
        },
      });
    }
    for (const who of ['a', 'b', 'head'] as const) await api(who, 'sync.now', {});
    const page = pages.head;
    await goTo('head', '同步');
    await goTo('head', '报表');
    await page.getByTestId('reports-home').waitFor();
    await page.getByRole('tab', { name: '质检员评估' }).click();
    const table = page.locator('[data-report="graders"]');
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    // this month: the calibration just closed gives each inspector their alignment
    const month = new Date().toISOString().slice(0, 7);
    await page
      .locator('.ant-select')
      .filter({ hasText: /^\d{4}-\d{2}$/ })
      .click();
    await page.locator(`.ant-select-item-option[title="${month}"]`).click();
    await row('质检员甲')
      .getByText(`${(expectedAlignment.a * 100).toFixed(1)}%`)
      .waitFor();
    // March 2024, the month of the calls scored for the agents
    await page.locator('.ant-select').filter({ hasText: month }).click();
    await page.locator('.ant-select-item-option[title="2024-03"]').click();
    await row('质检员甲').getByLabel('比同行严 5.00 分').waitFor();
    await row('质检员甲').getByText('4 分 20 秒').waitFor();
    await row('质检员甲').getByText('50.0%').waitFor();
    await row('质检员乙').getByLabel('比同行宽 5.00 分').waitFor();
    // the agents' reports count these four evaluations and still no calibration score
    const comparison = await api<{ rows: { agentNo: string; count: number }[] }>('head', 'reports.agentComparison', {
      from: '2024-03',
      to: '2024-03',
    });
    expect(comparison.rows.map((r) => [r.agentNo, r.count]).sort()).toEqual([
      ['8002', 2],
      ['8004', 2],
    ]);
    expect(errors.head).toEqual([]);
  });
});
