/**
 * Sign-off and disputes (申诉): the wire format of each step; the rules both sides apply are in dispute-rules.ts.
 * A step is a two-way sync item like a revision: a client-made UUID, stored once by the server (same id and content: a
 * duplicate; same id, other content: refused), ordered and timed by the server's clock. The server validates a
 * step with reduceDispute() against what it holds and stores the state it returns; the app runs the same function
 * to refuse what it can tell locally (and to show a pending step before it syncs), without the clock checks, which
 * only the server's clock may decide.
 */
import { z } from 'zod';
import { answerIdRe } from './evaluation';
import { scorecardPartIdSchema } from './scorecard';
import { instantSchema, int4, partRecord, safeLabel, safeText } from './text';

/** Head office's rules: days after the lead received an evaluation (or after a decision) to dispute (or escalate),
 * and disputes per agent per month. */
export const disputePolicySchema = z.object({ windowDays: int4(1).max(365), monthlyLimit: int4(1).max(1000) }).strict();
export type DisputePolicy = z.infer<typeof disputePolicySchema>;
export const defaultDisputePolicy: DisputePolicy = { windowDays: 7, monthlyLimit: 3 };

const points = z.number().min(0).max(100);
const isClaim = (v: unknown): v is { reason: string; proposedPoints: number | null } =>
  claimSchema.safeParse(v).success;
const claimSchema = z.object({ reason: safeLabel(2000), proposedPoints: points.nullable() }).strict();
const isVerdict = (v: unknown): v is ItemVerdict => verdictSchema.safeParse(v).success;
const verdictSchema = z.object({ accept: z.boolean(), points: points.nullable(), note: safeText(2000) }).strict();
export type ItemVerdict = z.infer<typeof verdictSchema>;

/** Item id → the agent's reason and proposed points (null: none proposed, or a pass/fail item). */
export const claimsSchema = partRecord(isClaim, 'item ids to {reason, proposedPoints}');
/** Item id → accept or not, the points given (null: the proposed points, or pass for a pass/fail item), why. */
export const verdictsSchema = partRecord(isVerdict, 'item ids to {accept, points, note}');

/** The same as typed by a person or a script: proposed points, points and a note may be left out. */
const claimInputSchema = claimSchema.extend({ proposedPoints: points.nullable().optional() });
const verdictInputSchema = verdictSchema.extend({
  points: points.nullable().optional(),
  note: safeText(2000).optional(),
});
export const claimInputsSchema = partRecord(
  (v): v is z.infer<typeof claimInputSchema> => claimInputSchema.safeParse(v).success,
  'item ids to {reason, proposedPoints?}',
);
export const verdictInputsSchema = partRecord(
  (v): v is z.infer<typeof verdictInputSchema> => verdictInputSchema.safeParse(v).success,
  'item ids to {accept, points?, note?}',
);

const stepBase = { id: z.uuid() };
export const disputeStepSchema = z.discriminatedUnion('kind', [
  z.object({ ...stepBase, kind: z.literal('acknowledge'), evaluationId: z.uuid(), revision: int4(1) }).strict(),
  z
    .object({ ...stepBase, kind: z.literal('file'), evaluationId: z.uuid(), revision: int4(1), items: claimsSchema })
    .strict(),
  z.object({ ...stepBase, kind: z.literal('decide'), disputeId: z.uuid(), items: verdictsSchema }).strict(),
  z.object({ ...stepBase, kind: z.literal('escalate'), disputeId: z.uuid(), reason: safeLabel(2000) }).strict(),
  z.object({ ...stepBase, kind: z.literal('arbitrate'), disputeId: z.uuid(), items: verdictsSchema }).strict(),
]);
export type DisputeStep = z.infer<typeof disputeStepSchema>;
export type DisputeStepKind = DisputeStep['kind'];

export const MAX_DISPUTE_STEPS = 200;
export const disputePushSchema = z.object({ steps: z.array(z.unknown()).min(1).max(MAX_DISPUTE_STEPS) }).strict();

