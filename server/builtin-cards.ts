/**
 * The scorecards the app ships (resources/scorecards), published on the server too: an inspector's first sync on
 * the built-in card is then accepted without head office publishing anything. Same id, version and canonical
 * content as the app seeds (electron/core/scorecards/seed.ts), hence the same hash. A different card already
 * published under that id and version is never overwritten; it is reported instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../shared/evaluation';
import { scorecardDefinitionSchema, scorecardFileSchema } from '../shared/scorecard';
import type { Db } from './db';
import { publishScorecard } from './scorecards';

export const builtInScorecardsDir = join(import.meta.dirname, '..', 'resources', 'scorecards');

export interface BuiltInOutcome {
  file: string;
  id: string;
  version: number;
  status: 'published' | 'unchanged' | 'differs' | 'invalid';
}

export async function ensureBuiltInScorecards(db: Db, dir = builtInScorecardsDir): Promise<BuiltInOutcome[]> {
  if (!existsSync(dir)) return [];
  const outcomes: BuiltInOutcome[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let parsed;
    try {
      parsed = scorecardFileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    } catch {
      outcomes.push({ file, id: '', version: 0, status: 'invalid' });
      continue;
    }
    const version = parsed.version ?? 1;
    const definition = scorecardDefinitionSchema.parse(parsed.definition);
    const [existing] = await db.query<{ definition_json: string }>(
      'SELECT definition_json FROM scorecards WHERE id = $1 AND version = $2',
      [parsed.id, version],
    );
    if (existing) {
      const same = existing.definition_json === canonicalJson(definition);
      outcomes.push({ file, id: parsed.id, version, status: same ? 'unchanged' : 'differs' });
      continue;
    }
    try {
      const outcome = await publishScorecard(db, parsed.id, definition, version);
      outcomes.push({ file, id: parsed.id, version, status: outcome.status });
    } catch {
      // Another server process published it between our read and our insert: read again what won.
      const [now] = await db.query<{ definition_json: string }>(
        'SELECT definition_json FROM scorecards WHERE id = $1 AND version = $2',
        [parsed.id, version],
      );
      const same = now?.definition_json === canonicalJson(definition);
      outcomes.push({ file, id: parsed.id, version, status: same ? 'unchanged' : 'differs' });
    }
  }
  return outcomes;
}

/** What to log about built-in cards that could not be published as shipped. */
export function builtInWarnings(outcomes: BuiltInOutcome[]): string[] {
  return outcomes
    .filter((o) => o.status === 'differs' || o.status === 'invalid')
    .map((o) =>
      o.status === 'differs'
        ? `Built-in scorecard ${o.id} version ${o.version} (${o.file}) differs from the one published on this server; kept the published one. Inspectors scoring with the app's built-in card will be refused (card_differs) until head office publishes a new version.`
        : `Built-in scorecard file ${o.file} is invalid and was not published.`,
    );
}
