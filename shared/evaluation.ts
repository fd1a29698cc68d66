/**
 * An evaluation's answers and the body of one submitted revision. The revision body is what the core stores in the
 * outbox and what sync pushes to head office (`POST /v1/sync/push` items carry `{id, revision, hash, body}`), so it
 * is self-contained: it carries the scorecard definition it was scored with, and verifyEvaluationRevision lets the
 * server recompute the score with the very same shared/scoring.ts.
 */
import { z } from 'zod';
import {
  scorecardDefinitionSchema,
  scorecardIdSchema,
  scorecardPartIdSchema,
  type ScorecardDefinition,
} from './scorecard';
import { contactChannelSchema, visitContextSchema } from './channels';
import { computeScore, ScoringError, sectionScoreMap } from './scoring';
import { sha256Hex } from './sha256';
import { normaliseSubmission, submissionProblems, type SubmissionProblem } from './submission-rules';
import { instantSchema, int4, localDateTimeSchema, partRecord, safeLabel, safeText, sha256HexSchema } from './text';

/**
 * Points for a `points` item, "pass"/"fail" for yes/no and critical items, an option id for a choice item, "na"
 * where the item allows it.
 */
export const answerIdRe = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const answerSchema = z.union([z.number().min(0).max(100), z.string().regex(answerIdRe)]);
export type Answer = z.infer<typeof answerSchema>;

export type Answers = Record<string, Answer>;
export type ItemComments = Record<string, string>;
/** Item id → root-cause id from the card's list, on deducted items. */
export type RootCauses = Record<string, string>;

const isAnswer = (v: unknown): v is Answer =>
  (typeof v === 'number' && v >= 0 && v <= 100) || (typeof v === 'string' && answerIdRe.test(v));
const isComment = (v: unknown): v is string => typeof v === 'string' && v.length <= 2000 && !v.includes('\u0000');
const isScoreOrNull = (v: unknown): v is number | null => v === null || (typeof v === 'number' && v >= 0 && v <= 100);
const isPartId = (v: unknown): v is string => typeof v === 'string' && answerIdRe.test(v);

/** Item id → points (0–100), "na", "pass", "fail" or an option id. */
export const answersSchema = partRecord(isAnswer, 'item ids to points, "na", "pass", "fail" or an option id');
/** Item id → root-cause id. */
export const rootCausesSchema = partRecord(isPartId, 'item ids to root-cause ids');
/** Item id → the inspector's comment (≤ 2000 characters). */
export const itemCommentsSchema = partRecord(isComment, 'item ids to comments of at most 2000 characters');
/** Section id → score (0–100), null for a section that dropped out. */
export const sectionScoresSchema = partRecord(isScoreOrNull, 'section ids to scores 0–100 or null');
export const findingsSchema = z.array(safeLabel(40)).max(50);

/** Suggested finding tags; inspectors may type their own. */
export const suggestedFindings = [
  '抢话',
  '无安抚语',
  '业务不熟',
  '语速过快',
  '礼貌用语不足',
  '推诿',
  '答复含糊',
  '冗余重复',
  '未确认需求',
  '静音过长',
] as const;

export const evaluationStatusSchema = z.enum(['draft', 'submitted']);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

const score = z.number().min(0).max(100);

/** Talk analytics of the call at the time it was scored (stereo calls; null where none were computed). */
export const talkSummarySchema = z
  .object({
    talkOverCount: int4(),
    agentTalkOverCount: int4(),
    talkOverSeconds: z.number().min(0).max(1e7),
    deadAirSeconds: z.number().min(0).max(1e7),
    /** Agent's share of the talking, 0..1; null for mono calls. */
    talkRatioAgent: z.number().min(0).max(1).nullable(),
  })
  .strict();
export type TalkSummary = z.infer<typeof talkSummarySchema>;

/**
 * The call as it was when scored. Head office rebuilds every report from it without the audio, and a lead's app
 * opens the audio where a recording with the same SHA-256 is in its own library.
 */
