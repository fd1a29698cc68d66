import { z } from 'zod';
import {
  answersSchema,
  evaluationStatusSchema,
  findingsSchema,
  itemCommentsSchema,
  rootCausesSchema,
  type EvaluationRevision,
  type EvaluationStatus,
} from '../evaluation';
import { scorecardIdSchema, scorecardPartIdSchema } from '../scorecard';
import { safeLabel, safeText } from '../text';
import type { ContactChannel } from '../channels';
import { method } from './define';
import type { ScorecardVersionView } from './scorecards';

const recordingId = z.string().min(1).max(100);
const evaluationId = z.uuid();
/** A calibration session: the call is scored for it, apart from the call's own evaluation. */
const calibrationId = z.uuid().optional();
const text = (max: number) => safeText(max);

/** What the evaluate screen autosaves: everything the inspector has entered, answered or not. */
export const evaluationDraftStateSchema = z
  .object({
    scorecardId: scorecardIdSchema,
    scorecardVersion: z.number().int().min(1),
    answers: answersSchema,
    itemComments: itemCommentsSchema.default({}),
    /** Item id → root cause picked on a deduction; kept even on items raised back, until submit normalises. */
    rootCauses: rootCausesSchema.default({}),
    comment: text(4000).default(''),
    findings: findingsSchema.default([]),
    suggestion: text(4000).default(''),
    /** Why this re-score is needed; only used when re-scoring a submitted evaluation. */
    reason: text(2000).default(''),
    /** The item that had the focus, so reopening continues where the inspector was. */
    focusItemId: scorecardPartIdSchema.nullable().default(null),
  })
  .strict();
export type EvaluationDraftState = z.infer<typeof evaluationDraftStateSchema>;

export interface RecordingSummary {
  id: string;
  fileName: string;
  agentNo: string | null;
  agentName: string | null;
  startedAt: string | null;
  durationMs: number;
  category: string | null;
  callId: string | null;
  /** Masked for display: personal data. */
  callerNumber: string | null;
  channels: number;
  sampleRate: number;
  format: string;
  /** phone, chat or store: what the evaluate page shows beside the scorecard. */
  channel: ContactChannel;
}

export interface EvaluationSummary {
  id: string;
  recordingId: string;
  agentNo: string | null;
  agentName: string | null;
  scorecardId: string;
  scorecardVersion: number;
  status: EvaluationStatus;
  revision: number;
  total: number | null;
  uncappedTotal: number | null;
  criticalFailed: boolean | null;
  sections: Record<string, number | null>;
  callStartedAt: string | null;
  fileName: string;
  category: string | null;
  submittedAt: string | null;
  updatedAt: string;
  hasDraft: boolean;
}

export interface RevisionView {
  revision: number;
  reason: string | null;
  submittedAt: string;
  total: number;
  hash: string;
  /** 'pending' or 'rejected' while in the sync outbox; 'sent' once head office acknowledged it. */
  syncStatus: 'pending' | 'rejected' | 'sent';
  rejectedReason: string | null;
  body: EvaluationRevision;
}

export interface DraftView {
  state: EvaluationDraftState;
  savedAt: string;
  baseRevision: number;
}

/** Everything the evaluate screen needs for one recording in one call. */
export interface EvaluateView {
  /** Set when scoring the call for a calibration session: scored blind, kept apart from agents' evaluations. */
  calibration?: { id: string; name: string; deadline: string; closedAt: string | null };
  recording: RecordingSummary;
  evaluation: EvaluationSummary | null;
  /** The version the evaluation uses, or the one a new evaluation would use; null if no card is published. */
  scorecard: ScorecardVersionView | null;
  draft: DraftView | null;
  revisions: RevisionView[];
}

export interface SubmitResult {
  id: string;
  revision: number;
  total: number;
  sections: Record<string, number | null>;
}

