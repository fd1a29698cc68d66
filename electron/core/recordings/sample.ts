import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors';
import type { RosterAgent } from './agents-repo';
import { decodeText } from './manifest';

/**
 * The bundled sample calls: `resources/sample` in the source tree (two levels above the bundle in a build), or
 * QA_SAMPLE_DIR, which Electron's main sets to the packaged resources folder.
 */
export function sampleDir(): string {
  const candidates = [
    process.env.QA_SAMPLE_DIR,
    join(import.meta.dirname, '..', '..', '..', 'resources', 'sample'),
    join(import.meta.dirname, '..', 'resources', 'sample'),
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(join(c, 'manifest.csv')));
  if (!found) throw new AppError('unavailable', 'The sample recordings are not installed with this copy of the app.');
  return found;
}

/** agents.csv: 工号, 姓名, 班组编号, 班组 (agent number, name, team id, team name). */
export function readSampleRoster(dir: string): RosterAgent[] {
  const path = join(dir, 'agents.csv');
  if (!existsSync(path)) return [];
  const records: string[][] = parse(decodeText(readFileSync(path)), { skip_empty_lines: true, trim: true });
  return records.slice(1).map(([agentNo, name, teamId, teamName]) => ({ agentNo, name, teamId, teamName }));
}