export const callContextSchema = z
  .object({
    recordingSha256: sha256HexSchema.nullable(),
    fileName: safeText(500),
    callId: safeText(200).nullable(),
    /** Local wall-clock time as the recording system wrote it; it decides the report period. */
    startedAt: localDateTimeSchema.nullable(),
    category: safeText(100).nullable(),
    agentName: safeText(200).nullable(),
    teamId: safeText(100).nullable(),
    teamName: safeText(200).nullable(),
    site: safeText(200).nullable(),
    durationMs: int4(),
    talk: talkSummarySchema.nullable(),
    /**
     * What was scored: absent on phone calls (and on every body written before other channels existed), `chat`
     * or `store`. The chat's messages stay in the inspector's library; notes on them carry their message number.
     */
    channel: contactChannelSchema.exclude(['phone']).optional(),
    /** A store visit's store and visitor (暗访员), which head office's reports show instead of a call id. */
    visit: visitContextSchema.optional(),
  })
  .strict();
export type CallContext = z.infer<typeof callContextSchema>;

/**
 * How the inspector worked on the call, up to this revision: active seconds (the call open in front of them, idle
 * stretches left out) and how much of the audio was played (the union of the stretches played, in ms). Grader reports
 * read it, at head office too, so it travels in the body.
 */
export const workSchema = z.object({ activeSeconds: int4(), playedMs: int4() }).strict();
export type Work = z.infer<typeof workSchema>;

/** A timestamped note on the call, as carried in a revision (time in ms from the start of the call). */
export const revisionNoteSchema = z
  .object({
    startMs: int4(),
    endMs: int4().nullable(),
    itemId: scorecardPartIdSchema.nullable(),
    text: safeLabel(2000),
    /** A note on a chat message: the message's position in the chat (startMs is its time). */
    messageSeq: int4().optional(),
  })
  .strict();
export type RevisionNote = z.infer<typeof revisionNoteSchema>;

const revisionFields = {
  id: z.uuid(),
  revision: int4(1),
  recordingId: safeText(100, 1),
  agentNo: safeText(64, 1).nullable(),
  scorecardId: scorecardIdSchema,
  scorecardVersion: int4(1),
  /** The definition scored against, so the body can be verified without the receiver knowing the card. */
  scorecardDefinition: scorecardDefinitionSchema,
  answers: answersSchema,
  itemComments: itemCommentsSchema,
  comment: safeText(4000),
  /** Absent on bodies written before cards had root causes (and the hash covers the body as written). */
  rootCauses: rootCausesSchema.optional(),
  findings: findingsSchema,
  suggestion: safeText(4000),
  /** Why revision n+1 replaced n; null on the first revision. */
  reason: safeLabel(2000).nullable(),
  /** The inspector's server identity; null until sync is configured (the server takes it from the token). */
  inspectorId: safeText(100, 1).nullable(),
  submittedAt: instantSchema,
  total: score,
  uncappedTotal: score,
  criticalFailed: z.boolean(),
  sections: sectionScoresSchema,
  /**
   * The call's context and the notes at scoring time. Absent only on revisions written before the app carried
   * them (sync protocol 1); head office then falls back to its roster and the submission day.
   */
  call: callContextSchema.optional(),
  notes: z.array(revisionNoteSchema).max(1000).optional(),
  /**
   * Set only on a calibration score: the session it belongs to. Such a body travels to /v1/calibration/push and is
   * refused by the evaluation push, so it can never count in an agent's reports.
   */
  calibrationId: z.uuid().optional(),
  /** Absent on revisions written before the app recorded it, and where nothing was recorded. */
  work: workSchema.optional(),
};

function checkBody(
  body: { revision: number; reason: string | null; work?: Work; call?: CallContext },
  ctx: z.RefinementCtx,
): void {
  // The played stretches are clipped to the call when recorded, so more than the call is a damaged body.
  if (body.work && body.call && body.work.playedMs > body.call.durationMs) {
    ctx.addIssue({ code: 'custom', path: ['work', 'playedMs'], message: 'more played than the call lasts' });
  }
  if (body.revision > 1 && body.reason === null) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a re-score needs a reason' });
  }
  if (body.revision === 1 && body.reason !== null) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'the first revision has no reason' });
  }
}

/** One submitted revision, exactly as stored locally and pushed to head office. */
export const evaluationRevisionSchema = z.object(revisionFields).strict().superRefine(checkBody);
export type EvaluationRevision = z.infer<typeof evaluationRevisionSchema>;

