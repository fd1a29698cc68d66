/**
 * One computation: head office's JSON reports and a head-office app's own reports, over the same evaluations, give
 * the same figures to the cent. Random evaluations are pushed by inspectors to a real server process; the app pulls
 * them with sync.now as it does every day; then random periods (whole months, weeks, day ranges across months) are
 * asked of both. Includes averages whose float mean would round differently (80.07 and 80.08 → 80.08).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { addUser } from '../../server/admin-commands';
import { firstDay, lastDay, type AgentComparison, type ScoreMode } from '../../shared/report';
import type { SiteRanking } from '../../shared/report-math';
import { seededRandom } from '../support/fault-proxy';
import { changeFor, revisionFor, type PulledSpec } from '../support/pulled-evaluations';
import { serverApi } from '../support/server-api';
import { defaultCard, openClient } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const card = defaultCard();
const teams = [
  { id: 'T1', site: '武汉' },
  { id: 'T2', site: '武汉' },
  { id: 'T3', site: '长沙' },
];
let database: TestDatabase;
let server: ServerProcess;
let inspectors: { id: string; token: string }[] = [];
let headOffice = '';
const temp = makeTempDir('qa-parity-');
let app: Core;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = await database.open();
  inspectors = await Promise.all(
    ['甲', '乙'].map(async (name) => {
      const u = await addUser(db, { name, role: 'inspector' });
      return { id: u.inspectorId, token: u.token };
    }),
  );
  headOffice = (await addUser(db, { name: '总部', role: 'head_office' })).token;
  await db.close();
  server = await startServer(database);
  app = openClient(temp.dir);
  await app.call('sync.configure', { serverUrl: server.url, token: headOffice });
}, 120_000);

afterAll(async () => {
  app?.close();
  await server?.stop();
  await database?.cleanup();
  temp.cleanup();
});

/** Answers whose section scores and total land on odd hundredths, so averages must round (not just add up). */
function pushBatch(seed: number, count: number) {
  const random = seededRandom(seed);
  return inspectors.map((inspector) => {
    const items = Array.from({ length: count }, () => {
      const team = teams[Math.floor(random() * teams.length)];
      const month = ['2026-01', '2026-02', '2026-03'][Math.floor(random() * 3)];
      const spec: PulledSpec = {
        agentNo: `A${1 + Math.floor(random() * 5)}`,
        day: `${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        teamId: team.id,
        site: team.site,
        inspectorId: inspector.id,
      };
      const body = revisionFor(spec, card, random);
      const { hash } = changeFor(body, spec);
      return { id: body.id, revision: 1, hash, body };
    });
    return { token: inspector.token, items };
  });
}

const periodArb = fc.oneof(
  fc.constantFrom(
    { from: '2026-02', to: '2026-02' },
    { from: '2026-01', to: '2026-03' },
    { from: '2026-03-02', to: '2026-03-08' },
    { from: '2026-02-05', to: '2026-02-20' },
    { from: '2026-01-15', to: '2026-03-14' },
  ),
  fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 30 })).map(([start, length]) => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
    return { from: day(start), to: day(Math.min(88, start + length)) };
  }),
);

describe('head office and a head-office app', () => {
  it('give the same comparison and site ranking to the cent for any period, in both score modes', async () => {
    const { api, push } = serverApi(server.url);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.tuple(periodArb, fc.constantFrom<ScoreMode>('final', 'beforeCritical')), {
          minLength: 3,
          maxLength: 3,
        }),
        async (seed, periods) => {
          for (const batch of pushBatch(seed, 12)) {
            const res = await push(batch.token, batch.items);
            expect(res.status, res.text.slice(0, 300)).toBe(200);
          }
          await app.call('sync.now', {});
          for (const [period, scoreMode] of periods) {
            // head office's API takes calendar days; the app also takes whole months
            const days = `from=${firstDay(period.from)}&to=${lastDay(period.to)}&scoreMode=${scoreMode}`;
            const server = await api(`/v1/reports/agent-comparison?${days}`, { token: headOffice });
            expect(server.status).toBe(200);
            const local = (await app.call('reports.agentComparison', {
              ...period,
              scope: 'all',
              scoreMode,
            })) as AgentComparison;
            const fromServer = server.json as unknown as AgentComparison;
            // the same rows (agent, counts, averages, min/max, critical fails, sections, previous period, change)
            expect(local.rows).toEqual(fromServer.rows);
            expect(local.overall).toEqual(fromServer.overall);
            expect(local.sections).toEqual(fromServer.sections);
            const ranking = await api(`/v1/reports/site-ranking?${days}`, {
              token: headOffice,
            });
            const localRanking = (await app.call('reports.siteRanking', { ...period, scoreMode })) as SiteRanking;
            expect(localRanking.rows).toEqual((ranking.json as unknown as SiteRanking).rows);
            expect(localRanking.overall).toEqual((ranking.json as unknown as SiteRanking).overall);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
