/**
 * callbacks.import: a call-back file into the database in one transaction (all its good rows or, on a fault,
 * nothing), each new call-back queued for head office. Rows already held are duplicates; a row with a call-back
 * number (回访编号) held with other content is a correction and replaces it.
 */
import { randomUUID } from 'node:crypto';
import { callbackHash, callbackRecordSchema, type CallbackImportResult } from '../../../shared/callbacks';
import type { CoreContext } from '../context';
import { parseCallbackRows } from './parse';
import { readCallbackFile } from './read-file';
import type { CallbackRepository } from './repo';

export async function importCallbacks(
  ctx: CoreContext,
  repo: CallbackRepository,
  input: { path: string; site?: string },
): Promise<CallbackImportResult> {
  const rows = await readCallbackFile(input.path);
  const site = input.site ?? ctx.identity.get()?.site ?? null;
  const { records, failed } = parseCallbackRows(rows, site);
  const held = repo.held(records.map((r) => r.record.id));
  const seen = new Set<string>();
  const imported: typeof records = [];
  let duplicates = 0;
  for (const r of records) {
    // Checked as head office will check it: what the file parser let through must never be refused later.
    if (!callbackRecordSchema.safeParse(r.record).success) {
      failed.push({ row: r.row, error: 'too_long' });
      continue;
    }
    const before = held.get(r.record.id);
    // Under a content id the same id is the same call-back (only the site chosen at import can differ); under a
    // call-back number other content is a correction.
    const same = before && (!r.byRef || before.hash === callbackHash(r.record));
    if (seen.has(r.record.id) || same) duplicates++;
    else imported.push(r);
    seen.add(r.record.id);
  }
  ctx.db.transaction(() => repo.putOwn(imported, randomUUID()))();
  failed.sort((a, b) => a.row - b.row);
  return {
    imported: imported.length,
    duplicates,
    failed,
    linked: repo.linked(imported.map((r) => r.record.id)),
  };
}
