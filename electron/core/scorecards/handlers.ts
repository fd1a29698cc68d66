import type { scorecardsContract } from '../../../shared/contracts/scorecards';
import { checkScorecard, scorecardFileFormat } from '../../../shared/scorecard';
import type { CoreContext, HandlersFor } from '../context';
import { AppError } from '../errors';
import { ScorecardRepository } from './repo';
import { defaultScorecardsDir, seedScorecards } from './seed';

function problemsMessage(problems: { message: string }[]): string {
  return `The scorecard cannot be published: ${problems.map((p) => p.message).join(' ')}`;
}

/** Also seeds the shipped cards on first start, so a fresh install can score at once. */
export function createScorecardHandlers(
  ctx: CoreContext,
  options: { seedDir?: string } = {},
): HandlersFor<keyof typeof scorecardsContract> {
  const repo = new ScorecardRepository(ctx.db);
  const seeded = seedScorecards(repo, options.seedDir ?? defaultScorecardsDir(), ctx.logger);
  if (seeded) ctx.logger.info(`published ${seeded} shipped scorecard(s)`);
  const mustGet = (id: string, version?: number) => {
    const card = repo.get(id, version);
    if (!card) {
      throw new AppError(
        'not_found',
        version ? `Scorecard ${id} v${version} does not exist.` : `No published scorecard ${id}.`,
      );
    }
    return card;
  };

  const publish = (id: string, version: number) => {
    const stored = repo.definition(id, version);
    if (!stored) throw new AppError('not_found', `Scorecard ${id} v${version} does not exist.`);
    if (stored.status === 'published')
      throw new AppError('conflict', `Scorecard ${id} v${version} is already published.`);
    const problems = checkScorecard(stored.definition);
    if (problems.length) throw new AppError('invalid_input', problemsMessage(problems));
    // A version identical to the one in use would only split the reports between two versions of the same card.
    const last = repo.latestPublishedDefinition(id);
    if (last && JSON.stringify(last.definition) === JSON.stringify(stored.definition))
      throw new AppError('conflict', `Scorecard ${id} v${version} is identical to published v${last.version}.`);
    repo.publish(id, version);
    return mustGet(id, version);
  };

  return {
    'scorecards.list': ({ status, latestOnly }) => {
      let cards = repo.list();
      if (status) cards = cards.filter((c) => c.status === status);
      if (latestOnly) {
        const seen = new Set<string>();
        cards = cards.filter((c) => c.status === 'published' && !seen.has(c.id) && (seen.add(c.id), true));
      }
      return cards;
    },
    'scorecards.get': ({ id, version }) => mustGet(id, version),
    'scorecards.saveDraft': ({ id, definition }) => mustGet(id, repo.saveDraft(id, definition)),
    'scorecards.publish': ({ id, version }) => publish(id, version),
    'scorecards.discardDraft': ({ id, version }) => ({ deleted: repo.discardDraft(id, version) }),
    'scorecards.import': ({ file, publish: andPublish }) => {
      if (andPublish) {
        const problems = checkScorecard(file.definition);
        if (problems.length) throw new AppError('invalid_input', problemsMessage(problems));
      }
      const version = repo.saveDraft(file.id, file.definition);
      return andPublish ? publish(file.id, version) : mustGet(file.id, version);
    },
    'scorecards.export': ({ id, version }) => {
      const stored = repo.definition(id, version);
      if (!stored) throw new AppError('not_found', `Scorecard ${id} v${version} does not exist.`);
      return { format: scorecardFileFormat, id, version, definition: stored.definition };
    },
  };
}
