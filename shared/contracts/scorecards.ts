import { z } from 'zod';
import {
  scorecardDraftDefinitionSchema,
  scorecardFileSchema,
  scorecardIdSchema,
  type ScorecardFile,
  type RootCause,
  type ScorecardItem,
  type ScorecardSection,
  type ScorecardStatus,
} from '../scorecard';
import { method } from './define';

/** An item as listed: `points` repeats maxPoints so scripts can read every level the same way. */
export type ScorecardListItem = ScorecardItem & { points: number };

/** One version of a card, flattened: its definition fields sit beside id, version and status. */
export interface ScorecardVersionView {
  id: string;
  version: number;
  status: ScorecardStatus;
  source: 'local' | 'server';
  name: string;
  channel: string;
  description: string;
  sections: (Omit<ScorecardSection, 'items'> & { items: ScorecardListItem[] })[];
  requireCommentOnDeduction?: boolean;
  rootCauses?: RootCause[];
  requireRootCause?: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** How many evaluations used this version. */
  evaluationCount: number;
}

const versionRef = z.object({ id: scorecardIdSchema, version: z.number().int().min(1) }).strict();

export const scorecardsContract = {
  'scorecards.list': method<ScorecardVersionView[]>()(
    z
      .object({
        status: z.enum(['draft', 'published']).optional(),
        /** Only the newest published version of each card (what a new evaluation would use). */
        latestOnly: z.boolean().optional(),
      })
      .strict(),
    'Every scorecard version with its sections and items (ids, names, points, kinds), newest first per card.',
  ),
  'scorecards.get': method<ScorecardVersionView>()(
    z.object({ id: scorecardIdSchema, version: z.number().int().min(1).optional() }).strict(),
    'One version of a card; without a version, the newest published one.',
  ),
  'scorecards.saveDraft': method<ScorecardVersionView>()(
    z.object({ id: scorecardIdSchema, definition: scorecardDraftDefinitionSchema }).strict(),
    "Create or update the card's draft version (published versions never change; a draft becomes version n+1).",
  ),
  'scorecards.publish': method<ScorecardVersionView>()(
    versionRef,
    'Publish a draft after checking it (sections add up to 100, items to their section, no empty section).',
  ),
  'scorecards.discardDraft': method<{ deleted: boolean }>()(versionRef, 'Delete a draft version.'),
  'scorecards.import': method<ScorecardVersionView>()(
    z.object({ file: scorecardFileSchema, publish: z.boolean().optional() }).strict(),
    'Import a card exported as JSON: it becomes the next draft version of its id (published at once if asked).',
  ),
  'scorecards.export': method<ScorecardFile>()(versionRef, 'A card version as the JSON file format.'),
};
