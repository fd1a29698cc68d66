/**
 * Head office in two score modes (issue 20): its comparison gives the hand-worked figures of the final score and
 * of the score before critical items, and a database upgraded through server migration 007 (rows stored with the
 * section scores before a whole-evaluation critical item, and no before-critical columns) gives the same figures
 * once the start-up fill (prepareDatabase) has run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, publishScorecardFile } from '../../server/admin-commands';
import { serverMigrationsDir } from '../../server/migrate';
import { prepareDatabase } from '../../server/prepare';
import type { Answers } from '../../shared/evaluation';
import type { AgentComparison, ScoreMode } from '../../shared/report';
import { seededRandom } from '../support/fault-proxy';
import { modesCard } from '../support/modes-card';
import { makeItem } from '../support/revisions';
import { serverApi } from '../support/server-api';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';

const card = modesCard();
let database: TestDatabase;
let server: ServerProcess | undefined;
let inspector: string;
let head: string;

// The three evaluations worked by hand in report-modes.test.ts: 83 clean; 95 before critical items and 0 final
// (the whole evaluation failed); 70 before and 60 final (a critical item limited to 服务态度 failed).
const answers: Answers[] = [
  { greet: 3, bye: 'pass', tone: 12, polite: 8, rude: 'pass', phrases: 16, solve: 24, record: 18, leak: 'pass' },
  { greet: 2, bye: 'fail', tone: 15, polite: 10, rude: 'pass', phrases: 18, solve: 30, record: 20, leak: 'fail' },
  { greet: 3, bye: 'pass', tone: 6, polite: 4, rude: 'fail', phrases: 20, solve: 21, record: 14, leak: 'pass' },
];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  inspector = (await addUser(db, { name: '质检员', role: 'inspector' })).token;
  head = (await addUser(db, { name: '总部', role: 'head_office' })).token;
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await db.close();
  server = await startServer(database);
  const random = seededRandom(20);
  const items = answers.map((a, i) =>
    makeItem(card, random, { agentNo: 'A1', answers: a, call: { startedAt: `2026-03-0${i + 1}T10:00:00` } }),
  );
  const res = await serverApi(server.url).push(inspector, items);
  expect(res.status, res.text).toBe(200);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

async function overall(scoreMode: ScoreMode) {
  const res = await serverApi(server!.url).api(
    `/v1/reports/agent-comparison?from=2026-03-01&to=2026-03-31&scoreMode=${scoreMode}`,
    { token: head },
  );
  expect(res.status, res.text).toBe(200);
  const c = res.json as unknown as AgentComparison;
  expect(c.scoreMode).toBe(scoreMode);
  return c.overall;
}

async function expectHandWorked() {
  // final: (83 + 0 + 60) / 3 → 47.67; sections 10/3 → 3.33, 20/3 → 6.67, 12, 77/3 → 25.67; 舍入差 0
  expect(await overall('final')).toMatchObject({
    total: 47.67,
    min: 0,
    max: 83,
    sections: { opening: 3.33, attitude: 6.67, phrasing: 12, handling: 25.67 },
    difference: 0,
  });
  // before critical items: 248/3 → 82.67; 4, 55/3 → 18.33, 18, 127/3 → 42.33 (82.66); 舍入差 0.01; no min/max
  expect(await overall('beforeCritical')).toMatchObject({
    total: 82.67,
    min: null,
    max: null,
    sections: { opening: 4, attitude: 18.33, phrasing: 18, handling: 42.33 },
    difference: 0.01,
  });
}

describe('head office in two score modes', () => {
  it('gives the hand-worked figures in both modes', async () => {
    await expectHandWorked();
    const res = await serverApi(server!.url).api('/v1/reports/agent-comparison?scoreMode=uncapped', { token: head });
    expect(res.status).toBe(400);
  });

  it('gives the same figures after an upgrade through migration 007 and the start-up fill', async () => {
    await server!.stop();
    server = undefined;
    const db = await database.open();
    // the rows as the version before this change stored them, once migration 007 has added its columns
    await db.query(
      `UPDATE evaluation_latest l SET uncapped_x100 = NULL, sections_uncapped_x100 = NULL,
              sections_x100 = (SELECT jsonb_object_agg(s.key, CASE WHEN s.value = 'null'::jsonb THEN s.value
                                                                   ELSE to_jsonb(round((s.value #>> '{}')::numeric * 100)::integer) END)
                                 FROM evaluation_revisions r, jsonb_each(r.sections_json::jsonb) s
                                WHERE r.evaluation_id = l.evaluation_id AND r.revision = l.revision)`,
    );
    const [zeroed] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM evaluation_latest WHERE sections_x100 @> '{"attitude": 0}'`,
    );
    expect(Number(zeroed.n)).toBe(1); // only the section-limited fail: the whole-evaluation fail kept 25
    // what migration 007 runs on such rows, then what every start runs
    const migration = readFileSync(join(serverMigrationsDir, '007_report_score_modes.sql'), 'utf8');
    await db.query(migration.slice(migration.indexOf('UPDATE evaluation_latest')).replace(/;\s*$/, ''));
    await prepareDatabase(db);
    const [filled] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM evaluation_latest WHERE uncapped_x100 IS NULL',
    );
    expect(Number(filled.n)).toBe(0);
    await db.close();
    server = await startServer(database);
    await expectHandWorked();
  }, 120_000);
});
