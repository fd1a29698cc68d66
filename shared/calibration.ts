/**
 * Calibration (校准) on the wire: a session as its creator's app pushes it, the inspectors' scores, and what pulls
 * bring back. Both sides validate with these schemas. Calibration scores are evaluation revisions marked with the
 * session (body.calibrationId) but travel, and are stored, apart from agents' evaluations: they never reach the
 * report store, head office's evaluation_latest, quotas or alerts.
 */
import { z } from 'zod';
import {
  answersSchema,
  evaluationRevisionSchema,
  itemCommentsSchema,
  pulledRevisionSchema,
  sectionScoresSchema,
} from './evaluation';
import { scorecardIdSchema, type ScorecardDefinition } from './scorecard';
import { computeScore, ScoringError, sectionScoreMap } from './scoring';
import { instantSchema, int4, safeLabel, safeText, sha256HexSchema } from './text';

export const MAX_CALIBRATION_CALLS = 20;
export const MAX_CALIBRATION_INSPECTORS = 100;
/** Most calibration items one push carries. */
export const MAX_CALIBRATION_PUSH = 100;

/** The expert's scoring of a call, copied into the session so it is self-contained (and verified on arrival). */
export const calibrationReferenceSchema = z
  .object({
    evaluationId: z.uuid(),
    inspectorName: safeText(200),
    answers: answersSchema,
    itemComments: itemCommentsSchema,
    total: z.number().min(0).max(100),
    sections: sectionScoresSchema,
  })
  .strict();
export type CalibrationReference = z.infer<typeof calibrationReferenceSchema>;

export const calibrationCallSchema = z
  .object({
    /** The recording's SHA-256: how every app finds the same audio in its own library. */
    sha256: sha256HexSchema,
    callId: safeText(200).nullable(),
    reference: calibrationReferenceSchema.nullable(),
  })
  .strict();
export type CalibrationCall = z.infer<typeof calibrationCallSchema>;

const unique = (values: string[]) => new Set(values).size === values.length;

/** A session as created; stored once by id at head office (the hash is SHA-256 of its canonical JSON). */
export const calibrationSessionSchema = z
  .object({
    id: z.uuid(),
    name: safeLabel(200),
    scorecardId: scorecardIdSchema,
    scorecardVersion: int4(1),
    /** When scoring ends, judged by head office's clock. */
    deadline: instantSchema,
    calls: z
      .array(calibrationCallSchema)
      .min(1)
      .max(MAX_CALIBRATION_CALLS)
      .refine((calls) => unique(calls.map((c) => c.sha256)), 'each call once'),
    /** Head-office user ids of the inspectors invited. */
    inspectors: z.array(safeText(100, 1)).min(1).max(MAX_CALIBRATION_INSPECTORS).refine(unique, 'each inspector once'),
    /** The creator's clock: shown, never used for order or deadlines. */
    createdAt: instantSchema,
  })
  .strict();
export type CalibrationSession = z.infer<typeof calibrationSessionSchema>;

/** Why a reference does not fit the card (unanswered items, a total the answers do not give); empty when it fits. */
export function referenceProblems(card: ScorecardDefinition, reference: CalibrationReference): string[] {
  try {
    const result = computeScore(card, reference.answers);
    const problems: string[] = [];
    if (!result.complete) problems.push(`Unanswered items: ${result.unanswered.join(', ')}.`);
    if (result.total !== reference.total)
      problems.push(`Total is ${reference.total}, the answers give ${result.total}.`);
    const sections = sectionScoreMap(result);
    const same = Object.keys(sections).every((id) => sections[id] === reference.sections[id]);
    if (!same || Object.keys(reference.sections).length !== Object.keys(sections).length) {
      problems.push('Section scores do not match the answers.');
    }
    return problems;
  } catch (error) {
    if (error instanceof ScoringError) return error.problems;
    throw error;
  }
}

export const calibrationPushItemSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('session'), id: z.uuid(), hash: sha256HexSchema, session: calibrationSessionSchema })
    .strict(),
  z.object({ kind: z.literal('score'), id: z.uuid(), hash: sha256HexSchema, body: evaluationRevisionSchema }).strict(),
  /** The creator ends scoring before the deadline (head office stamps the time). */
  z.object({ kind: z.literal('close'), id: z.uuid() }).strict(),
]);
export type CalibrationPushItem = z.infer<typeof calibrationPushItemSchema>;

