/**
 * A head office with an inspector, team leads and head-office users, the roster (一组 and 二组 in 武汉), and a real
 * server process; desktop cores for each user, configured against it (or a fault proxy in front of it). What the
 * dispute suites share: the evaluation's answers are full marks but for two items the lead can dispute.
 */
import { addUser, disputePolicyCommand, importAgents, publishScorecardFile } from '../../server/admin-commands';
import type { Core } from '../../electron/core/core';
import type { Answers } from '../../shared/evaluation';
import type { ScorecardDefinition } from '../../shared/scorecard';
import { defaultCard, openClient } from './sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from './sync-server';
import { makeTempDir } from './temp';

export const card = defaultCard();
export const TEAM_1 = '武汉/一组';
export const TEAM_2 = '武汉/二组';

/** Full marks but 安抚 (3 of 6) and 等待用语 (2 of 5): the two items below full points. */
export function disputableAnswers(def: ScorecardDefinition = card.definition): Answers {
  const answers: Answers = {};
  for (const s of def.sections) {
    for (const i of s.items) answers[i.id] = i.kind === 'points' ? i.maxPoints : 'pass';
  }
  return { ...answers, 'attitude-soothe': 3, 'phrasing-hold': 2 };
}

export type UserKey = 'inspector' | 'lead' | 'lead2' | 'headOffice';

export interface DisputeWorld {
  database: TestDatabase;
  server: ServerProcess;
  tokens: Record<UserKey, string>;
  ids: Record<UserKey, string>;
  /** Restarts the server on the same port (e.g. after changing its database while it was stopped). */
  restart(kill?: boolean, change?: (db: Awaited<ReturnType<TestDatabase['open']>>) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function disputeWorld(
  policy: { windowDays: number; monthlyLimit: number } = { windowDays: 7, monthlyLimit: 3 },
): Promise<DisputeWorld> {
  const database = await createTestDatabase();
  const db = await database.open();
  const tokens = {} as Record<UserKey, string>;
  const ids = {} as Record<UserKey, string>;
  const users: [UserKey, Parameters<typeof addUser>[1]][] = [
    ['inspector', { name: '质检员张三', role: 'inspector' }],
    ['lead', { name: '王组长', role: 'lead', teams: [TEAM_1] }],
    ['lead2', { name: '李组长', role: 'lead', teams: [TEAM_2] }],
    ['headOffice', { name: '总部质检', role: 'head_office' }],
  ];
  for (const [key, user] of users) {
    const created = await addUser(db, user);
    tokens[key] = created.token;
    ids[key] = created.inspectorId;
  }
  await importAgents(db, [
    { agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' },
    { agentNo: 'A002', name: '李强', team: '一组', site: '武汉' },
    { agentNo: 'B001', name: '刘洋', team: '二组', site: '武汉' },
    // the bundled sample calls' agents
    { agentNo: '8001', name: '张敏', team: '一组', site: '武汉' },
    { agentNo: '8002', name: '李强', team: '一组', site: '武汉' },
  ]);
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await disputePolicyCommand(db, policy.windowDays, policy.monthlyLimit);
  await db.close();
  const world: DisputeWorld = {
    database,
    server: await startServer(database),
    tokens,
    ids,
    restart: async (kill = false, change) => {
      const port = world.server.port;
      await world.server.stop(kill ? 'SIGKILL' : 'SIGTERM');
      if (change) {
        const open = await database.open();
        await change(open);
        await open.close();
      }
      world.server = await startServer(database, { port });
    },
    stop: async () => {
      await world.server.stop('SIGKILL');
      await database.cleanup();
    },
  };
  return world;
}

export interface Device {
  core: Core;
  dir: string;
  close(): void;
}

/** A desktop core for `user`, configured against `url` (the server, or a proxy in front of it). */
export async function device(world: DisputeWorld, user: UserKey, url = world.server.url): Promise<Device> {
  const temp = makeTempDir(`qa-dispute-${user}-`);
  const core = openClient(temp.dir);
  await core.call('sync.configure', { serverUrl: url, token: world.tokens[user] });
  return {
    core,
    dir: temp.dir,
    close: () => {
      core.close();
      temp.cleanup();
    },
  };
}

/** The error a refused call throws, as `{code, reason}`. */
export async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; reason?: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; reason?: string };
    return { code: e.code, reason: e.reason };
  }
  throw new Error('expected the call to be refused');
}
