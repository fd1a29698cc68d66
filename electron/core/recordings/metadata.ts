/** Call details from a manifest row or a file name; every field optional, as recording systems differ. */
export interface CallMetadata {
  callId?: string;
  agentNo?: string;
  agentName?: string;
  startedAt?: string;
  category?: string;
  callerNumber?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  // Day 0 of the next month is the last day of this one, so Feb 30 and Apr 31 are rejected.
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * Start times as recording systems and Excel write them: 2024-03-05 09:30:00, 2024/3/5 9:30, 2024-03-05T09:30:00,
 * 20240305093000. Returned as local ISO time without a zone, because that is what the system wrote.
 */
export function parseDateTime(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return validDateTime(y, mo, d, h, mi, sec);
}

const tokenPatterns: Record<string, { regex: string; field?: keyof CallMetadata | 'date' | 'time' | 'datetime' }> = {
  agentNo: { regex: '([^_\\-\\s]+?)', field: 'agentNo' },
  agentName: { regex: '(.+?)', field: 'agentName' },
  callId: { regex: '(.+?)', field: 'callId' },
  callerNumber: { regex: '(\\+?\\d+)', field: 'callerNumber' },
  category: { regex: '(.+?)', field: 'category' },
  yyyyMMddHHmmss: { regex: '(\\d{14})', field: 'datetime' },
  yyyyMMdd: { regex: '(\\d{8})', field: 'date' },
  HHmmss: { regex: '(\\d{6})', field: 'time' },
  '*': { regex: '.*?' },
};

export interface FileNamePattern {
  regex: RegExp;
  fields: (keyof CallMetadata | 'date' | 'time' | 'datetime')[];
}

/** `{agentNo}_{yyyyMMddHHmmss}_{callId}` → a regex over the file name without its extension. */
export function compileFileNamePattern(pattern: string): FileNamePattern {
  const fields: FileNamePattern['fields'] = [];
  let source = '^';
  let last = 0;
  for (const match of pattern.matchAll(/\{([^}]+)\}/g)) {
    source += pattern.slice(last, match.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const token = tokenPatterns[match[1]];
    if (!token) throw new Error(`Unknown field {${match[1]}} in the file-name pattern.`);
    source += token.regex;
    if (token.field) fields.push(token.field);
    last = match.index + match[0].length;
  }
  source += `${pattern.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  return { regex: new RegExp(source), fields };
}

export function metadataFromFileName(baseName: string, pattern: FileNamePattern): CallMetadata {
  const stem = baseName.replace(/\.[^.]+$/, '');
  const match = pattern.regex.exec(stem);
  if (!match) return {};
  const meta: CallMetadata = {};
  let date: string | undefined;
  let time: string | undefined;
  pattern.fields.forEach((field, i) => {
    const value = match[i + 1];
    if (field === 'datetime') meta.startedAt = parseDateTime(value);
    else if (field === 'date') date = value;
    else if (field === 'time') time = value;
    else meta[field] = value;
  });
  if (date) meta.startedAt = parseDateTime(date + (time ?? '000000'));
  return meta;
}
