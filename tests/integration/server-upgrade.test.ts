/**
 * A server upgraded in place: data stored by the first schema (roles inspector and head office, revisions whose body
 * still holds the card, no call context) is pulled, reported and listed after migration 002 like new data; and a
 * fresh server already knows the app's built-in scorecard, so an inspector's first sync on it is accepted, while a
 * different card published under the same id and version is kept (and reported), never overwritten.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { addInspector, importAgents } from '../../server/admin-commands';
import { buildServer } from '../../server/app';
import { ensureBuiltInScorecards } from '../../server/builtin-cards';
import type { Db } from '../../server/db';
import { migrateServer, serverMigrationsDir } from '../../server/migrate';
import { canonicalJson } from '../../shared/evaluation';
import {
  evaluationChangeSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  revisionHistorySchema,
  type PullPage,
} from '../../shared/sync';
import type { AgentComparison } from '../../shared/report';
import { seededRandom } from '../support/fault-proxy';
import { makeItem } from '../support/revisions';
import { defaultCard } from '../support/sync-client';
import { createTestDatabase, startServer } from '../support/sync-server';

const card = defaultCard();
const random = seededRandom(18);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function inject(app: FastifyInstance, token: string, url: string, payload?: unknown) {
  const res = await app.inject({
    method: payload ? 'POST' : 'GET',
    url,
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
    ...(payload ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, json: res.json() as Record<string, unknown> };
}

/** A database migrated to the first schema only, as a server before this change left it. */
async function firstSchemaDatabase(): Promise<Db> {
  const database = await createTestDatabase();
  cleanups.push(() => database.cleanup());
  // createTestDatabase migrates fully: start again from an empty database
  if (database.config.dataDir) rmSync(database.config.dataDir, { recursive: true, force: true });
  const db = await database.open();
  cleanups.push(() => db.close());
  if (database.config.databaseUrl) {
    await db.query('DROP SCHEMA public CASCADE');
    await db.query('CREATE SCHEMA public');
  }
  const onlyFirst = mkdtempSync(join(tmpdir(), 'qa-migrations-'));
  cleanups.push(() => rmSync(onlyFirst, { recursive: true, force: true }));
  cpSync(join(serverMigrationsDir, '001_init.sql'), join(onlyFirst, '001_init.sql'));
  await migrateServer(db, onlyFirst);
  return db;
}

