/**
 * Chat logs as customer-service systems export them: txt (one message per line, `2026-03-02 09:15:03 客服小王: 您好`
 * or `[09:15:03] 客户: 你好`, lines without a time continuing the message above), csv (时间, 发送人, 角色, 内容 and
 * their common aliases) or json (an array of {time, speaker, role?, text}). Pure functions on decoded text: every bad
 * line is reported by its number, and nothing is returned unless the whole log reads.
 */
import { parse } from 'csv-parse/sync';
import type { ChatMessage, ChatProblem, ChatRole } from '../../../shared/channels';

export type ChatFormat = 'txt' | 'csv' | 'json';

/** A message as read, before times are made relative and roles decided. */
export interface RawMessage {
  line: number;
  /** `YYYY-MM-DDTHH:MM:SS` when the log has the day, else `HH:MM:SS`. */
  at: string;
  speaker: string;
  role: ChatRole | null;
  text: string;
}

export class ChatParseError extends Error {
  constructor(readonly problems: ChatProblem[]) {
    super(
      `The chat log cannot be read: ${problems
        .slice(0, 20)
        .map((p) => `${p.code} (line ${p.line})`)
        .join(', ')}.`,
    );
    this.name = 'ChatParseError';
  }
}

const maxMessages = 20_000;
const maxText = 4000;

/** `2026-03-02 09:15:03`, `2026/3/2 9:15`, `09:15:03`, `9:15` → a normalised time, or null if none / not real. */
function readTime(value: string): { at: string } | { bad: true } | null {
  const m = /^(?:(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(
    value.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const pad = (v: string) => v.padStart(2, '0');
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return { bad: true };
  const time = `${pad(h)}:${mi}:${s}`;
  if (!y) return { at: time };
  const day = `${y}-${pad(mo!)}-${pad(d!)}`;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return { bad: true };
  return { at: `${day}T${time}` };
}

const roleWords: [RegExp, ChatRole][] = [
  [/^(agent|staff|客服|坐席|员工|人工客服|客服专员|service)$/i, 'agent'],
  [/^(customer|user|visitor|client|客户|用户|访客|顾客|买家)$/i, 'customer'],
  [/^(system|bot|系统|机器人|系统消息)$/i, 'system'],
];

export function roleOf(value: string): ChatRole | null {
  const v = value.trim();
  for (const [re, role] of roleWords) if (re.test(v)) return role;
  return null;
}

// Date and time, or a bracketed time, then the speaker up to the first colon (half or full width).
const txtLine =
  /^\s*(?:\[([^\]]+)\]|((?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ T]+)?\d{1,2}:\d{2}(?::\d{2})?))\s*([^:：]*)[:：]\s?(.*)$/;
const startsWithTime = /^\s*(\[|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}:\d{2})/;

function parseTxt(text: string): { messages: RawMessage[]; problems: ChatProblem[] } {
  const messages: RawMessage[] = [];
  const problems: ChatProblem[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const m = txtLine.exec(raw);
    if (!m) {
      // A line without its own time is the message above running on (a message with line breaks).
      if (startsWithTime.test(raw)) problems.push({ line, code: 'no_speaker' });
      else if (messages.length) messages.at(-1)!.text += `\n${raw.trim()}`;
      else problems.push({ line, code: 'no_time' });
      return;
    }
    const time = readTime(m[1] ?? m[2] ?? '');
    if (!time) return problems.push({ line, code: 'no_time' });
    if ('bad' in time) return problems.push({ line, code: 'bad_time' });
    const speaker = m[3]!.trim();
    if (!speaker) return problems.push({ line, code: 'no_speaker' });
    messages.push({ line, at: time.at, speaker, role: null, text: m[4]!.trim() });
  });
  return { messages, problems };
}

