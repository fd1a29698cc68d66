/**
 * Pulled roster changes: the server re-sends only rows that changed, the client applies a page and its cursor
 * together (all or nothing), and an agent that arrives before its team does not break the pull.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncRepository } from '../../electron/core/sync/repo';
import { importAgents } from '../../server/admin-commands';
import type { Principal } from '../../server/auth';
import type { Db } from '../../server/db';
import { pullPage } from '../../server/pull';
import type { Change } from '../../shared/sync';
import { openClient } from '../support/sync-client';
import { createTestDatabase, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-sync-pull-apply-');
const client = openClient(temp.dir);
const repo = new SyncRepository(client.db, client.context.reports);
let database: TestDatabase;
let db: Db;
const headOffice: Principal = {
  tokenId: 't',
  inspectorId: 'ho',
  name: '总部',
  role: 'head_office',
  teams: [],
  site: null,
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = await database.open();
}, 60_000);

afterAll(async () => {
  await db?.close();
  await database?.cleanup();
  client.close();
  temp.cleanup();
});

const agentRow = (agentNo: string) =>
  client.db.prepare('SELECT name, team_id AS teamId, site FROM agents WHERE agent_no = ?').get(agentNo);

describe('pulling the roster', () => {
  it('re-importing an unchanged roster sends nothing again; a changed row is sent once more', async () => {
    const roster = [
      { agentNo: 'B001', name: '张伟', team: '一组', site: '杭州' },
      { agentNo: 'B002', name: '李娜', team: '二组', site: '宁波' },
    ];
    await importAgents(db, roster);
    const first = await pullPage(db, headOffice, '0', 100);
    // the dispute policy (made by the migration) comes first, once
    expect(first.changes.map((c) => c.kind)).toEqual(['dispute_policy', 'team', 'team', 'agent', 'agent']);
    await importAgents(db, roster);
    expect((await pullPage(db, headOffice, first.cursor, 100)).changes).toEqual([]);
    await importAgents(db, [
      roster[0],
      { ...roster[1], name: '李娜娜' },
      { agentNo: 'B003', name: '王芳', team: '二组', site: '宁波' },
    ]);
    const next = await pullPage(db, headOffice, first.cursor, 100);
    expect(next.changes.map((c) => ('agentNo' in c ? c.agentNo : c.kind))).toEqual(['B002', 'B003']);
    // every agent's team was sent before the agent
    const all = (await pullPage(db, headOffice, '0', 100)).changes;
    const seen = new Set<string>();
    for (const c of all) {
      if (c.kind === 'team') seen.add(c.id);
      if (c.kind === 'agent' && c.teamId) expect(seen.has(c.teamId), c.agentNo).toBe(true);
    }
  });

  it('applies an agent whose team comes in a later page, then fills the team in', () => {
    repo.applyPage(
      [{ kind: 'agent', agentNo: 'C001', name: '赵磊', teamId: '苏州/三组', site: '苏州', active: true }],
      '7',
    );
    expect(agentRow('C001')).toEqual({ name: '赵磊', teamId: '苏州/三组', site: '苏州' });
    repo.applyPage([{ kind: 'team', id: '苏州/三组', name: '三组', site: '苏州' }], '9');
    expect(client.db.prepare("SELECT name, site FROM teams WHERE id = '苏州/三组'").get()).toEqual({
      name: '三组',
      site: '苏州',
    });
    expect(repo.state().cursor).toBe('9');
  });

  it('applies a page and its cursor together: a page that fails part-way leaves both untouched', () => {
    const page: Change[] = [
      { kind: 'agent', agentNo: 'C002', name: '钱多', teamId: null, site: null, active: true },
      { kind: 'sampling_target', scope: 'all', callsPerMonth: -1 }, // refused by the table's CHECK
    ];
    expect(() => repo.applyPage(page, '12')).toThrow();
    expect(agentRow('C002')).toBeUndefined();
    expect(repo.state().cursor).toBe('9');
  });
});