/**
 * A revision as head office sends it down to leads: everything but the scorecard definition, which arrives once
 * as a scorecard change instead of inside each of thousands of evaluations.
 */
export const pulledRevisionSchema = z
  .object(revisionFields)
  .omit({ scorecardDefinition: true })
  .strict()
  .superRefine(checkBody);
export type PulledRevision = z.infer<typeof pulledRevisionSchema>;

/**
 * JSON with object keys sorted at every level and no whitespace, so the same body always gives the same bytes
 * (and hash) whichever side built it. Arrays keep their order; undefined properties are left out, like JSON.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: cannot encode ${typeof value}`);
}

/** The hash sync sends beside each body: SHA-256 hex of its canonical JSON. */
export function evaluationRevisionHash(body: EvaluationRevision): string {
  return sha256Hex(canonicalJson(body));
}

/**
 * Recomputes the score from the answers and the carried definition. Empty list = the body is consistent:
 * complete, its totals and section scores exactly what shared/scoring.ts gives, and the card's rules on deductions
 * (comments, root causes) met.
 */
export function verifyEvaluationRevision(body: EvaluationRevision): string[] {
  let result;
  try {
    result = computeScore(body.scorecardDefinition, body.answers);
  } catch (error) {
    if (error instanceof ScoringError) return error.problems;
    throw error;
  }
  const problems: string[] = [];
  if (!result.complete) problems.push(`Unanswered items: ${result.unanswered.join(', ')}.`);
  if (result.total !== body.total) problems.push(`Total is ${body.total}, the answers give ${result.total}.`);
  if (result.uncappedTotal !== body.uncappedTotal) {
    problems.push(`Uncapped total is ${body.uncappedTotal}, the answers give ${result.uncappedTotal}.`);
  }
  if (result.criticalFailed !== body.criticalFailed) problems.push('criticalFailed does not match the answers.');
  const expected = sectionScoreMap(result);
  if (canonicalJson(expected) !== canonicalJson(body.sections)) {
    problems.push('Section scores do not match the answers.');
  }
  for (const p of submissionProblems(
    body.scorecardDefinition,
    result,
    body.answers,
    body.itemComments,
    body.rootCauses ?? {},
  )) {
    problems.push(`Item "${p.itemId}": ${p.code}.`);
  }
  return problems;
}

/** A submission the card's rules refuse: the list says which item needs what. */
export class SubmissionRulesError extends Error {
  constructor(readonly problems: SubmissionProblem[]) {
    super(problems.map((p) => `Item "${p.itemId}": ${p.code}.`).join(' '));
    this.name = 'SubmissionRulesError';
  }
}

/**
 * Builds a revision body whose score fields come from computeScore; the only way the core creates one. Answers,
 * comments and causes of hidden items are dropped, and causes kept only on deductions, before the card's rules are
 * checked (SubmissionRulesError).
 */
export function buildEvaluationRevision(
  input: Omit<EvaluationRevision, 'total' | 'uncappedTotal' | 'criticalFailed' | 'sections' | 'scorecardDefinition'> & {
    scorecardDefinition: ScorecardDefinition;
  },
): EvaluationRevision {
  const result = computeScore(input.scorecardDefinition, input.answers);
  if (!result.complete) throw new ScoringError([`Unanswered items: ${result.unanswered.join(', ')}.`]);
  const kept = normaliseSubmission(result, input.answers, input.itemComments, input.rootCauses ?? {});
  const rules = submissionProblems(input.scorecardDefinition, result, kept.answers, kept.itemComments, kept.rootCauses);
  if (rules.length) throw new SubmissionRulesError(rules);
  return evaluationRevisionSchema.parse({
    ...input,
    answers: kept.answers,
    itemComments: kept.itemComments,
    // Left out when empty, so a card without causes writes the same body as before causes existed.
    rootCauses: Object.keys(kept.rootCauses).length ? kept.rootCauses : undefined,
    total: result.total,
    uncappedTotal: result.uncappedTotal,
    criticalFailed: result.criticalFailed,
    sections: sectionScoreMap(result),
  });
}
