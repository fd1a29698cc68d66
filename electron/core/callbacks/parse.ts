/**
 * Rows of a call-back file into call-back records. Headers are matched by the names call-back systems and people
 * use (compared without case, spaces or punctuation); every row is checked on its own and a bad row is reported by
 * its row number and a code, never half taken.
 */
import {
  callbackId,
  type CallbackIdentity,
  type CallbackImportFailure,
  type CallbackRecord,
} from '../../../shared/callbacks';
import { AppError } from '../errors';
import { parseDateTime } from '../recordings/metadata';

type Column =
  | 'date'
  | 'callId'
  | 'group'
  | 'agentNo'
  | 'timeSatisfied'
  | 'overallSatisfied'
  | 'reason'
  | 'suggestion'
  | 'ref'
  | 'site';

const aliases: Record<Column, string[]> = {
  date: ['回访日期', '回访时间', '日期', 'date', 'callbackdate'],
  callId: ['呼叫编号', '通话编号', '呼叫id', '通话id', '流水号', '录音编号', 'callid'],
  group: ['回访对象', '对象', '客户类型', '来电对象', '回访类型', 'group', 'callergroup'],
  agentNo: ['工号', '坐席工号', '坐席号', '员工号', 'agentno', 'agent'],
  timeSatisfied: ['时限满意', '时限是否满意', '处理时限满意', '时限满意度', 'timesatisfied', 'timely'],
  overallSatisfied: ['整体满意', '整体是否满意', '总体满意', '是否满意', '满意', 'overallsatisfied', 'satisfied'],
  reason: ['不满意原因', '原因', '不满意理由', 'reason'],
  suggestion: ['意见建议', '建议', '客户建议', '意见', '意见和建议', 'suggestion'],
  ref: ['回访编号', '回访id', '回访单号', 'callbackid', 'ref'],
  site: ['分公司', '站点', '所属分公司', 'site'],
};

const required: Column[] = ['date', 'group', 'timeSatisfied', 'overallSatisfied'];
/** The header each required column is asked for by, in the file's language. */
export const requiredHeaders = ['回访日期', '回访对象', '时限满意', '整体满意'];

const normalise = (h: string) => h.toLowerCase().replace(/[\s_\-()（）:：/、]/g, '');
const lookup = new Map<string, Column>();
for (const [column, names] of Object.entries(aliases) as [Column, string[]][]) {
  for (const name of names) lookup.set(normalise(name), column);
}

const yes = new Set(['是', '满意', '非常满意', '比较满意', 'y', 'yes', 'true', '1', '√', '✓']);
const no = new Set(['否', '不满意', '非常不满意', '不太满意', 'n', 'no', 'false', '0', '×', '✗']);

/** 是/否 and the words call-back sheets use for them; undefined for anything else. */
export function parseYesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (yes.has(t)) return true;
  if (no.has(t)) return false;
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305 (a time after it is ignored), or an Excel day number. */
export function parseDay(text: string): string | undefined {
  const s = text.trim();
  const cn = /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(s);
  if (cn) return parseDateTime(`${cn[1]}-${cn[2]}-${cn[3]}`)?.slice(0, 10);
  if (/^\d{8}$/.test(s)) return parseDateTime(`${s}000000`)?.slice(0, 10);
  // An Excel serial day (a date column formatted as a number): 1 = 1900-01-01, with Excel's 1900 leap-year bug.
  if (/^\d{5}$/.test(s)) {
    const day = new Date(Date.UTC(1899, 11, 30) + Number(s) * 86_400_000);
    const y = day.getUTCFullYear();
    return y >= 1970 && y <= 2100 ? `${y}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}` : undefined;
  }
  return parseDateTime(s.replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$/, ''))?.slice(0, 10);
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

const limits: Partial<Record<Column, number>> = {
  callId: 200,
  group: 50,
  agentNo: 64,
  reason: 500,
  suggestion: 2000,
  ref: 200,
  site: 200,
};

