/** The lead's narrative of the monthly report (shared/narrative.ts): read, autosave, and the quotes to pick from. */
import { z } from 'zod';
import { narrativeBodySchema, type NarrativeView, type QuoteCandidate } from '../narrative';
import { monthSchema, teamIdSchema } from '../report';
import { method } from './define';

const teamMonth = { team: teamIdSchema, month: monthSchema };

export const narrativesContract = {
  'narratives.get': method<NarrativeView>()(
    z.object(teamMonth).strict(),
    "A team's narrative for a month (empty when nothing is written yet) and whether this user may write it.",
  ),
  'narratives.save': method<NarrativeView>()(
    z.object({ ...teamMonth, body: narrativeBodySchema }).strict(),
    "Save the team's narrative for the month (the page autosaves); it is synced to head office.",
  ),
  'narratives.quotes': method<{ quotes: QuoteCandidate[] }>()(
    z.object(teamMonth).strict(),
    "The inspectors' comments on the team's evaluations of the month, each with its evaluation: what a narrative " +
      'quotes.',
  ),
};
