/**
 * Chat logs as customer-service systems export them: each format read to the same messages, times relative to the
 * first message, the agent told apart from the customer, and every bad line named by number with nothing kept.
 */
import { describe, expect, it } from 'vitest';
import { ChatParseError, parseChatLog } from '../../electron/core/channels/chat-parse';
import { decodeText } from '../../electron/core/recordings/manifest';

const txt = [
  '2026-03-02 09:15:03 客服小王: 您好，很高兴为您服务，请问有什么可以帮您？',
  '2026-03-02 09:15:40 张先生：我的宽带从昨天开始就上不了网',
  '还一直掉线',
  '2026-03-02 09:16:10 客服小王: 非常抱歉给您带来不便，请提供一下您的宽带账号。',
].join('\n');

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ChatParseError) return error.problems;
    throw error;
  }
  throw new Error('expected the log to be refused');
};

describe('chat log parsing', () => {
  it('reads a txt log with days: times from the first message, continuation lines, the first speaker as agent', () => {
    const chat = parseChatLog(txt, 'txt');
    expect(chat.startedAt).toBe('2026-03-02T09:15:03');
    expect(chat.messages.map((m) => [m.seq, m.atMs, m.role, m.speaker])).toEqual([
      [0, 0, 'agent', '客服小王'],
      [1, 37_000, 'customer', '张先生'],
      [2, 67_000, 'agent', '客服小王'],
    ]);
    expect(chat.messages[1]!.text).toBe('我的宽带从昨天开始就上不了网\n还一直掉线');
    expect(chat.agentSpeaker).toBe('客服小王');
  });

  it('reads bracketed times of day, crossing midnight, on the day given', () => {
    const chat = parseChatLog('[23:59:50] 客户: 在吗\n[00:00:05] 8001 李娜: 在的，请讲', 'txt', {
      agentNo: '8001',
      startedAt: '2026-03-02T00:00:00',
    });
    expect(chat.startedAt).toBe('2026-03-02T23:59:50');
    expect(chat.messages.map((m) => [m.atMs, m.role])).toEqual([
      [0, 'customer'],
      [15_000, 'agent'],
    ]);
    expect(chat.agentSpeaker).toBe('8001 李娜');
  });

  it('reads csv with Chinese headers and a role column, which decides who is the agent', () => {
    const csv =
      '时间,发送人,角色,内容\n2026-03-02 10:00:00,小李,客户,"你好，我要查话费"\n2026-03-02 10:00:20,小王,客服,好的\n';
    const chat = parseChatLog(csv, 'csv');
    expect(chat.messages.map((m) => [m.speaker, m.role, m.text])).toEqual([
      ['小李', 'customer', '你好，我要查话费'],
      ['小王', 'agent', '好的'],
    ]);
    expect(chat.agentSpeaker).toBeNull();
  });

  it('reads a GBK csv with English headers', () => {
    const bytes = Buffer.from(
      new Uint8Array([
        ...Buffer.from('time,speaker,text\n10:00:00,'),
        // 客服 in GBK, then ",", then 您好 in GBK
        0xbf,
        0xcd,
        0xb7,
        0xfe,
        0x2c,
        0xc4,
        0xfa,
        0xba,
        0xc3,
        0x0a,
      ]),
    );
    const chat = parseChatLog(decodeText(bytes), 'csv');
    expect(chat.messages).toEqual([{ seq: 0, atMs: 0, role: 'agent', speaker: '客服', text: '您好' }]);
  });

  it('reads json arrays and {messages: [...]}, with the speaker named as the agent', () => {
    const list = [
      { time: '2026-03-02T09:00:00', speaker: '王芳', text: '您好' },
      { time: '2026-03-02T09:00:30', speaker: '访客123', text: '我想办套餐' },
      { time: '2026-03-02T09:00:31', speaker: '系统', text: '客户已进入排队' },
    ];
    for (const text of [JSON.stringify(list), JSON.stringify({ messages: list })]) {
      const chat = parseChatLog(text, 'json', { agentSpeaker: '王芳' });
      expect(chat.messages.map((m) => m.role)).toEqual(['agent', 'customer', 'system']);
    }
  });

  it('refuses every bad line by number and returns nothing', () => {
    const bad = [
      '说明：以下为会话记录', // before any message: no time
      '2026-03-02 09:15:03 客服: 您好',
      '2026-03-02 25:15:03 客户: 时间不对',
      '2026-03-02 09:16:03 : 没有发送人',
      '2026-03-02 09:10:00 客户: 时间倒退',
    ].join('\n');
    expect(problemsOf(() => parseChatLog(bad, 'txt'))).toEqual([
      { line: 1, code: 'no_time' },
      { line: 3, code: 'bad_time' },
      { line: 4, code: 'no_speaker' },
    ]);
    expect(problemsOf(() => parseChatLog('2026-03-02 09:15:03 客服: a\n2026-03-02 09:10:00 客户: b', 'txt'))).toEqual([
      { line: 2, code: 'time_order' },
    ]);
    expect(problemsOf(() => parseChatLog('名字,话\n a,b', 'csv'))).toEqual([{ line: 1, code: 'bad_header' }]);
    expect(problemsOf(() => parseChatLog('时间,发送人,内容\n10:00,小王,', 'csv'))).toEqual([
      { line: 2, code: 'no_text' },
    ]);
    expect(problemsOf(() => parseChatLog('{"a":1}', 'json'))).toEqual([{ line: 0, code: 'bad_json' }]);
    expect(problemsOf(() => parseChatLog('[{"time":"x","speaker":"a","text":"b"}]', 'json'))).toEqual([
      { line: 1, code: 'no_time' },
    ]);
    expect(problemsOf(() => parseChatLog('\n\n', 'txt'))).toEqual([{ line: 0, code: 'no_messages' }]);
  });
});