const headerAliases: Record<'time' | 'speaker' | 'role' | 'text', string[]> = {
  time: ['时间', '发送时间', '消息时间', '日期时间', 'time', 'timestamp', 'sent_at', 'datetime'],
  speaker: ['发送人', '发送者', '发言人', '昵称', '姓名', 'speaker', 'sender', 'from', 'name'],
  role: ['角色', '身份', '类型', 'role', 'type'],
  text: ['内容', '消息', '消息内容', '聊天内容', 'text', 'content', 'message'],
};

function columnOf(header: string[], key: keyof typeof headerAliases): number {
  const names = header.map((h) => h.trim().toLowerCase());
  return names.findIndex((h) => headerAliases[key].includes(h));
}

function parseCsv(text: string): { messages: RawMessage[]; problems: ChatProblem[] } {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true, bom: true }) as string[][];
  } catch {
    return { messages: [], problems: [{ line: 0, code: 'bad_header' }] };
  }
  const header = rows[0] ?? [];
  const col = {
    time: columnOf(header, 'time'),
    speaker: columnOf(header, 'speaker'),
    role: columnOf(header, 'role'),
    text: columnOf(header, 'text'),
  };
  if (col.time < 0 || col.text < 0 || (col.speaker < 0 && col.role < 0)) {
    return { messages: [], problems: [{ line: 1, code: 'bad_header' }] };
  }
  const messages: RawMessage[] = [];
  const problems: ChatProblem[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => c === '')) return;
    const cell = (n: number) => (n >= 0 ? (cells[n] ?? '').trim() : '');
    const time = readTime(cell(col.time));
    if (!time) return problems.push({ line, code: 'no_time' });
    if ('bad' in time) return problems.push({ line, code: 'bad_time' });
    const role = roleOf(cell(col.role));
    const speaker = cell(col.speaker) || cell(col.role);
    if (!speaker) return problems.push({ line, code: 'no_speaker' });
    const body = cell(col.text);
    if (!body) return problems.push({ line, code: 'no_text' });
    messages.push({ line, at: time.at, speaker, role, text: body });
  });
  return { messages, problems };
}

function parseJson(text: string): { messages: RawMessage[]; problems: ChatProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { messages: [], problems: [{ line: 0, code: 'bad_json' }] };
  }
  const list =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as { messages?: unknown }).messages : data;
  if (!Array.isArray(list)) return { messages: [], problems: [{ line: 0, code: 'bad_json' }] };
  const messages: RawMessage[] = [];
  const problems: ChatProblem[] = [];
  const str = (o: Record<string, unknown>, ...keys: string[]) => {
    for (const k of keys) if (typeof o[k] === 'string' || typeof o[k] === 'number') return String(o[k]).trim();
    return '';
  };
  list.forEach((entry: unknown, i) => {
    const line = i + 1;
    if (!entry || typeof entry !== 'object') return problems.push({ line, code: 'bad_json' });
    const o = entry as Record<string, unknown>;
    const rawTime = str(o, 'time', 'timestamp', 'sentAt', '时间').replace(/Z$|[+-]\d{2}:?\d{2}$/, '');
    const time = readTime(rawTime);
    if (!time) return problems.push({ line, code: 'no_time' });
    if ('bad' in time) return problems.push({ line, code: 'bad_time' });
    const role = roleOf(str(o, 'role', '角色'));
    const speaker = str(o, 'speaker', 'sender', 'from', 'name', '发送人') || str(o, 'role', '角色');
    if (!speaker) return problems.push({ line, code: 'no_speaker' });
    const body = str(o, 'text', 'content', 'message', '内容');
    if (!body) return problems.push({ line, code: 'no_text' });
    messages.push({ line, at: time.at, speaker, role, text: body });
  });
  return { messages, problems };
}

const secondsOfDay = (hms: string) => {
  const [h, m, s] = hms.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
};
const msOf = (at: string) => Date.parse(`${at}Z`);

export interface ParsedChat {
  messages: ChatMessage[];
  /** The first message's day and time, where the log has days. */
  startedAt: string | null;
  /** The speaker taken as the agent (null when a role column said who is who). */
  agentSpeaker: string | null;
  speakers: string[];
}

