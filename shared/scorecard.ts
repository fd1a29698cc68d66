/**
 * The scorecard form: sections carrying points, items carrying points inside their section.
 * Used by the editor (renderer), the core (storage, seeding, import) and the server (scorecards pushed down by sync).
 * Points are kept as decimals with at most two places; shared/scoring.ts turns them into integer hundredths.
 */
import { z } from 'zod';

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

export const itemKinds = ['points', 'yesno', 'critical'] as const;
export const itemKindSchema = z.enum(itemKinds);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** What a failed critical item zeroes: the whole evaluation (the industry default) or only its own section. */
export const criticalScopeSchema = z.enum(['total', 'section']);
export type CriticalScope = z.infer<typeof criticalScopeSchema>;

export const channels = ['phone', 'chat', 'store', 'self-service', 'other'] as const;
export const channelSchema = z.string().min(1).max(40);

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
});
export type ScorecardDefinition = z.infer<typeof scorecardDraftDefinitionSchema>;
export type ScorecardDefinitionInput = z.input<typeof scorecardDraftDefinitionSchema>;

export type ScorecardProblemCode =
  | 'no_sections'
  | 'empty_section'
  | 'duplicate_section_id'
  | 'duplicate_item_id'
  | 'total_not_100'
  | 'items_do_not_add_up'
  | 'critical_has_points'
  | 'scoring_item_without_points'
  | 'step_above_max'
  | 'section_scope_without_points';

export interface ScorecardProblem {
  code: ScorecardProblemCode;
  /** Where in the definition, e.g. ['sections', 1, 'items', 2]. */
  path: (string | number)[];
  message: string;
  params?: Record<string, string | number>;
}

export const hundredths = (points: number): number => Math.round(points * 100);
const fmt = (h: number): string => (h / 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * Everything a card needs before it can be published: sections add up to 100, each section's items add up to the
 * section, no empty section, unique ids. Returned as a list so the editor can show all problems at once.
 */
export function checkScorecard(def: ScorecardDefinition): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  const add = (p: ScorecardProblem) => problems.push(p);
  if (def.sections.length === 0) {
    add({ code: 'no_sections', path: ['sections'], message: 'A scorecard needs at least one section.' });
  }
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  let totalH = 0;
  def.sections.forEach((section, s) => {
    const at = ['sections', s];
    totalH += hundredths(section.points);
    if (sectionIds.has(section.id)) {
      add({
        code: 'duplicate_section_id',
        path: [...at, 'id'],
        message: `Section id "${section.id}" is used twice.`,
        params: { id: section.id },
      });
    }
    sectionIds.add(section.id);
    if (section.items.length === 0) {
      add({
        code: 'empty_section',
        path: at,
        message: `Section "${section.name}" has no items.`,
        params: { section: section.name },
      });
    }
    let itemsH = 0;
    let hasCriticalSectionScope = false;
    section.items.forEach((item, i) => {
      const itemAt = [...at, 'items', i];
      if (itemIds.has(item.id)) {
        add({
          code: 'duplicate_item_id',
          path: [...itemAt, 'id'],
          message: `Item id "${item.id}" is used twice.`,
          params: { id: item.id },
        });
      }
      itemIds.add(item.id);
      if (item.kind === 'critical') {
        if (hundredths(item.maxPoints) !== 0) {
          add({
            code: 'critical_has_points',
            path: [...itemAt, 'maxPoints'],
            message: `Critical item "${item.name}" must carry 0 points; it gates the score instead.`,
            params: { item: item.name },
          });
        }
        if (item.criticalScope === 'section') hasCriticalSectionScope = true;
        return;
      }
      itemsH += hundredths(item.maxPoints);
      if (hundredths(item.maxPoints) === 0) {
        add({
          code: 'scoring_item_without_points',
          path: [...itemAt, 'maxPoints'],
          message: `Item "${item.name}" carries no points.`,
          params: { item: item.name },
        });
      } else if (item.kind === 'points' && hundredths(item.step) > hundredths(item.maxPoints)) {
        add({
          code: 'step_above_max',
          path: [...itemAt, 'step'],
          message: `Item "${item.name}": the step is larger than the item's points.`,
          params: { item: item.name },
        });
      }
    });
    if (section.items.length > 0 && itemsH !== hundredths(section.points)) {
      add({
        code: 'items_do_not_add_up',
        path: [...at, 'points'],
        message: `Items in "${section.name}" add up to ${fmt(itemsH)}, the section has ${fmt(hundredths(section.points))}.`,
        params: { section: section.name, items: fmt(itemsH), points: fmt(hundredths(section.points)) },
      });
    }
    if (hasCriticalSectionScope && hundredths(section.points) === 0) {
      add({
        code: 'section_scope_without_points',
        path: at,
        message: `Section "${section.name}" has no points, so a critical item limited to it would change nothing.`,
        params: { section: section.name },
      });
    }
  });
  if (def.sections.length > 0 && totalH !== 10000) {
    add({
      code: 'total_not_100',
      path: ['sections'],
      message: `Sections add up to ${fmt(totalH)}, not 100.`,
      params: { total: fmt(totalH) },
    });
  }
  return problems;
}

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