/** Why a step was refused; the app words each in the user's language. */
export const disputeRefusalCodes = [
  'role_not_allowed',
  'not_in_scope',
  'evaluation_unknown',
  'dispute_unknown',
  'revision_superseded',
  'window_closed',
  'monthly_limit',
  'already_filed',
  'not_below_full',
  'invalid_points',
  'no_items',
  'items_mismatch',
  'note_required',
  'already_decided',
  'not_decided',
  'nothing_to_escalate',
  'already_escalated',
  'not_escalated',
  'step_conflict',
  'invalid',
] as const;
export type DisputeRefusalCode = (typeof disputeRefusalCodes)[number];

export const disputeStepResultSchema = z.object({
  id: z.string(),
  status: z.enum(['stored', 'duplicate', 'rejected']),
  code: z.enum(disputeRefusalCodes).optional(),
  reason: z.string().optional(),
});
export type DisputeStepResult = z.infer<typeof disputeStepResultSchema>;
export const disputePushResponseSchema = z.object({ results: z.array(disputeStepResultSchema) });

export const disputeStatuses = ['acknowledged', 'open', 'decided', 'escalated', 'arbitrated'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

/** An item's answer: points, pass/fail, or a choice item's option id (never N/A: that is not below full). */
const answerValue = z.union([
  points,
  z.enum(['pass', 'fail']),
  z
    .string()
    .regex(answerIdRe)
    .refine((v) => v !== 'na'),
]);
const verdictRecord = verdictSchema.extend({ points: answerValue });
export const disputeItemSchema = z
  .object({
    itemId: scorecardPartIdSchema,
    reason: safeText(2000),
    proposedPoints: points.nullable(),
    /** The answer of the disputed revision. */
    original: answerValue,
    decision: verdictRecord.nullable(),
    arbitration: verdictRecord.nullable(),
  })
  .strict();
export type DisputeItem = z.infer<typeof disputeItemSchema>;

export const disputeHistorySchema = z
  .object({
    stepId: z.uuid(),
    kind: z.enum(['acknowledge', 'file', 'decide', 'escalate', 'arbitrate']),
    userId: safeText(100, 1),
    userName: safeText(200),
    role: z.enum(['inspector', 'lead', 'site', 'head_office']),
    /** The server's clock. */
    at: instantSchema,
    note: safeText(2000).nullable(),
  })
  .strict();
export type DisputeHistoryEntry = z.infer<typeof disputeHistorySchema>;

/** A dispute (or a sign-off) as the server holds it and sends it down; times are the server's. */
export const disputeStateSchema = z
  .object({
    id: z.uuid(),
    evaluationId: z.uuid(),
    /** The revision read with the agent. */
    revision: int4(1),
    agentNo: safeText(64).nullable(),
    agentName: safeText(200).nullable(),
    teamId: safeText(100).nullable(),
    site: safeText(200).nullable(),
    /** Who scored the call and decides. */
    inspectorId: safeText(100, 1),
    inspectorName: safeText(200),
    scorecardId: scorecardPartIdSchema,
    scorecardVersion: int4(1),
    status: z.enum(disputeStatuses),
    filedBy: safeText(100, 1),
    filedByName: safeText(200),
    filedAt: instantSchema,
    /** Until when a dispute could be filed (from when head office sent the evaluation down). */
    deadline: instantSchema,
    decidedAt: instantSchema.nullable(),
    /** Until when a rejection may be escalated. */
    escalationDeadline: instantSchema.nullable(),
    escalatedAt: instantSchema.nullable(),
    escalationReason: safeText(2000).nullable(),
    closedAt: instantSchema.nullable(),
    items: z.array(disputeItemSchema).max(200),
    history: z.array(disputeHistorySchema).max(20),
  })
  .strict();
export type DisputeState = z.infer<typeof disputeStateSchema>;

export const disputeChangeSchema = disputeStateSchema.extend({ kind: z.literal('dispute') });
export type DisputeChange = z.infer<typeof disputeChangeSchema>;
export const disputePolicyChangeSchema = disputePolicySchema.extend({ kind: z.literal('dispute_policy') });
