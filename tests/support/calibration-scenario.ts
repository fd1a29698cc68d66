/**
 * One calibration worked by hand, shared by the app's integration suite and the Chromium e2e: three inspectors score
 * the three sample calls S001–S003 on the shipped card, alike except for three items. Every figure the results show
 * is derived below from those answers, by a route independent of shared/calibration-math.ts (the sum-of-squares
 * form of α instead of the coincidence matrix).
 */
import type { Answers } from '../../shared/evaluation';
import { addUser, importAgents, publishScorecardFile } from '../../server/admin-commands';
import { defaultCard } from './sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from './sync-server';

const card = defaultCard();

/** Every item at full marks (critical items passed). */
export function fullMarks(): Answers {
  const answers: Answers = {};
  for (const s of card.definition.sections) {
    for (const i of s.items) answers[i.id] = i.kind === 'points' ? i.maxPoints : 'pass';
  }
  return answers;
}

export const inspectorKeys = ['a', 'b', 'c'] as const;
export type InspectorKey = (typeof inspectorKeys)[number];
export const inspectorNames: Record<InspectorKey, string> = { a: '质检员甲', b: '质检员乙', c: '质检员丙' };
export const callIds = ['S001', 'S002', 'S003'];

/**
 * The differences from full marks, per call:
 * - S001: 业务知识 (handling-knowledge, 15 points): 甲 15, 乙 12, 丙 9; 丙 marks 安抚 (attitude-soothe) N/A.
 * - S002: 应答 (opening-reply, yes/no, 1 point): 乙 fails it.
 * - S003: 问题诊断 (handling-diagnosis, 12 points): 乙 9.
 */
export function scenarioAnswers(who: InspectorKey, call: number): Answers {
  const a = fullMarks();
  if (call === 0) {
    a['handling-knowledge'] = { a: 15, b: 12, c: 9 }[who];
    if (who === 'c') a['attitude-soothe'] = 'na';
  }
  if (call === 1 && who === 'b') a['opening-reply'] = 'fail';
  if (call === 2 && who === 'b') a['handling-diagnosis'] = 9;
  return a;
}

/**
 * Totals: S001 甲 100, 乙 97 (handling 47), 丙 94 (handling 44; attitude 19 of the 19 left is 25);
 * S002 甲 100, 乙 99 (opening 4 of 5), 丙 100; S003 甲 100, 乙 97, 丙 100.
 */
export const expectedTotals: Record<InspectorKey, number[]> = {
  a: [100, 100, 100],
  b: [97, 99, 97],
  c: [94, 100, 100],
};

/**
 * Items with disagreement, most first (sd ÷ the item's points):
 * - S002 应答: 1, 0, 1 → mean 2/3 = 0.67, sd √((1/9 + 4/9 + 1/9)/2) = 0.577, ÷ 1 = .577
 * - S001 业务知识: 15, 12, 9 → mean 12, sd 3, range 9–15, ÷ 15 = .2
 * - S003 问题诊断: 12, 9, 12 → mean 11, sd √((1 + 4 + 1)/2) = 1.732, range 9–12, ÷ 12 = .144
 */
export const expectedTopItems = [
  { itemId: 'opening-reply', callId: 'S002', mean: 0.67, sd: Math.sqrt(1 / 3), min: 0, max: 1 },
  { itemId: 'handling-knowledge', callId: 'S001', mean: 12, sd: 3, min: 9, max: 15 },
  { itemId: 'handling-diagnosis', callId: 'S003', mean: 11, sd: Math.sqrt(3), min: 9, max: 12 },
];

/**
 * Alignment against the consensus (each item's mean): |deviation| summed over points and yes/no items, over the
 * points of the items valued (100 per call; 丙's N/A 安抚 leaves 94 of S001's).
 * 甲: 3 (S001 业务知识 15 vs 12) + 0.33 (S002 应答 1 vs 0.67) + 1 (S003 12 vs 11) = 4.33 of 300
 * 乙: 0 + 0.67 + 2 = 2.67 of 300;  丙: 3 + 0.33 + 1 = 4.33 of 294
 */
export const expectedAlignment: Record<InspectorKey, number> = {
  a: 1 - 4.33 / 300,
  b: 1 - 2.67 / 300,
  c: 1 - 4.33 / 294,
};

/**
 * α, interval (points items, values as shares of the item's points). 17 points items × 3 calls = 51 units; 丙's N/A
 * leaves n = 152 values: 149 ones, 0.8 and 0.6 (S001 业务知识 12 and 9 of 15), 0.75 (S003 问题诊断 9 of 12).
 * In sum-of-squares form α = 1 − (n − 1)/n · Σ_u [Σ_{i<j} (v_i − v_j)² / (m_u − 1)] / SS, with
 * Σ_u … = (0.2² + 0.4² + 0.2²)/2 + (0.25² + 0.25²)/2 = 0.12 + 0.0625 = 0.1825 and
 * SS = Σv² − (Σv)²/n = 150.5625 − 151.15²/152.
 * α, nominal (yes/no and critical items): 6 × 3 = 18 units, n = 54 values, one fail: α = 1 − 53 · 2 / (2 · 1 · 53) = 0.
 */
export const expectedAlpha = {
  interval: 1 - (151 / 152) * (0.1825 / (150.5625 - 151.15 ** 2 / 152)),
  nominal: 0,
};

export interface CalibrationServer {
  database: TestDatabase;
  server: ServerProcess;
  tokens: Record<'head' | InspectorKey, string>;
  ids: Record<'head' | InspectorKey, string>;
}

/** A head-office server with the shipped card published, the sample calls' agents, head office and three inspectors. */
export async function calibrationServer(): Promise<CalibrationServer> {
  const database = await createTestDatabase();
  const db = await database.open();
  const tokens = {} as CalibrationServer['tokens'];
  const ids = {} as CalibrationServer['ids'];
  const head = await addUser(db, { name: '总部质检', role: 'head_office' });
  tokens.head = head.token;
  ids.head = head.inspectorId;
  for (const k of inspectorKeys) {
    const user = await addUser(db, { name: inspectorNames[k], role: 'inspector' });
    tokens[k] = user.token;
    ids[k] = user.inspectorId;
  }
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await importAgents(
    db,
    ['8001', '8002', '8003', '8004', '8005', '8006'].map((agentNo, i) => ({
      agentNo,
      name: `坐席${agentNo}`,
      team: i < 3 ? '一组' : '二组',
      site: '武汉',
    })),
  );
  await db.close();
  return { database, server: await startServer(database), tokens, ids };
}
