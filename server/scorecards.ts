import { canonicalJson } from '../shared/evaluation';
import { scorecardDefinitionSchema, type ScorecardDefinition } from '../shared/scorecard';
import type { Db, Queryable } from './db';
import { reserveVersions } from './versions';

/** Published versions never change, so once read they can be cached for the life of the process. */
export class ScorecardCache {
  private readonly known = new Map<string, string>();
  constructor(private readonly db: Queryable) {}

  /** Canonical JSON of the published definition, or null when that version is not published (not cached). */
  async get(id: string, version: number): Promise<string | null> {
    const key = `${id}@${version}`;
    const hit = this.known.get(key);
    if (hit !== undefined) return hit;
    const [row] = await this.db.query<{ definition_json: string }>(
      'SELECT definition_json FROM scorecards WHERE id = $1 AND version = $2',
      [id, version],
    );
    if (!row) return null;
    this.known.set(key, row.definition_json);
    return row.definition_json;
  }
}

export type PublishOutcome = { id: string; version: number; status: 'published' | 'unchanged' };

/**
 * Publishes a definition as the next version of card `id` (or as the given version, which must be new — or
 * identical, so re-running the same command is harmless).
 */
export async function publishScorecard(
  db: Db,
  id: string,
  definition: ScorecardDefinition,
  version?: number,
): Promise<PublishOutcome> {
  const parsed = scorecardDefinitionSchema.parse(definition);
  const json = canonicalJson(parsed);
  return db.transaction(async (tx) => {
    if (version !== undefined) {
      const [existing] = await tx.query<{ definition_json: string }>(
        'SELECT definition_json FROM scorecards WHERE id = $1 AND version = $2',
        [id, version],
      );
      if (existing) {
        if (existing.definition_json === json) return { id, version, status: 'unchanged' as const };
        throw new Error(
          `Scorecard ${id} version ${version} is already published with other content; versions never change.`,
        );
      }
    }
    const [latest] = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM scorecards WHERE id = $1', [
      id,
    ]);
    const next = version ?? (latest?.v ?? 0) + 1;
    const serverVersion = await reserveVersions(tx, 1);
    await tx.query('INSERT INTO scorecards (id, version, definition_json, server_version) VALUES ($1, $2, $3, $4)', [
      id,
      next,
      json,
      serverVersion,
    ]);
    return { id, version: next, status: 'published' as const };
  });
}
