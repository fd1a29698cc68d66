/**
 * What `npm run server:admin` does, as functions over an open database so tests can call them too.
 * Every command writes an audit row in the same transaction as its change.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { decodeSpreadsheetText } from '../shared/decode-text';
import { scorecardFileSchema } from '../shared/scorecard';
import { audit, createUser, revokeTokens, type NewUser, type RevokeTarget, type Role } from './auth';
import type { Db } from './db';
import { setDisputePolicy } from './disputes/ingest';
import { importRoster, setSamplingTarget, type RosterRow } from './roster';
import { publishScorecard, type PublishOutcome } from './scorecards';

export async function addUser(db: Db, user: NewUser) {
  return db.transaction(async (tx) => {
    const created = await createUser(tx, user);
    await audit(tx, 'admin', 'add-user', {
      inspectorId: created.inspectorId,
      name: user.name,
      role: user.role,
      teams: user.teams ?? [],
      site: user.site ?? null,
      tokenId: created.tokenId,
    });
    return created;
  });
}

/** The first admin command, kept for scripts: an inspector or head-office user by name. */
export async function addInspector(db: Db, name: string, role: Role = 'inspector') {
  return addUser(db, { name, role });
}

export async function revoke(db: Db, target: RevokeTarget): Promise<number> {
  return db.transaction(async (tx) => {
    const count = await revokeTokens(tx, target);
    const what = 'token' in target ? { tokenHashOf: 'given token' } : target;
    await audit(tx, 'admin', 'revoke-token', { ...what, revoked: count });
    return count;
  });
}

export async function publishScorecardFile(db: Db, json: unknown): Promise<PublishOutcome> {
  const file = scorecardFileSchema.parse(json);
  const outcome = await publishScorecard(db, file.id, file.definition, file.version);
  await db.transaction((tx) => audit(tx, 'admin', 'publish-scorecard', outcome));
  return outcome;
}

/** A roster file's text (shared/decode-text.ts: UTF-8, UTF-16 with BOM, else GB18030, as Excel saves it). */
export const decodeCsv = (bytes: Buffer): string => decodeSpreadsheetText(bytes);

const headerNames: Record<keyof RosterRow, string[]> = {
  agentNo: ['agent_no', 'agentno', 'agent', '工号', '坐席工号'],
  name: ['name', '姓名', '坐席姓名'],
  team: ['team', '班组', '组别'],
  site: ['site', '站点', '分公司', '中心'],
};

/** Columns agent number, name, team, site — by header name when there is a header row, otherwise in that order. */
export function parseRosterCsv(text: string): RosterRow[] {
  const records = parseCsv(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  if (records.length === 0) return [];
  const first = records[0].map((c) => c.toLowerCase().replace(/\s+/g, ''));
  const index: Record<keyof RosterRow, number> = { agentNo: 0, name: 1, team: 2, site: 3 };
  let body = records;
  if (first.some((c) => headerNames.agentNo.includes(c))) {
    for (const key of Object.keys(headerNames) as (keyof RosterRow)[]) {
      index[key] = first.findIndex((c) => headerNames[key].includes(c));
    }
    body = records.slice(1);
  }
  const cell = (row: string[], key: keyof RosterRow) => (index[key] >= 0 ? (row[index[key]] ?? '').trim() : '');
  return body.map((row, i) => {
    const agentNo = cell(row, 'agentNo');
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(agentNo)) {
      throw new Error(`Row ${i + 1}: agent number "${agentNo}" must be 1–64 letters or digits.`);
    }
    return { agentNo, name: cell(row, 'name'), team: cell(row, 'team') || null, site: cell(row, 'site') || null };
  });
}

export async function importAgents(db: Db, rows: RosterRow[]) {
  return db.transaction(async (tx) => {
    const counts = await importRoster(tx, rows);
    await audit(tx, 'admin', 'import-agents', counts);
    return counts;
  });
}

export async function samplingTarget(db: Db, scope: string, calls: number) {
  if (!/^(all|team:.+|agent:.+)$/.test(scope)) throw new Error('--scope must be all, team:<id> or agent:<agent no>.');
  if (!Number.isInteger(calls) || calls < 0 || calls > 10000)
    throw new Error('--calls must be a whole number 0–10000.');
  await db.transaction(async (tx) => {
    await setSamplingTarget(tx, scope, calls);
    await audit(tx, 'admin', 'set-sampling-target', { scope, calls });
  });
  return { scope, callsPerMonth: calls };
}

export async function disputePolicyCommand(db: Db, windowDays: number, monthlyLimit: number) {
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365)
    throw new Error('--window-days must be a whole number 1–365.');
  if (!Number.isInteger(monthlyLimit) || monthlyLimit < 1 || monthlyLimit > 1000)
    throw new Error('--monthly-limit must be a whole number 1–1000.');
  await db.transaction(async (tx) => {
    await setDisputePolicy(tx, { windowDays, monthlyLimit });
    await audit(tx, 'admin', 'set-dispute-policy', { windowDays, monthlyLimit });
  });
  return { windowDays, monthlyLimit };
}