/** Who the agent is: the given speaker, else one whose name holds the agent's number or name, else the first. */
function pickAgent(messages: RawMessage[], hint: { agentSpeaker?: string; agentNo?: string; agentName?: string }) {
  const speakers = [...new Set(messages.filter((m) => m.role !== 'system').map((m) => m.speaker))];
  if (hint.agentSpeaker && speakers.includes(hint.agentSpeaker)) return hint.agentSpeaker;
  for (const key of [hint.agentNo, hint.agentName]) {
    const found = key && speakers.find((s) => s.includes(key));
    if (found) return found;
  }
  return speakers.find((s) => roleOf(s) === null || roleOf(s) === 'agent') ?? speakers[0] ?? null;
}

/** Gives every message its role from the agent speaker (messages whose log named a role keep it). */
export function assignRoles<T extends { speaker: string; role: ChatRole | null }>(
  messages: T[],
  agentSpeaker: string | null,
): ChatRole[] {
  return messages.map((m) => {
    if (m.role) return m.role;
    const named = roleOf(m.speaker);
    if (named === 'system') return 'system';
    if (agentSpeaker !== null) return m.speaker === agentSpeaker ? 'agent' : 'customer';
    return named ?? 'customer';
  });
}

export function parseChatLog(
  text: string,
  format: ChatFormat,
  hint: { agentSpeaker?: string; agentNo?: string; agentName?: string; startedAt?: string } = {},
): ParsedChat {
  const read = format === 'csv' ? parseCsv(text) : format === 'json' ? parseJson(text) : parseTxt(text);
  const problems = read.problems;
  const raw = read.messages;
  if (!problems.length && raw.length === 0) problems.push({ line: 0, code: 'no_messages' });
  if (raw.length > maxMessages) problems.push({ line: raw[maxMessages]!.line, code: 'too_long' });
  for (const m of raw) if (m.text.length > maxText) problems.push({ line: m.line, code: 'too_long' });
  // Times of day only: the chat starts on the day given (or no day), and a time earlier than the one before is
  // after midnight. Full times must not go back.
  const hasDays = raw.length > 0 && raw.every((m) => m.at.length > 8);
  const offsets: number[] = [];
  if (!problems.length) {
    let dayShift = 0;
    raw.forEach((m, i) => {
      if (hasDays) {
        const ms = msOf(m.at) - msOf(raw[0]!.at);
        if (i > 0 && ms < offsets[i - 1]!) problems.push({ line: m.line, code: 'time_order' });
        offsets.push(ms);
      } else {
        const sec = secondsOfDay(m.at.slice(-8));
        const prev = i > 0 ? secondsOfDay(raw[i - 1]!.at.slice(-8)) : sec;
        if (sec < prev) dayShift += 86_400;
        offsets.push((sec + dayShift - secondsOfDay(raw[0]!.at.slice(-8))) * 1000);
      }
    });
  }
  if (problems.length) throw new ChatParseError(problems.sort((a, b) => a.line - b.line));
  const agentSpeaker = raw.some((m) => m.role === 'agent') ? null : pickAgent(raw, hint);
  const roles = assignRoles(raw, agentSpeaker);
  let startedAt: string | null = hasDays ? raw[0]!.at : null;
  if (!startedAt && hint.startedAt) startedAt = `${hint.startedAt.slice(0, 10)}T${raw[0]!.at.slice(-8)}`;
  return {
    messages: raw.map((m, i) => ({ seq: i, atMs: offsets[i]!, role: roles[i]!, speaker: m.speaker, text: m.text })),
    startedAt,
    agentSpeaker,
    speakers: [...new Set(raw.map((m) => m.speaker))],
  };
}

export function chatFormatOf(fileName: string): ChatFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'txt' || ext === 'log' ? 'txt' : ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : null;
}
