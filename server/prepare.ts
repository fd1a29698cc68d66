import { builtInWarnings, ensureBuiltInScorecards } from './builtin-cards';
import type { Db } from './db';
import { migrateServer } from './migrate';
import { backfillScoreModes } from './score-modes';

/** What every server process and admin command does on opening the database: migrations, then the built-in cards. */
export async function prepareDatabase(db: Db): Promise<{ version: number; applied: number[]; warnings: string[] }> {
  const migration = await migrateServer(db);
  await backfillScoreModes(db);
  const warnings = builtInWarnings(await ensureBuiltInScorecards(db));
  return { ...migration, warnings };
}
