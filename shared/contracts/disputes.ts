/**
 * Sign-off, disputes (申诉) and coaching focus items (改进重点): the page's and the `qa` command's methods. A refused
 * call is an error whose `reason` is a shared/disputes.ts refusal code (or a coaching code) the page words.
 */
import { z } from 'zod';
import {
  claimInputsSchema,
  verdictInputsSchema,
  type DisputeHistoryEntry,
  type DisputeItem,
  type DisputePolicy,
  type DisputeRefusalCode,
  type DisputeStatus,
} from '../disputes';
import type { Answer } from '../evaluation';
import { monthSchema, periodInputSchema, siteSchema, teamIdSchema } from '../report';
import { scorecardPartIdSchema, type ScorecardItem } from '../scorecard';
import { safeLabel, safeText } from '../text';
import { method } from './define';

/** A step recorded here: waiting to be sent, stored by head office but not pulled back yet, or refused (with why). */
export interface DisputeStepView {
  stepId: string;
  kind: DisputeHistoryEntry['kind'];
  recordedAt: string;
  sync: 'pending' | 'sent' | 'rejected';
  code: DisputeRefusalCode | null;
  reason: string | null;
}

export interface DisputeView {
  id: string;
  evaluationId: string;
  revision: number;
  agentNo: string | null;
  agentName: string | null;
  teamId: string | null;
  inspectorId: string | null;
  inspectorName: string | null;
  /** As head office holds it, with this app's pending steps applied on top. */
  status: DisputeStatus;
  /** False until head office has stored the filing. */
  synced: boolean;
  filedAt: string | null;
  deadline: string | null;
  decidedAt: string | null;
  escalationDeadline: string | null;
  escalationReason: string | null;
  closedAt: string | null;
  /** Signed off, arbitrated, all accepted, or past the escalation deadline. */
  final: boolean;
  items: (DisputeItem & { name: string; maxPoints: number; kind: ScorecardItem['kind'] })[];
  history: DisputeHistoryEntry[];
  /** Pending and refused steps of this app. */
  steps: DisputeStepView[];
  /** The revision this app wrote for the outcome (the inspector's own evaluations only). */
  appliedRevision: number | null;
}

export interface DisputableItem {
  itemId: string;
  name: string;
  sectionName: string;
  kind: ScorecardItem['kind'];
  answer: Answer;
  maxPoints: number;
  step: number;
}

/** What the read-only evaluation view needs to offer sign-off or a dispute. */
export interface EvaluationFeedback {
  evaluationId: string;
  dispute: DisputeView | null;
  policy: DisputePolicy;
  /** This app's user may sign off or dispute (a lead of the agent's team, nothing filed yet). */
  canFile: boolean;
  /** Why not, when canFile is false (a refusal code). */
  cannotFile: DisputeRefusalCode | null;
  disputable: DisputableItem[];
  /** Head office's window (its clock), from when it received the revision; null for an evaluation never synced. */
  deadline: string | null;
}

export interface DisputeStats {
  from: string;
  to: string;
  evaluations: number;
  acknowledged: number;
  disputes: number;
  /** Disputes per evaluation, 0..1. */
  rate: number | null;
  open: number;
  escalated: number;
  byAgent: {
    agentNo: string;
    name: string;
    evaluations: number;
    disputes: number;
    rate: number | null;
    overturned: number;
  }[];
  byInspector: {
    inspectorId: string;
    name: string;
    evaluations: number;
    disputes: number;
    rate: number | null;
    disputedItems: number;
    overturnedItems: number;
    /** Overturned items per decided item: a calibration signal. */
    overturnRate: number | null;
    /** Hours from filing to the inspector's decision, on head office's clock. */
    decisionHours: number | null;
  }[];
  byItem: { itemId: string; name: string; disputes: number; overturned: number }[];
  decisionHours: number | null;
}

export const focusVerdicts = ['improved', 'not_improved', 'insufficient_data'] as const;
export type FocusVerdict = (typeof focusVerdicts)[number];

export interface FocusFigure {
  month: string;
  /** Average points of the section or item; null without evaluations. */
  value: number | null;
  count: number;
}

