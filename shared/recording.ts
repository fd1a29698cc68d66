/** Recording types shared by the core, the page and the sync side. No Node or DOM here. */
import { z } from 'zod';
import { contactChannels, type ContactChannel } from './channels';
import { localDateTimeSchema, safeText } from './text';

export const evaluationStatuses = ['none', 'draft', 'submitted'] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];

/** Per-file failure reasons; the UI translates the code, the message is the English detail. */
export const importFailureCodes = [
  'empty',
  'not_audio',
  'truncated',
  'unsupported_codec',
  'decode_error',
  'unreadable',
  'missing_file',
  'bad_manifest_row',
  'cancelled',
  'internal',
] as const;
export type ImportFailureCode = (typeof importFailureCodes)[number];

/**
 * Why a decoder could not read a file, finer than the code: the page words it in its own language from `values`
 * (codec names, counts, byte offsets), so no core message text reaches the inspector untranslated.
 */
export const importFailureReasons = [
  'frames_damaged',
  'all_frames_damaged',
  'framing_broken',
  'bad_header',
  'shorter_than_frame',
  'channels',
  'decoder_crashed',
  'not_gsm',
] as const;
export interface ImportFailureReason {
  key: (typeof importFailureReasons)[number];
  values: Record<string, string | number>;
  /** Set for a headerless file, which was read as `values.codec` because of this extension. */
  byExtension?: string;
}

/**
 * Imported, but not as the file claims: a WAV whose header promises more audio than the file holds (cut short by
 * a crash or a copy, or never finished by its recorder). The audio that is there is kept, as it is for a cut MP3.
 */
export interface ImportWarning {
  code: 'truncated';
  declaredBytes: number;
  availableBytes: number;
}

/**
 * Not recordings as far as an import goes: pipes, devices and sockets (or links to them) are never read, and a
 * file met in a folder that is neither audio nor named like audio (a spreadsheet, a picture, a note) is passed over
 * and counted apart from the failures (a damaged .wav still fails).
 */
export const importSkipCodes = ['special_file', 'not_audio'] as const;
export type ImportSkipCode = (typeof importSkipCodes)[number];

export interface ImportResult {
  jobId: string;
  imported: { path: string; id: string; warning?: ImportWarning }[];
  duplicates: { path: string; id: string }[];
  failed: { path: string; error: string; code: ImportFailureCode; reason?: ImportFailureReason }[];
  skipped: { path: string; code: ImportSkipCode }[];
  /**
   * Call ids that now belong to more than one recording in the library (one call recorded as several files, or a
   * file imported twice under different content): each with every file name that carries it.
   */
  sameCallId: { callId: string; files: string[] }[];
  cancelled: boolean;
  elapsedMs: number;
}

export interface RecordingListItem {
  id: string;
  /** What was scored: a phone call (the only kind with audio), an online chat or a store visit. */
  channel: ContactChannel;
  fileName: string;
  agentNo: string | null;
  agentName: string | null;
  teamId: string | null;
  teamName: string | null;
  callId: string | null;
  startedAt: string | null;
  category: string | null;
  durationMs: number;
  channels: number;
  sampleRate: number;
  codec: string;
  format: string;
  callerNumberMasked: string | null;
  importedAt: string;
  evaluationStatus: EvaluationStatus;
  talkOverCount: number | null;
  agentTalkOverCount: number | null;
  silenceCount: number | null;
}

export interface RecordingList {
  total: number;
  items: RecordingListItem[];
}

export interface TalkOverEvent {
  startMs: number;
  endMs: number;
  /** Who started speaking while the other was talking; `agent` is 抢话. */
  by: 'agent' | 'customer';
}

export interface TimeSpan {
  startMs: number;
  endMs: number;
}

export interface RecordingAnalysis {
  talkOver: TalkOverEvent[];
  silences: TimeSpan[];
  /** Share of speaking time; null for mono recordings, where speakers cannot be told apart. */
  talkRatio: { agent: number; customer: number } | null;
  /** Speech per channel in channel order (index 0 is the file's first channel). */
  speech: TimeSpan[][];
  agentChannel: number | null;
  longestAgentMonologueMs: number | null;
  deadAirSeconds: number;
  /**
   * A stereo file whose two channels hold the same sound (a low-bitrate encoder mixed it down): analysed as mono,
   * so it has dead air but no talk-over or talk ratio, and the page says the speakers cannot be told apart.
   */
  channelsSame: boolean;
}