export interface Annotation {
  id: number;
  recordingId: string;
  startMs: number;
  endMs: number | null;
  itemId: string | null;
  /** A chat's message the note is on (its startMs is that message's time); null on calls. */
  messageSeq?: number | null;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface SamplingAgentProgress {
  agentNo: string;
  agentName: string;
  quota: number;
  /** head_office: the agent's quota is a head-office sampling target; local: this app's setting. */
  quotaSource: 'head_office' | 'local';
  /** Submitted evaluations of this agent's calls in the month (in the plan or not). */
  evaluated: number;
  inProgress: number;
  planned: number;
  /** Recordings of the month not yet evaluated, beyond the plan. */
  available: number;
}

export interface SamplingQueueItem {
  recordingId: string;
  agentNo: string;
  agentName: string;
  startedAt: string | null;
  fileName: string;
  durationMs: number;
  category: string | null;
  status: 'todo' | 'draft' | 'submitted';
  total: number | null;
}

export interface SamplingQueue {
  month: string;
  /** The app's own quota (the setting when the plan was drawn), in force only where head office set none. */
  quotaPerAgent: number;
  /** head_office when head office has sent sampling targets (they win over the app's setting). */
  quotaSource: 'head_office' | 'local';
  agents: SamplingAgentProgress[];
  items: SamplingQueueItem[];
}

const submission = {
  answers: answersSchema,
  itemComments: itemCommentsSchema.optional(),
  rootCauses: rootCausesSchema.optional(),
  comment: text(4000).optional(),
  findings: findingsSchema.optional(),
  suggestion: text(4000).optional(),
};

const dateBound = z.string().regex(/^\d{4}-\d{2}(-\d{2}(T[\d:.]+Z?)?)?$/, 'YYYY-MM, YYYY-MM-DD or an ISO time');
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const evaluationsContract = {
  'evaluations.open': method<EvaluateView>()(
    z.object({ recordingId, scorecardId: scorecardIdSchema.optional(), calibrationId }).strict(),
    'The recording, its evaluation (if any), the scorecard version to use, the autosaved draft and all revisions.',
  ),
  'evaluations.saveDraft': method<{ evaluationId: string; savedAt: string }>()(
    z.object({ recordingId, state: evaluationDraftStateSchema, calibrationId }).strict(),
    'Autosave the work in progress (creates the evaluation as a draft on first save).',
  ),
  'evaluations.getDraft': method<DraftView | null>()(
    z.object({ recordingId, calibrationId }).strict(),
    'The autosaved draft for a recording, exactly as last saved.',
  ),
  'evaluations.discardDraft': method<{ deleted: boolean }>()(
    z.object({ recordingId, calibrationId }).strict(),
    'Throw the draft away (an evaluation never submitted disappears with it).',
  ),
  'evaluations.submit': method<SubmitResult>()(
    z
      .object({
        recordingId,
        scorecardId: scorecardIdSchema.optional(),
        scorecardVersion: z.number().int().min(1).optional(),
        calibrationId,
        ...submission,
      })
      .strict(),
    'Create (if needed) and submit an evaluation: every item answered or N/A; writes revision 1 and its outbox row. ' +
      'With calibrationId, the call is scored for that calibration session instead (never counted for the agent).',
  ),
  'evaluations.revise': method<SubmitResult>()(
    z.object({ evaluationId, reason: safeLabel(2000), ...submission }).strict(),
    'Re-score a submitted evaluation: writes revision n+1 with the reason, and its outbox row.',
  ),
  'evaluations.list': method<EvaluationSummary[]>()(
    z
      .object({
        from: dateBound.optional(),
        to: dateBound.optional(),
        agentNo: z.string().min(1).max(64).optional(),
        status: evaluationStatusSchema.optional(),
        limit: z.number().int().min(1).max(10000).optional(),
      })
      .strict(),
    "Evaluations, newest call first; from/to (inclusive) apply to the call's start time.",
  ),
  'evaluations.history': method<RevisionView[]>()(
    z.object({ evaluationId }).strict(),
    'Every submitted revision of an evaluation, oldest first.',
  ),
  'annotations.list': method<Annotation[]>()(z.object({ recordingId }).strict(), 'Notes on a recording by time.'),
  'annotations.create': method<Annotation>()(
    z
      .object({
        recordingId,
        startMs: z.number().int().min(0),
        endMs: z.number().int().min(0).nullable().optional(),
        itemId: scorecardPartIdSchema.nullable().optional(),
        /** On a chat: the message the note is on; the note takes that message's time. */
        messageSeq: z.number().int().min(0).max(1_000_000).optional(),
        text: safeLabel(2000),
      })
      .strict()
      .refine((a) => a.endMs == null || a.endMs >= a.startMs, { message: 'endMs is before startMs', path: ['endMs'] }),
    'Add a timestamped note, optionally tied to a scorecard item.',
  ),
  'annotations.update': method<Annotation>()(
    z
      .object({
        id: z.number().int().positive(),
        startMs: z.number().int().min(0).optional(),
        endMs: z.number().int().min(0).nullable().optional(),
        itemId: scorecardPartIdSchema.nullable().optional(),
        text: safeLabel(2000).optional(),
      })
      .strict(),
    'Change a note.',
  ),
  'annotations.delete': method<{ deleted: boolean }>()(
    z.object({ id: z.number().int().positive() }).strict(),
    'Delete a note.',
  ),
  'sampling.queue': method<SamplingQueue>()(
    z.object({ month: monthSchema.optional() }).strict(),
    "The month's work queue (default: this month): draws the plan on first use and tops it up to the quota.",
  ),
  'sampling.redraw': method<SamplingQueue>()(
    z.object({ month: monthSchema, quotaPerAgent: z.number().int().min(1).max(1000).optional() }).strict(),
    'Draw the plan again: items not yet started are replaced; evaluated and in-progress ones stay.',
  ),
};