describe('upgrading a server in place', () => {
  it('pulls, reports and lists revisions stored under the first schema', async () => {
    const db = await firstSchemaDatabase();
    const inspectorId = 'old-inspector';
    // what the first schema's admin command, roster import and push wrote
    await db.query("INSERT INTO inspectors (id, name, role) VALUES ($1, '老质检员', 'inspector')", [inspectorId]);
    await db.query("INSERT INTO teams (id, name, site, version) VALUES ('武汉/一组', '一组', '武汉', 1)");
    await db.query(
      "INSERT INTO agents (agent_no, name, team_id, site, active, version) VALUES ('A001', '张伟', '武汉/一组', '武汉', TRUE, 2)",
    );
    await db.query('INSERT INTO scorecards (id, version, definition_json, server_version) VALUES ($1, $2, $3, 3)', [
      card.id,
      card.version,
      canonicalJson(card.definition),
    ]);
    await db.query('UPDATE server_version SET version = 3');
    const r1 = makeItem(card, random, { agentNo: 'A001', call: null, submittedAt: '2026-03-04T18:30:00.000Z' });
    const r2 = makeItem(card, random, {
      id: r1.id,
      revision: 2,
      agentNo: 'A001',
      call: null,
      submittedAt: '2026-03-05T01:00:00.000Z',
    });
    await db.query('INSERT INTO evaluation_owners (evaluation_id, inspector_id) VALUES ($1, $2)', [r1.id, inspectorId]);
    for (const it of [r1, r2]) {
      await db.query(
        `INSERT INTO evaluation_revisions (evaluation_id, revision, inspector_id, hash, body_json, agent_no, scorecard_id,
                                           scorecard_version, total, sections_json, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 'A001', $6, $7, $8, $9, $10)`,
        [
          it.id,
          it.revision,
          inspectorId,
          it.hash,
          canonicalJson(it.body),
          card.id,
          card.version,
          it.body.total,
          JSON.stringify(it.body.sections),
          it.body.submittedAt,
        ],
      );
    }
    await migrateServer(db);
    const head = (await addInspector(db, '总部', 'head_office')).token;
    const app = await buildServer({ db, logLevel: 'silent' });
    cleanups.push(() => app.close());

    const page = (await inject(app, head, '/v1/sync/pull?since=0')).json as unknown as PullPage;
    const evaluations = page.changes.filter((c) => c.kind === 'evaluation');
    expect(evaluations).toHaveLength(1);
    const change = evaluationChangeSchema.parse(evaluations[0]);
    expect([change.id, change.revision, change.hash, change.teamId, change.site, change.inspectorName]).toEqual([
      r1.id,
      2,
      r2.hash,
      '武汉/一组',
      '武汉',
      '老质检员',
    ]);
    const { scorecardDefinition: _card, ...pulled } = r2.body;
    expect(change.body).toEqual(pulled);
    // the latest revision, submitted 01:00 UTC on 5 March, counts on the centre's day: 09:00 on 5 March
    const report = (await inject(app, head, '/v1/reports/agent-comparison?from=2026-03-05&to=2026-03-05'))
      .json as unknown as AgentComparison;
    expect(report.rows.map((r) => [r.agentNo, r.name, r.count, r.total])).toEqual([['A001', '张伟', 1, r2.body.total]]);
    const history = revisionHistorySchema.parse((await inject(app, head, `/v1/evaluations/${r1.id}/revisions`)).json);
    expect(history.revisions.map((r) => [r.revision, r.hash])).toEqual([
      [1, r1.hash],
      [2, r2.hash],
    ]);
  }, 120_000);
});

describe('the built-in scorecard', () => {
  it("is published by a fresh server, so an inspector's first push on it is stored", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.cleanup());
    const db = await database.open();
    const { token } = await addInspector(db, '新质检员');
    await importAgents(db, [{ agentNo: 'A001', name: '张伟', team: '一组', site: '武汉' }]);
    await db.close();
    const server = await startServer(database);
    cleanups.push(() => server.stop());
    const headers = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` };
    const pull = (await (await fetch(`${server.url}/v1/sync/pull?since=0`, { headers })).json()) as PullPage;
    const cards = pull.changes.filter((c) => c.kind === 'scorecard');
    // The phone card, and beside it the chat and store-visit cards the app ships too.
    expect(cards.map((c) => [c.id, c.version])).toEqual([
      [card.id, card.version],
      ['online-chat', 1],
      ['store-visit', 1],
    ]);
    expect(canonicalJson(cards[0].definition)).toBe(canonicalJson(card.definition));
    const item = makeItem(card, random, { agentNo: 'A001' });
    const res = await fetch(`${server.url}/v1/sync/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [item] }),
    });
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([
      { id: item.id, revision: 1, status: 'stored' },
    ]);
  }, 120_000);

  it('never overwrites another card published under its id and version, and says so', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.cleanup());
    const db = await database.open();
    cleanups.push(() => db.close());
    const other = { ...card.definition, name: '总部自定义卡' };
    await db.query('INSERT INTO scorecards (id, version, definition_json, server_version) VALUES ($1, $2, $3, 1)', [
      card.id,
      card.version,
      canonicalJson(other),
    ]);
    expect(await ensureBuiltInScorecards(db)).toEqual([
      { file: 'default-phone.json', id: card.id, version: card.version, status: 'differs' },
      { file: 'online-chat.json', id: 'online-chat', version: 1, status: 'published' },
      { file: 'store-visit.json', id: 'store-visit', version: 1, status: 'published' },
    ]);
    const [row] = await db.query<{ definition_json: string }>('SELECT definition_json FROM scorecards WHERE id = $1', [
      card.id,
    ]);
    expect(row.definition_json).toBe(canonicalJson(other));
  }, 60_000);
});
