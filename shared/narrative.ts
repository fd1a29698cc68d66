/**
 * The lead's narrative of a monthly report (五、问题与改进): per scorecard section the problems found, with quotes
 * picked from the inspectors' comments of the month (each keeps its evaluation's id, so it opens that evaluation),
 * the knowledge points that need training, improvement measures and next month's focus. One narrative per team and
 * month; the lead's app pushes each edit to head office, which keeps the latest to arrive and sends it down to the
 * team's lead, its site and head office.
 */
import { z } from 'zod';
import { scorecardPartIdSchema } from './scorecard';
import { instantSchema, realDateSchema, safeLabel, safeText } from './text';
import { monthSchema, teamIdSchema } from './report';

export const narrativeQuoteSchema = z
  .object({
    evaluationId: z.uuid(),
    /** The item the comment was written on; null for the evaluation's overall comment. */
    itemId: scorecardPartIdSchema.nullable(),
    itemName: safeText(200),
    text: safeLabel(2000),
    agentNo: safeText(64),
    agentName: safeText(200),
    /** The call's day. */
    day: realDateSchema,
  })
  .strict();
export type NarrativeQuote = z.infer<typeof narrativeQuoteSchema>;

export const narrativeSectionSchema = z
  .object({
    sectionId: scorecardPartIdSchema,
    /** The section's name when written (the card may be renamed later; the paper keeps what the lead saw). */
    name: safeText(200),
    problems: safeText(4000),
    quotes: z.array(narrativeQuoteSchema).max(30),
  })
  .strict();
export type NarrativeSection = z.infer<typeof narrativeSectionSchema>;

export const narrativeBodySchema = z
  .object({
    sections: z.array(narrativeSectionSchema).max(12),
    /** 需培训的知识点. */
    training: safeText(4000),
    /** 改进措施. */
    measures: safeText(4000),
    /** 下月工作重点, in the lead's words. */
    nextFocus: safeText(4000),
    /**
     * Tracked focus items (改进重点, issue 18's coaching.* ids) this month's focus refers to: kept and synced with the
     * text; the report shows them through coaching.list once that feature is in the app.
     */
    focusItemIds: z.array(z.uuid()).max(50),
  })
  .strict();
export type NarrativeBody = z.infer<typeof narrativeBodySchema>;

export const emptyNarrative = (): NarrativeBody => ({
  sections: [],
  training: '',
  measures: '',
  nextFocus: '',
  focusItemIds: [],
});

/** Nothing written: such a narrative is not printed. */
export function isEmptyNarrative(b: NarrativeBody): boolean {
  return (
    !b.training.trim() &&
    !b.measures.trim() &&
    !b.nextFocus.trim() &&
    b.focusItemIds.length === 0 &&
    b.sections.every((s) => !s.problems.trim() && s.quotes.length === 0)
  );
}

/** Most narrative edits one push carries. */
export const MAX_NARRATIVE_PUSH = 50;

/** One edit: the whole narrative as the lead left it; `changeId` makes a repeated push a duplicate. */
export const narrativePushItemSchema = z
  .object({
    changeId: z.uuid(),
    teamId: teamIdSchema,
    month: monthSchema,
    body: narrativeBodySchema,
  })
  .strict();
export type NarrativePushItem = z.infer<typeof narrativePushItemSchema>;

export const narrativePushSchema = z
  .object({ items: z.array(narrativePushItemSchema).min(1).max(MAX_NARRATIVE_PUSH) })
  .strict();

export const narrativePushResultSchema = z.object({
  changeId: z.string(),
  status: z.enum(['stored', 'duplicate', 'forbidden']),
  reason: z.string().optional(),
});
export type NarrativePushResult = z.infer<typeof narrativePushResultSchema>;
export const narrativePushResponseSchema = z.object({ results: z.array(narrativePushResultSchema) });

/** The narrative of a team and month as head office holds it, to the team's lead, its site and head office. */
export const narrativeChangeSchema = z.object({
  kind: z.literal('narrative'),
  changeId: z.uuid(),
  teamId: safeText(100, 1),
  site: safeText(200).nullable(),
  month: monthSchema,
  body: narrativeBodySchema,
  authorName: safeText(200),
  /** When head office stored it (its clock). */
  updatedAt: instantSchema,
});
export type NarrativeChange = z.infer<typeof narrativeChangeSchema>;

/**
 * local: written here without sync set up; pending: waiting to reach head office; synced: head office holds it as
 * shown; refused: head office refused the edit (not this user's team), kept here with the reason.
 */
export type NarrativeSyncState = 'local' | 'pending' | 'synced' | 'refused';

export interface NarrativeView {
  teamId: string;
  teamName: string;
  month: string;
  body: NarrativeBody;
  /** Who wrote the version shown; '' before anything is written. */
  authorName: string;
  updatedAt: string | null;
  /** Whether this app's user may write it (the team's lead; head office; anyone while sync is not set up). */
  editable: boolean;
  sync: NarrativeSyncState;
}

/** A comment of the month that can be quoted: an item comment or an overall comment, with its evaluation. */
export interface QuoteCandidate extends NarrativeQuote {
  sectionId: string | null;
  sectionName: string;
}
