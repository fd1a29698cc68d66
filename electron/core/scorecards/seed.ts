import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scorecardDefinitionSchema, scorecardFileSchema } from '../../../shared/scorecard';
import type { Logger } from '../logger';
import type { ScorecardRepository } from './repo';

/** The shipped cards: resources/scorecards in the source tree; main.ts passes the packaged location. */
export function defaultScorecardsDir(): string {
  return join(import.meta.dirname, '..', '..', '..', 'resources', 'scorecards');
}

/**
 * On first start (no scorecard at all) publishes every card shipped in `dir`, so the inspector can score at once.
 * A broken file is logged and skipped rather than stopping start-up.
 */
export function seedScorecards(repo: ScorecardRepository, dir: string, logger: Logger): number {
  if (repo.count() > 0) return 0;
  if (!existsSync(dir)) {
    logger.error(`no shipped scorecards found at ${dir}`);
    return 0;
  }
  let seeded = 0;
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    try {
      const file = scorecardFileSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      const definition = scorecardDefinitionSchema.parse(file.definition);
      if (repo.insertPublished(file.id, file.version ?? 1, definition, 'local')) seeded++;
    } catch (error) {
      logger.error(`shipped scorecard ${name} is invalid and was skipped`, error);
    }
  }
  return seeded;
}