/** What is wrong with an item on its own, before anything is looked up; null when nothing. */
export function pushItemShapeProblem(item: CalibrationPushItem): string | null {
  if (item.kind === 'session' && item.session.id !== item.id) return 'id must match the session';
  if (item.kind === 'score') {
    if (item.body.id !== item.id) return 'id must match the body';
    if (item.body.calibrationId === undefined) return 'a calibration score names its session (calibrationId)';
    if (item.body.revision !== 1) return 'a calibration score has one revision';
    if (!item.body.call?.recordingSha256)
      return 'a calibration score carries the call it scored (call.recordingSha256)';
  }
  return null;
}

export const calibrationPushRequestSchema = z
  .object({ items: z.array(calibrationPushItemSchema).min(1).max(MAX_CALIBRATION_PUSH) })
  .strict();

/** Why head office refused a calibration item. */
export const calibrationRefusals = [
  'role',
  'not_creator',
  'not_invited',
  'unknown_inspector',
  'unknown_session',
  'session_closed',
  'deadline_passed',
  'call_not_in_session',
  'card_not_published',
  'card_differs',
  'score_mismatch',
  'reference_mismatch',
  'hash_mismatch',
  'already_scored',
  'conflict',
  'invalid',
] as const;
export type CalibrationRefusal = (typeof calibrationRefusals)[number];

export const calibrationPushResultSchema = z.object({
  kind: z.enum(['session', 'score', 'close']),
  id: z.string(),
  status: z.enum(['stored', 'duplicate', 'rejected']),
  code: z.enum(calibrationRefusals).optional(),
  /** The server's English words; the app shows the code in the user's language. */
  reason: z.string().optional(),
});
export type CalibrationPushResult = z.infer<typeof calibrationPushResultSchema>;
export const calibrationPushResponseSchema = z.object({ results: z.array(calibrationPushResultSchema) });

const person = z.object({ id: safeText(100, 1), name: safeText(200) }).strict();

/**
 * A session as pulls bring it: to its creator and head office, and to each invited inspector — without the
 * references until the session has closed, so nobody scores against the expert's answers.
 */
export const calibrationSessionChangeSchema = z.object({
  kind: z.literal('calibration_session'),
  id: z.uuid(),
  name: safeLabel(200),
  createdBy: person,
  scorecardId: scorecardIdSchema,
  scorecardVersion: int4(1),
  deadline: instantSchema,
  /** Head office's clock: when scoring ended (the deadline passed, or the creator closed it). */
  closedAt: instantSchema.nullable(),
  calls: z.array(calibrationCallSchema).min(1).max(MAX_CALIBRATION_CALLS),
  inspectors: z.array(person).max(MAX_CALIBRATION_INSPECTORS),
  receivedAt: instantSchema,
});
export type CalibrationSessionChange = z.infer<typeof calibrationSessionChangeSchema>;

/**
 * One inspector's score of one call: to the creator and head office, and to the session's other inspectors once it
 * has closed and they scored in it themselves.
 */
export const calibrationScoreChangeSchema = z.object({
  kind: z.literal('calibration_score'),
  id: z.uuid(),
  sessionId: z.uuid(),
  sha256: sha256HexSchema,
  inspector: person,
  hash: sha256HexSchema,
  receivedAt: instantSchema,
  body: pulledRevisionSchema,
});
export type CalibrationScoreChange = z.infer<typeof calibrationScoreChangeSchema>;

/** Everyone a lead, site or head-office user may invite (`GET /v1/calibration/inspectors`). */
export const inspectorListSchema = z.object({ inspectors: z.array(person).max(10_000) });
export type InspectorList = z.infer<typeof inspectorListSchema>;

/** 校准结果_<name>.xlsx: what an export is called (the app writes it, the page offers it), safe on Windows. */
export function calibrationFileName(name: string, format: 'xlsx' | 'pdf'): string {
  return `校准结果_${name.replace(/[\\/:*?"<>|\s]+/g, '-')}.${format}`;
}
