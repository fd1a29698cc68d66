/**
 * Other channels end to end between a real app core and a real server process: an inspector imports a chat log
 * (the same file again is a duplicate, a bad one is refused line by line with nothing kept), notes a message, scores
 * the chat with the chat card and a store visit with the store card, and syncs; head office receives each with its
 * channel (the visit with its store and visitor) and its reports filter and split the period by channel.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { addUser, importAgents } from '../../server/admin-commands';
import type { ChatImportResult, ChatTranscript, StoreVisit } from '../../shared/channels';
import type { EvaluateView, SamplingQueue, SubmitResult } from '../../shared/contracts/evaluations';
import type { EvaluationRevision } from '../../shared/evaluation';
import type { RecordingList } from '../../shared/recording';
import type { AgentComparison, Alerts, MonthlyReport } from '../../shared/report';
import type { ScorecardVersionView } from '../../shared/contracts/scorecards';
import type { ChannelSummaryRow } from '../../shared/sync';
import { serverApi } from '../support/server-api';
import { openClient } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-sync-channels-');
let database: TestDatabase;
let server: ServerProcess;
let api: ReturnType<typeof serverApi>;
let core: Core;
const tokens: Record<string, string> = {};

const chatLog = [
  '2026-03-02 09:15:03 客服小王: 您好，很高兴为您服务，请问有什么可以帮您？',
  '2026-03-02 09:15:40 张先生: 我的宽带从昨天开始就上不了网',
  '2026-03-02 09:16:10 客服小王: 非常抱歉给您带来不便，请提供一下您的宽带账号。',
  '2026-03-02 09:17:00 张先生: 好的，谢谢',
].join('\n');

const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Full marks on every item, passes on yes/no and critical items. */
function fullMarks(def: Pick<ScorecardVersionView, 'sections'>): Record<string, number | string> {
  const answers: Record<string, number | string> = {};
  for (const s of def.sections) {
    for (const i of s.items) answers[i.id] = i.kind === 'points' ? i.points : 'pass';
  }
  return answers;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  tokens.inspector = (await addUser(db, { name: '质检员甲', role: 'inspector' })).token;
  tokens.head = (await addUser(db, { name: '总部', role: 'head_office' })).token;
  await importAgents(db, [
    { agentNo: 'A001', name: '王小', team: '在线组', site: '武汉' },
    { agentNo: 'S001', name: '刘店员', team: '门店组', site: '武汉' },
  ]);
  await db.close();
  server = await startServer(database);
  api = serverApi(server.url);
  core = openClient(join(temp.dir, 'app'));
  await core.call('sync.configure', { serverUrl: server.url, token: tokens.inspector });
  await core.call('sync.now', {});
}, 180_000);

afterAll(async () => {
  core?.close();
  await server?.stop();
  await database?.cleanup();
  temp.cleanup();
});

