import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeSpreadsheetText } from '../../../shared/decode-text';
import { parseDateTime, type CallMetadata } from './metadata';

export interface ManifestRow {
  /** 1-based line in the CSV, for error messages. */
  line: number;
  file: string;
  meta: CallMetadata;
  /** A row problem (bad date, …): the file it names fails with this reason instead of importing. */
  error?: string;
  /** Sample rate for a headerless Dialogic VOX file, which cannot say it itself. */
  sampleRate?: number;
}

export class ManifestError extends Error {}

type Column = keyof CallMetadata | 'file' | 'sampleRate';

/** Header names seen in Chinese recording-system exports and English ones, compared without case or punctuation. */
const headerAliases: Record<Column, string[]> = {
  callId: ['callid', '通话id', '呼叫id', '通话编号', '呼叫编号', '流水号', '录音编号', 'id'],
  agentNo: ['agentno', 'agentnumber', 'agentid', 'agent', '工号', '坐席工号', '坐席号', '员工号', '坐席编号'],
  agentName: ['agentname', '坐席姓名', '姓名', '坐席名称', '坐席', '员工姓名'],
  startedAt: [
    'starttime',
    'startedat',
    'start',
    'calltime',
    '开始时间',
    '通话开始时间',
    '呼叫时间',
    '通话时间',
    '录音时间',
  ],
  category: ['category', 'businesscategory', 'business', '业务类别', '业务类型', '类别', '业务分类', '分类'],
  callerNumber: [
    'callernumber',
    'caller',
    'phone',
    'customernumber',
    '主叫号码',
    '来电号码',
    '客户号码',
    '主叫',
    '电话号码',
  ],
  sampleRate: ['samplerate', 'rate', '采样率'],
  file: ['file', 'filename', 'path', 'recording', '文件', '文件名', '录音文件', '录音文件名', '文件路径'],
};

const normalise = (h: string) => h.toLowerCase().replace(/[\s_\-()（）:：]/g, '');

const lookup = new Map<string, Column>();
for (const [column, names] of Object.entries(headerAliases) as [Column, string[]][])
  for (const name of names) lookup.set(name, column);

/** A manifest's text (shared/decode-text.ts: UTF-8, UTF-16 with BOM, else GB18030). */
export const decodeText = (bytes: Buffer): string => decodeSpreadsheetText(bytes);

const maxManifestBytes = 50 * 1024 * 1024;

/** C0 control characters other than tab, line feed and carriage return (which CSV itself may carry). */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

/** Maps header cells to columns; undefined when the file column is missing (not a manifest). */
export function mapHeader(header: string[]): Map<number, Column> | undefined {
  const columns = new Map<number, Column>();
  header.forEach((cell, i) => {
    const column = lookup.get(normalise(cell));
    if (column && ![...columns.values()].includes(column)) columns.set(i, column);
  });
  return [...columns.values()].includes('file') ? columns : undefined;
}

/** 8000, 8000Hz, 8 kHz, 6k → Hz; undefined for anything else or a rate no recorder writes. */
export function parseSampleRate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(k|khz|hz)?$/i.exec(text.trim());
  if (!m) return undefined;
  const hz = Math.round(Number(m[1]) * (m[2] && m[2].toLowerCase() !== 'hz' ? 1000 : 1));
  return hz >= 4000 && hz <= 48000 ? hz : undefined;
}

/** Reads a CSV manifest; file names are resolved against the manifest's own folder. */
export function readManifest(path: string): ManifestRow[] {
  let bytes: Buffer;
  try {
    if (statSync(path).size > maxManifestBytes) throw new ManifestError(`The manifest ${path} is larger than 50 MB.`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    throw new ManifestError(`Cannot read the manifest ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let records: string[][];
  try {
    records = parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new ManifestError(`The manifest ${path} is not valid CSV: ${(error as Error).message}`);
  }
  const columns = records.length ? mapHeader(records[0]) : undefined;
  if (!columns) throw new ManifestError(`The manifest ${path} has no header row with a file column (文件名 / file).`);
  const base = dirname(path);
  const rows: ManifestRow[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const meta: CallMetadata = {};
    let file = '';
    let error: string | undefined;
    let sampleRate: number | undefined;
    for (const [index, column] of columns) {
      const value = (record[index] ?? '').trim();
      if (value === '') continue;
      // A control character in a call's details would travel into every revision of it and be refused by head
      // office (PostgreSQL text cannot hold NUL): the row is refused here, where the user can fix the file.
      if (hasControlCharacter(value)) {
        error = `Manifest line ${line}: the ${column} column holds a control character.`;
        continue;
      }
      if (column === 'file') file = value;
      else if (column === 'sampleRate') {
        const rate = parseSampleRate(value);
        if (rate) sampleRate = rate;
        else error = `Manifest line ${line}: the sample rate "${value}" is not one in Hz (such as 8000 or 6 kHz).`;
      } else if (column === 'startedAt') {
        const parsed = parseDateTime(value);
        if (parsed) meta.startedAt = parsed;
        else error = `Manifest line ${line}: the start time "${value}" is not a valid date and time.`;
      } else meta[column] = value;
    }
    if (!file) return;
    const normalised = file.replace(/\\/g, '/');
    const row: ManifestRow = {
      line,
      file: isAbsolute(normalised) ? normalised : resolve(base, normalised),
      meta,
      error,
    };
    if (sampleRate) row.sampleRate = sampleRate;
    rows.push(row);
  });
  return rows;
}
