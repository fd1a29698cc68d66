/**
 * Customer call-backs (回访): the record a call-back team imports, how it travels to head office and back, and the
 * shapes of the monthly report's call-back section. Rates are percentages to two decimals from integer counts
 * (report-math.ts percentOf), identical on every device.
 */
import { z } from 'zod';
import { canonicalJson } from './evaluation';
import { sha256Hex } from './sha256';
import { realDateSchema, safeLabel, safeText, sha256HexSchema } from './text';

/** Most call-backs one push carries (a few hundred bytes each). */
export const MAX_CALLBACK_PUSH = 1000;

/**
 * One call-back as imported. `id` names it on every device (callbackId); everything else is what the file said,
 * with the agent filled in from the evaluated call where the file named only the call (呼叫编号).
 */
export const callbackRecordSchema = z
  .object({
    id: sha256HexSchema,
    /** 回访日期: decides the report month. */
    date: realDateSchema,
    /** 呼叫编号: the call called back about, which links it to that call's evaluation and agent. */
    callId: safeText(200, 1).nullable(),
    /** 回访对象: who was called back (分公司, 客户, or whatever groups the file uses). */
    group: safeLabel(50),
    /** 工号 of the agent who handled the call, from the file or from the evaluated call. */
    agentNo: safeText(64, 1).nullable(),
    /** 时限满意 / 整体满意. */
    timeSatisfied: z.boolean(),
    overallSatisfied: z.boolean(),
    /** 不满意原因 and 意见建议, '' when the file left them empty. */
    reason: safeText(500),
    suggestion: safeText(2000),
    /** 分公司 the call-back belongs to when no agent places it (from the file or the import). */
    site: safeText(200, 1).nullable(),
  })
  .strict();
export type CallbackRecord = z.infer<typeof callbackRecordSchema>;

/** The columns that name a call-back without a number of its own: what the file said, before any link. */
export type CallbackIdentity = Pick<
  CallbackRecord,
  'date' | 'callId' | 'group' | 'agentNo' | 'timeSatisfied' | 'overallSatisfied' | 'reason' | 'suggestion'
>;

/**
 * A call-back's id. A file's own call-back number (回访编号) names it when there is one; otherwise the file's columns
 * and its place among identical rows of the same file (the third identical row is `#3`), so re-importing a file, or
 * a longer export of the same month, finds the rows already held and adds only the new ones. The site chosen at
 * import is left out: importing the same file under another site does not make new call-backs.
 */
export function callbackId(key: { ref: string } | { content: CallbackIdentity; occurrence: number }): string {
  if ('ref' in key) return sha256Hex(`ref:${key.ref}`);
  return sha256Hex(`row:${canonicalJson(key.content)}#${key.occurrence}`);
}

/** What head office compares to tell a repeat (same id, same content) from a correction (same id, new content). */
export function callbackHash(record: CallbackRecord): string {
  return sha256Hex(canonicalJson(record));
}

export const callbackPushSchema = z
  .object({ items: z.array(callbackRecordSchema).min(1).max(MAX_CALLBACK_PUSH) })
  .strict();

/** stored: new or corrected at head office; duplicate: held as it is; forbidden: outside the sender's scope. */
export const callbackPushResultSchema = z.object({
  id: z.string(),
  status: z.enum(['stored', 'duplicate', 'forbidden']),
  reason: z.string().optional(),
});
export type CallbackPushResult = z.infer<typeof callbackPushResultSchema>;
export const callbackPushResponseSchema = z.object({ results: z.array(callbackPushResultSchema) });

/** A call-back in the puller's scope, filed by head office under its agent's roster team and site (else its site). */
export const callbackChangeSchema = z.object({
  kind: z.literal('callback'),
  record: callbackRecordSchema,
  teamId: safeText(100).nullable(),
  site: safeText(200).nullable(),
});
export type CallbackChange = z.infer<typeof callbackChangeSchema>;

// ---------------------------------------------------------------- report shapes

export interface CallbackMonth {
  month: string;
  total: number;
  timeSatisfied: number;
  overallSatisfied: number;
  /** Overall satisfied ÷ total, in percent to two decimals; null without call-backs. */
  rate: number | null;
  /** Time satisfied ÷ total, in percent. */
  timeRate: number | null;
}

export interface CallbackGroupMonth {
  month: string;
  group: string;
  total: number;
  /** Satisfied overall. */
  satisfied: number;
  rate: number | null;
}

export interface CallbackCount {
  text: string;
  count: number;
}

/** An agent's call-backs in the report month beside their QA figures for the same month and scope. */
export interface CallbackAgent {
  agentNo: string;
  name: string;
  total: number;
  satisfied: number;
  rate: number | null;
  /** The agent's average QA score in the report month (the comparison's); null when not evaluated. */
  qaAverage: number | null;
  /** Average score of the very calls that were called back, where they were evaluated; null when none were. */
  linkedAverage: number | null;
  linkedCount: number;
}

export interface CallbackSection {
  /** Every month of the report, oldest first (the same months as the other sections). */
  months: CallbackMonth[];
  /** 合计 over the report's cumulative months (MonthlyReport.cumulative). */
  cumulative: CallbackMonth;
  /** Per caller group per month, groups largest first. */
  groups: CallbackGroupMonth[];
  /** Per caller group over the cumulative months. */
  groupTotals: CallbackGroupMonth[];
  /** The report month's dissatisfied call-backs (overall) grouped by reason, most frequent first. */
  reasons: CallbackCount[];
  /** The report month's suggestions, most frequent first. */
  suggestions: CallbackCount[];
  agents: CallbackAgent[];
  /** Call-backs in the report month: the annex rows come from callbacks.annex (or the export). */
  annexCount: number;
}

export interface CallbackAnnexRow {
  id: string;
  date: string;
  group: string;
  callId: string | null;
  agentNo: string | null;
  agentName: string | null;
  timeSatisfied: boolean;
  overallSatisfied: boolean;
  reason: string;
  suggestion: string;
  /** The evaluation of the call called back about, when the reports hold it; its total score. */
  evaluationId: string | null;
  evaluationTotal: number | null;
}

export interface CallbackAnnexPage {
  month: string;
  total: number;
  offset: number;
  rows: CallbackAnnexRow[];
}

export interface CallbackImportFailure {
  /** The row in the file (1 is the header), as a spreadsheet shows it. */
  row: number;
  /** A code the page words (callbacks/messages.ts), with the column where one is at fault. */
  error: CallbackRowError;
  column?: string;
}

export const callbackRowErrors = [
  'missing_date',
  'bad_date',
  'missing_group',
  'missing_time_satisfied',
  'bad_time_satisfied',
  'missing_overall_satisfied',
  'bad_overall_satisfied',
  'too_long',
  'control_character',
] as const;
export type CallbackRowError = (typeof callbackRowErrors)[number];

export interface CallbackImportResult {
  imported: number;
  duplicates: number;
  failed: CallbackImportFailure[];
  /** Imported rows whose call (呼叫编号) or 工号 linked them to an agent. */
  linked: number;
}