export interface FocusItemView {
  id: string;
  agentNo: string | null;
  agentName: string | null;
  team: string | null;
  teamName: string | null;
  site: string | null;
  target: { sectionId: string | null; itemId: string | null; name: string; value: number; maxPoints: number | null };
  /** The month the target is due. */
  month: string;
  note: string;
  createdAt: string;
  createdBy: string | null;
  /** The month before the due month, and the due month itself. */
  baseline: FocusFigure;
  current: FocusFigure;
  change: number | null;
  verdict: FocusVerdict;
}

const verdictInput = { disputeId: z.uuid(), items: verdictInputsSchema };

export const disputesContract = {
  'evaluations.acknowledge': method<DisputeView>()(
    z.object({ evaluationId: z.uuid() }).strict(),
    'The lead records that the agent read and signed off the evaluation (已确认); synced to head office.',
  ),
  'disputes.file': method<{ id: string; status: DisputeStatus }>()(
    z.object({ evaluationId: z.uuid(), items: claimInputsSchema }).strict(),
    'The lead records the agent’s dispute (申诉) of items below full points: {<itemId>: {reason, proposedPoints?}}. ' +
      'Head office checks the window and the monthly limit on its own clock when it syncs.',
  ),
  'disputes.decide': method<{ status: DisputeStatus; revision?: number }>()(
    z.object(verdictInput).strict(),
    'The inspector who scored the call accepts or rejects each disputed item: {<itemId>: {accept, points?, note}}. ' +
      'Accepted items become a new revision (申诉成立) once head office has stored the decision.',
  ),
  'disputes.escalate': method<DisputeView>()(
    z.object({ disputeId: z.uuid(), reason: safeLabel(2000) }).strict(),
    'The lead escalates a rejection to head office, once.',
  ),
  'disputes.arbitrate': method<DisputeView>()(
    z.object(verdictInput).strict(),
    'Head office decides the escalated items for good: {<itemId>: {accept, points?, note}}.',
  ),
  'disputes.list': method<{ items: DisputeView[] }>()(
    z
      .object({
        status: z.enum(['acknowledged', 'open', 'decided', 'escalated', 'arbitrated']).optional(),
        evaluationId: z.uuid().optional(),
      })
      .strict(),
    'Disputes (and sign-offs) this app holds: filed here, addressed to this inspector, or in this user’s scope.',
  ),
  'disputes.forEvaluation': method<EvaluationFeedback>()(
    z.object({ evaluationId: z.uuid() }).strict(),
    'The dispute of one evaluation, whether this user may file one, and the items below full points.',
  ),
  'disputes.stats': method<DisputeStats>()(
    periodInputSchema,
    'Dispute rate per agent, per inspector and per item, overturn rate per inspector and time to decision, for the ' +
      'evaluations of a period (by call day) in a report scope.',
  ),
  'coaching.create': method<FocusItemView>()(
    z
      .object({
        agentNo: safeText(64, 1).optional(),
        team: teamIdSchema.optional(),
        site: siteSchema.optional(),
        target: z
          .object({
            sectionId: scorecardPartIdSchema.optional(),
            itemId: scorecardPartIdSchema.optional(),
            value: z.number().min(0).max(100),
          })
          .strict()
          .refine((t) => (t.sectionId === undefined) !== (t.itemId === undefined), 'give sectionId or itemId'),
        month: monthSchema,
        note: safeText(2000).default(''),
      })
      .strict()
      .refine((f) => [f.agentNo, f.team, f.site].filter((v) => v !== undefined).length === 1, {
        message: 'give exactly one of agentNo, team or site',
      }),
    'A focus item (改进重点) for an agent, a team or a site: a section or item, the average to reach, the month due.',
  ),
  'coaching.list': method<{ month: string; items: FocusItemView[] }>()(
    z.object({ month: monthSchema }).strict(),
    'Focus items due in a month, each with its figure that month and the month before and a verdict ' +
      '(improved | not_improved | insufficient_data).',
  ),
  'coaching.delete': method<{ deleted: boolean }>()(z.object({ id: z.uuid() }).strict(), 'Remove a focus item.'),
};
