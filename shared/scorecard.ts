/**
 * The scorecard form: sections carrying points, items carrying points inside their section.
 * Used by the editor (renderer), the core (storage, seeding, import) and the server (scorecards pushed down by sync).
 * Points are kept as decimals with at most two places; shared/scoring.ts turns them into integer hundredths.
 */
import { z } from 'zod';
import { checkScorecard } from './scorecard-check';

export { hundredths } from './points';
export { checkScorecard, type ScorecardProblem, type ScorecardProblemCode } from './scorecard-check';

/** Stable ids, safe in JSON keys, file names and SQL values; chosen by the card's author, not generated. */
export const scorecardPartIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use 1–64 letters, digits, "_", "." or "-"');

export const scorecardIdSchema = scorecardPartIdSchema;

/** A points value with at most two decimals (0.5, 2.25); larger precision would make totals ambiguous. */
export const pointsSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'at most two decimals');

/**
 * points: 0..max in steps; yesno: all or nothing; critical: pass/fail gate worth 0 points; choice: one of a list of
 * answers, each with its own points (满意 / 基本满意 / 不满意).
 */
export const itemKinds = ['points', 'yesno', 'critical', 'choice'] as const;
export const itemKindSchema = z.enum(itemKinds);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** What a failed critical item zeroes: the whole evaluation (the industry default) or only its own section. */
export const criticalScopeSchema = z.enum(['total', 'section']);
export type CriticalScope = z.infer<typeof criticalScopeSchema>;

export const channels = ['phone', 'chat', 'store', 'self-service', 'other'] as const;
export const channelSchema = z.string().min(1).max(40);

/** Answers every item understands; a choice option may not take one of these ids. */
export const reservedAnswers: readonly string[] = ['na', 'pass', 'fail', 'full', 'deducted'];

export const choiceOptionSchema = z.object({
  id: scorecardPartIdSchema.refine(
    (id) => !reservedAnswers.includes(id),
    'na, pass, fail, full and deducted are reserved',
  ),
  label: z.string().trim().min(1).max(200),
  points: pointsSchema,
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

/**
 * Shows an item only when an earlier item was answered one of `answers`: an option id for a choice item, "pass" or
 * "fail" for yes/no and critical items, "full" or "deducted" for a points item, "na" for any that allows it.
 * A hidden item counts as N/A.
 */
export const itemConditionSchema = z.object({
  item: scorecardPartIdSchema,
  answers: z.array(scorecardPartIdSchema).min(1).max(20),
});
export type ItemCondition = z.infer<typeof itemConditionSchema>;

/** A reason a deduction happened (原因分类), chosen per deducted item from the card's list. */
export const rootCauseSchema = z.object({
  id: scorecardPartIdSchema,
  label: z.string().trim().min(1).max(100),
});
export type RootCause = z.infer<typeof rootCauseSchema>;

// Fields added after cards were first signed into evaluation bodies are optional without defaults: a body's hash is
// taken over the parsed card, so a default would change the hash of every card written before the field existed.
export const scorecardItemSchema = z.object({
  id: scorecardPartIdSchema,
  name: z.string().trim().min(1).max(200),
  kind: itemKindSchema,
  /** Points the item carries; 0 for critical items, which gate the score instead of adding to it. */
  maxPoints: pointsSchema,
  /** Granularity of a `points` answer (1 = whole points, 0.5 = halves). */
  step: pointsSchema.refine((v) => v > 0, 'must be above 0').default(1),
  allowNa: z.boolean().default(false),
  /** What the item checks. */
  description: z.string().max(2000).default(''),
  /** For the inspector: what earns and what loses marks. */
  guidance: z.string().max(4000).default(''),
  criticalScope: criticalScopeSchema.default('total'),
  /** The answers of a `choice` item, 2–10; the best carries the item's maxPoints. */
  options: z.array(choiceOptionSchema).max(10).optional(),
  showIf: itemConditionSchema.optional(),
  /** A deduction on this item needs a comment (the card's requireCommentOnDeduction asks it of every item). */
  requireComment: z.boolean().optional(),
});
export type ScorecardItem = z.infer<typeof scorecardItemSchema>;
export type ScorecardItemInput = z.input<typeof scorecardItemSchema>;

export const scorecardSectionSchema = z.object({
  id: scorecardPartIdSchema,
  name: z.string().trim().min(1).max(200),
  points: pointsSchema,
  description: z.string().max(2000).default(''),
  items: z.array(scorecardItemSchema).max(200),
});
export type ScorecardSection = z.infer<typeof scorecardSectionSchema>;

/**
 * Most sections a card may have. Reports keep each evaluation's section scores in that many positional columns, so
 * any period is one range scan (a join to one row per section made days-long ranges ten times slower); real cards
 * have four or five sections.
 */
export const MAX_SECTIONS = 12;

/** Structurally sound, but points need not add up yet: what the editor may keep as a draft. */
export const scorecardDraftDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  channel: channelSchema.default('phone'),
  description: z.string().max(4000).default(''),
  sections: z.array(scorecardSectionSchema).max(MAX_SECTIONS),
  /** Every deduction needs a comment saying what was heard. */
  requireCommentOnDeduction: z.boolean().optional(),
  /** The card's root-cause codes (原因分类) for deductions. */
  rootCauses: z.array(rootCauseSchema).max(50).optional(),
  /** Every deduction needs one of rootCauses. */
  requireRootCause: z.boolean().optional(),
});
export type ScorecardDefinition = z.infer<typeof scorecardDraftDefinitionSchema>;
export type ScorecardDefinitionInput = z.input<typeof scorecardDraftDefinitionSchema>;

/** A card that can be published and scored: structure plus every rule of checkScorecard. */
export const scorecardDefinitionSchema = scorecardDraftDefinitionSchema.superRefine((def, ctx) => {
  for (const problem of checkScorecard(def)) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
});

export const scorecardStatusSchema = z.enum(['draft', 'published']);
export type ScorecardStatus = z.infer<typeof scorecardStatusSchema>;

/** One stored version of a card. Published versions never change; editing makes the next version. */
export interface ScorecardVersion {
  id: string;
  version: number;
  status: ScorecardStatus;
  name: string;
  channel: string;
  definition: ScorecardDefinition;
  createdAt: string;
  publishedAt: string | null;
}

/** The JSON file a card is exported to and imported from. */
export const scorecardFileFormat = 'qa-inspector/scorecard@1';
export const scorecardFileSchema = z.object({
  format: z.literal(scorecardFileFormat),
  id: scorecardIdSchema,
  version: z.number().int().positive().optional(),
  definition: scorecardDraftDefinitionSchema,
});
export type ScorecardFile = z.infer<typeof scorecardFileSchema>;