describe('a chat and a store visit', () => {
  let chatId: string;
  let visitId: string;
  const totals: Record<string, number> = {};

  it('imports a chat log once, and refuses a bad one by line with nothing kept', async () => {
    const file = join(temp.dir, '会话-0302.txt');
    writeFileSync(file, chatLog);
    const first = (await core.call('chats.import', { path: file, agentNo: 'A001' })) as ChatImportResult;
    expect(first).toMatchObject({ duplicate: false, messages: 4, agentSpeaker: '客服小王' });
    chatId = first.id;
    const again = (await core.call('chats.import', { path: file, agentNo: 'A001' })) as ChatImportResult;
    expect(again).toMatchObject({ id: chatId, duplicate: true });

    const bad = join(temp.dir, 'bad.txt');
    writeFileSync(bad, `${chatLog}\n2026-03-02 26:00:00 张先生: 再见\n2026-03-02 09:18:00 : 无名`);
    await expect(core.call('chats.import', { path: bad })).rejects.toMatchObject({
      code: 'invalid_input',
      reason: 'chat_parse',
      details: [
        { code: 'bad_time', line: 5 },
        { code: 'no_speaker', line: 6 },
      ],
    });
    const chats = (await core.call('recordings.list', { channel: 'chat' })) as RecordingList;
    expect(chats.items.map((i) => [i.id, i.channel, i.startedAt, i.durationMs])).toEqual([
      [chatId, 'chat', '2026-03-02T09:15:03', 117_000],
    ]);
  });

  it('lets the inspector say who the agent is, and anchors a note to a message', async () => {
    const fixed = (await core.call('chats.setAgentSpeaker', { id: chatId, speaker: '张先生' })) as ChatTranscript;
    expect(fixed.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer', 'agent']);
    const back = (await core.call('chats.setAgentSpeaker', { id: chatId, speaker: '客服小王' })) as ChatTranscript;
    expect(back.messages.map((m) => m.role)).toEqual(['agent', 'customer', 'agent', 'customer']);
    const note = await core.call('annotations.create', {
      recordingId: chatId,
      startMs: 0,
      messageSeq: 2,
      itemId: 'chat-soothe',
      text: '先致歉再询问账号，安抚到位',
    });
    expect(note).toMatchObject({ startMs: 67_000, messageSeq: 2 });
    await expect(
      core.call('annotations.create', { recordingId: chatId, startMs: 0, messageSeq: 9, text: 'x' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('scores the chat with the chat card and the visit with the store card', async () => {
    const chatView = (await core.call('evaluations.open', { recordingId: chatId })) as EvaluateView;
    expect(chatView.recording.channel).toBe('chat');
    expect(chatView.scorecard?.id).toBe('online-chat');
    const answers = fullMarks(chatView.scorecard!);
    answers['chat-polite'] = 4;
    const chat = (await core.call('evaluations.submit', { recordingId: chatId, answers })) as SubmitResult;
    expect(chat.total).toBe(96);
    totals.chat = chat.total;

    // Photos are images by their bytes: a text file named .jpg is refused by its position, and no visit is made.
    const photo = join(temp.dir, '门头.png');
    writeFileSync(photo, Buffer.from(onePixelPng, 'base64'));
    const fake = join(temp.dir, '收据.jpg');
    writeFileSync(fake, '这不是图片');
    const visitInput = {
      storeName: '江汉路营业厅',
      visitDate: '2026-03-05',
      visitTime: '14:30',
      visitor: '暗访员李',
      agentNo: 'S001',
    };
    await expect(core.call('visits.create', { ...visitInput, photos: [photo, fake] })).rejects.toMatchObject({
      reason: 'photos',
      details: [{ code: 'photo_not_image', line: 2 }],
    });
    expect(((await core.call('recordings.list', { channel: 'store' })) as RecordingList).total).toBe(0);
    const visit = (await core.call('visits.create', { ...visitInput, photos: [photo] })) as StoreVisit;
    visitId = visit.recordingId;
    expect(await core.call('visits.get', { id: visitId })).toMatchObject({
      storeName: '江汉路营业厅',
      photos: [{ seq: 0, mime: 'image/png', sizeBytes: Buffer.from(onePixelPng, 'base64').byteLength }],
    });
    expect(await core.call('visits.photo', { id: visitId, seq: 0 })).toEqual({
      mime: 'image/png',
      base64: onePixelPng,
    });
    const visitView = (await core.call('evaluations.open', { recordingId: visitId })) as EvaluateView;
    expect(visitView.scorecard?.id).toBe('store-visit');
    const storeAnswers = fullMarks(visitView.scorecard!);
    storeAnswers['store-knowledge'] = 10;
    const store = (await core.call('evaluations.submit', {
      recordingId: visitId,
      answers: storeAnswers,
    })) as SubmitResult;
    expect(store.total).toBe(90);
    totals.store = store.total;

    // The month's work queue is the call-monitoring quota: chats and visits are scored outside it.
    const queue = (await core.call('sampling.queue', { month: '2026-03' })) as SamplingQueue;
    expect([queue.agents, queue.items]).toEqual([[], []]);

    const all = (await core.call('recordings.list', {})) as RecordingList;
    expect(all.items.map((i) => i.channel).sort()).toEqual(['chat', 'store']);
    expect(((await core.call('recordings.list', { channel: 'store' })) as RecordingList).items[0]).toMatchObject({
      id: visitId,
      startedAt: '2026-03-05T14:30:00',
      durationMs: 0,
      evaluationStatus: 'submitted',
    });
  });

  it("splits the inspector's own reports by channel and narrows a comparison to one", async () => {
    expect(await core.call('reports.channels', { from: '2026-03', to: '2026-03', scope: 'mine' })).toEqual([
      { channel: 'chat', evaluations: 1, average: totals.chat, criticalFails: 0 },
      { channel: 'store', evaluations: 1, average: totals.store, criticalFails: 0 },
    ]);
    const chatOnly = (await core.call('reports.agentComparison', {
      from: '2026-03-01',
      to: '2026-03-31',
      scope: 'mine',
      channel: 'chat',
    })) as AgentComparison;
    expect(chatOnly.rows.map((r) => [r.agentNo, r.count, r.total])).toEqual([['A001', 1, totals.chat]]);
    expect(chatOnly.sections.map((x) => x.id)).toEqual([
      'chat-response',
      'chat-language',
      'chat-handling',
      'chat-closing',
    ]);
    const all = (await core.call('reports.agentComparison', {
      from: '2026-03',
      to: '2026-03',
      scope: 'mine',
    })) as AgentComparison;
    expect(all.rows.map((r) => r.agentNo).sort()).toEqual(['A001', 'S001']);
  });

  it('syncs both to head office, which reports them per channel', async () => {
    const status = (await core.call('sync.now', {})) as { pending: number; rejected: number };
    expect(status).toMatchObject({ pending: 0, rejected: 0 });

    const { changes } = await api.pullAll(tokens.head);
    const bodies = changes
      .filter((c) => c.kind === 'evaluation')
      .map((c) => (c as unknown as { body: EvaluationRevision }).body);
    const chatBody = bodies.find((b) => b.recordingId === chatId)!;
    expect(chatBody.call).toMatchObject({ channel: 'chat', startedAt: '2026-03-02T09:15:03', durationMs: 117_000 });
    expect(chatBody.notes).toEqual([
      { startMs: 67_000, endMs: null, itemId: 'chat-soothe', text: '先致歉再询问账号，安抚到位', messageSeq: 2 },
    ]);
    const visitBody = bodies.find((b) => b.recordingId === visitId)!;
    expect(visitBody.call).toMatchObject({
      channel: 'store',
      recordingSha256: null,
      visit: { storeName: '江汉路营业厅', visitor: '暗访员李' },
    });

    const split = await api.api('/v1/reports/channels?from=2026-03-01&to=2026-03-31', { token: tokens.head });
    expect(split.status).toBe(200);
    expect(split.json as unknown as ChannelSummaryRow[]).toEqual([
      { channel: 'chat', evaluations: 1, average: totals.chat, criticalFails: 0 },
      { channel: 'store', evaluations: 1, average: totals.store, criticalFails: 0 },
    ]);
    const chatOnly = await api.api('/v1/reports/agent-comparison?from=2026-03-01&to=2026-03-31&channel=chat', {
      token: tokens.head,
    });
    expect(chatOnly.status).toBe(200);
    const agents = (chatOnly.json as unknown as AgentComparison).rows;
    expect(agents.map((a) => a.agentNo)).toEqual(['A001']);
    const phoneOnly = await api.api('/v1/reports/agent-comparison?from=2026-03-01&to=2026-03-31&channel=phone', {
      token: tokens.head,
    });
    expect((phoneOnly.json as unknown as AgentComparison).rows).toEqual([]);
    // Head office's app pulls them and its own report store splits and filters them the same way.
    const head = openClient(join(temp.dir, 'head'));
    try {
      await head.call('sync.configure', { serverUrl: server.url, token: tokens.head });
      await head.call('sync.now', {});
      expect(await head.call('reports.channels', { from: '2026-03', to: '2026-03' })).toEqual([
        { channel: 'chat', evaluations: 1, average: totals.chat, criticalFails: 0 },
        { channel: 'store', evaluations: 1, average: totals.store, criticalFails: 0 },
      ]);
      const storeOnly = (await head.call('reports.agentComparison', {
        from: '2026-03',
        to: '2026-03',
        channel: 'store',
      })) as AgentComparison;
      expect(storeOnly.rows.map((r) => [r.agentNo, r.total])).toEqual([['S001', totals.store]]);
      expect(storeOnly.sections.map((x) => x.id)).toEqual([
        'store-environment',
        'store-reception',
        'store-business',
        'store-farewell',
      ]);
      // The sampling quota is a call quota: staff scored only on chats or visits are neither short of it in the
      // alerts nor listed against it in the monthly report.
      const alerts = (await head.call('reports.alerts', { month: '2026-03' })) as Alerts;
      expect(alerts.alerts.filter((a) => a.kind === 'quota')).toEqual([]);
      const monthly = (await head.call('reports.monthly', { from: '2026-03', to: '2026-03' })) as MonthlyReport;
      expect(monthly.quota).toEqual([]);
    } finally {
      head.close();
    }

    // Like every head-office report, the split is for leads, sites and head office.
    const own = await api.api('/v1/reports/channels?from=2026-03-01&to=2026-03-31', { token: tokens.inspector });
    expect(own.status).toBe(403);
  });
});