/** The header cells mapped to columns; an `invalid_input` naming the missing columns when it is not one. */
export function mapHeader(header: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  header.forEach((cell, i) => {
    const column = lookup.get(normalise(cell));
    if (column && !columns.has(column)) columns.set(column, i);
  });
  const missing = required.filter((c) => !columns.has(c)).map((c) => requiredHeaders[required.indexOf(c)]);
  if (missing.length) {
    throw new AppError('invalid_input', `Not a call-back file: the header row lacks ${missing.join('、')}.`);
  }
  return columns;
}

export interface ParsedFile {
  /** byRef: named by the file's own call-back number (回访编号), so other content under it is a correction. */
  records: { row: number; record: CallbackRecord; byRef: boolean }[];
  failed: CallbackImportFailure[];
}

/** Rows 2… of the file as records (ids as callbacks.ts callbackId makes them); `site` fills rows without one. */
export function parseCallbackRows(rows: string[][], site: string | null): ParsedFile {
  // The header is the first row naming the required columns: exports often put a title row or two above it.
  const candidates = rows
    .map((r, i) => (r.some((c) => c.trim() !== '') ? i : -1))
    .filter((i) => i >= 0)
    .slice(0, 10);
  if (candidates.length === 0) throw new AppError('invalid_input', 'The file is empty.');
  let header = candidates[0];
  let columns: Map<Column, number> | null = null;
  for (const i of candidates) {
    try {
      columns = mapHeader(rows[i]);
      header = i;
      break;
    } catch {
      // not the header row; the first candidate's error is the one reported
    }
  }
  columns ??= mapHeader(rows[candidates[0]]);
  const records: ParsedFile['records'] = [];
  const failed: CallbackImportFailure[] = [];
  const occurrences = new Map<string, number>();
  for (let i = header + 1; i < rows.length; i++) {
    const cells = rows[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const row = i + 1;
    const value = (c: Column) => (columns.has(c) ? (cells[columns.get(c)!] ?? '').trim() : '');
    const fail = (error: CallbackImportFailure['error'], column: Column) =>
      failed.push({ row, error, column: rows[header][columns.get(column)!] });
    const bad = [...columns.keys()].find((c) => hasControlCharacter(value(c)));
    if (bad) {
      fail('control_character', bad);
      continue;
    }
    const long = [...columns.keys()].find((c) => value(c).length > (limits[c] ?? 100));
    if (long) {
      fail('too_long', long);
      continue;
    }
    const dateText = value('date');
    const date = dateText ? parseDay(dateText) : undefined;
    if (!dateText) fail('missing_date', 'date');
    else if (!date) fail('bad_date', 'date');
    const group = value('group');
    if (!group) fail('missing_group', 'group');
    const flags = (['timeSatisfied', 'overallSatisfied'] as const).map((c) => {
      const text = value(c);
      const parsed = text ? parseYesNo(text) : undefined;
      if (!text) fail(c === 'timeSatisfied' ? 'missing_time_satisfied' : 'missing_overall_satisfied', c);
      else if (parsed === undefined) fail(c === 'timeSatisfied' ? 'bad_time_satisfied' : 'bad_overall_satisfied', c);
      return parsed;
    });
    if (!date || !group || flags[0] === undefined || flags[1] === undefined) continue;
    const identity: CallbackIdentity = {
      date,
      callId: value('callId') || null,
      group,
      agentNo: value('agentNo') || null,
      timeSatisfied: flags[0],
      overallSatisfied: flags[1],
      reason: value('reason'),
      suggestion: value('suggestion'),
    };
    const ref = value('ref');
    let id: string;
    if (ref) id = callbackId({ ref });
    else {
      const key = JSON.stringify(identity);
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      id = callbackId({ content: identity, occurrence });
    }
    records.push({ row, record: { id, ...identity, site: value('site') || site }, byRef: ref !== '' });
  }
  return { records, failed };
}