export interface RecordingPeaks {
  /** Source samples per min/max pair at full resolution (about 10 ms). */
  samplesPerPeak: number;
  /** Milliseconds covered by one pair in `channels` (after any downsampling). */
  msPerPeak: number;
  /** Values are signed 16-bit: divide by 32768 to get -1..1. */
  bits: 16;
  /**
   * One string per channel: base64 of little-endian signed 16-bit values min0, max0, min1, max1, … A call opens
   * with 40 000 values per channel; as JSON numbers they were 2.4× the bytes and parsed on the page's busiest
   * moment.
   */
  channels: string[];
}

/**
 * Pairs per channel in the waveform a player opens with (recordings.get's default): enough for the whole call at
 * any width, small enough to be instant. The core stores this overview at import.
 */
export const overviewPeaks = 20_000;

export interface RecordingDetail extends RecordingListItem {
  sizeBytes: number;
  agentChannel: number;
  sha256: string;
  peaks: RecordingPeaks;
}

/** 13800138000 → 138****8000. Short numbers keep only their last two digits. */
export function maskPhone(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = value.trim();
  if (s === '') return null;
  if (s.length >= 7) return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
  if (s.length <= 2) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 2)}${s.slice(-2)}`;
}

export const recordingSortFields = [
  'startedAt',
  'durationMs',
  'agentNo',
  'fileName',
  'category',
  'importedAt',
  'talkOverCount',
] as const;
export type RecordingSortField = (typeof recordingSortFields)[number];

const dateOrDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/, 'use YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss');

export const recordingListInputSchema = z
  .object({
    agentNo: z.string().min(1).max(64).optional(),
    team: z.string().min(1).max(64).optional(),
    /** Inclusive; a bare date means the whole day. */
    from: dateOrDateTime.optional(),
    to: dateOrDateTime.optional(),
    category: z.string().min(1).max(100).optional(),
    search: z.string().max(100).optional(),
    /** Seconds. */
    durationMin: z.number().nonnegative().optional(),
    durationMax: z.number().nonnegative().optional(),
    status: z.enum(evaluationStatuses).optional(),
    talkOver: z.boolean().optional(),
    channel: z.enum(contactChannels).optional(),
    sort: z.enum(recordingSortFields).default('startedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict();
export type RecordingListInput = z.input<typeof recordingListInputSchema>;
export type RecordingListQuery = z.output<typeof recordingListInputSchema>;

export const importInputSchema = z
  .object({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    manifest: z.string().min(1).max(4096).optional(),
    agentChannel: z.union([z.literal(0), z.literal(1)]).default(0),
    /** Chosen by the caller so it can follow progress and cancel while the call is still running. */
    jobId: z.string().uuid().optional(),
  })
  .strict();
export type ImportInput = z.input<typeof importInputSchema>;

export interface RecordingFacets {
  agents: { agentNo: string; name: string; teamId: string | null }[];
  teams: { id: string; name: string }[];
  categories: string[];
  total: number;
}

/** Call details of a recording that can be corrected after import (a file name that said nothing, or said it wrong). */
export const recordingFields = ['agentNo', 'startedAt', 'callId', 'category'] as const;
export type RecordingField = (typeof recordingFields)[number];

const correctionFields = {
  agentNo: safeText(64, 1).nullable().optional(),
  startedAt: localDateTimeSchema.nullable().optional(),
  callId: safeText(128, 1).nullable().optional(),
  category: safeText(100, 1).nullable().optional(),
  /** A name for an agent number the roster does not know yet. */
  agentName: safeText(64).optional(),
};

export const recordingUpdateInputSchema = z.object({ id: z.string().min(1).max(64), ...correctionFields }).strict();
export type RecordingUpdateInput = z.input<typeof recordingUpdateInputSchema>;

/** The library's bulk assignment: the same agent and/or category for up to 1000 recordings at once. */
export const recordingsAssignInputSchema = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1).max(1000),
    agentNo: correctionFields.agentNo,
    agentName: correctionFields.agentName,
    category: correctionFields.category,
  })
  .strict()
  .refine((v) => v.agentNo !== undefined || v.category !== undefined, { message: 'give agentNo or category' });

export interface RecordingChange {
  /** One edit or one bulk assignment. */
  batch: string;
  field: RecordingField;
  oldValue: string | null;
  newValue: string | null;
  changedAt: string;
}

export interface RecordingCorrection {
  /** Recordings whose details changed. */
  changed: number;
  /** Of those, the ones with a submitted evaluation: its revisions keep the details as they were when scored. */
  evaluated: string[];
}
