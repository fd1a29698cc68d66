/**
 * 10 000 submitted evaluations from one client to a local server process: time to fully sync and evaluations per
 * second ingested, on PGlite and (when DATABASE_URL is set) on PostgreSQL.
 * Targets: a full sync under 20 s; at least 1 000 evaluations/s on PostgreSQL.
 */
import { addInspector, publishScorecardFile } from '../../server/admin-commands';
import { seededRandom } from '../support/fault-proxy';
import { defaultCard, openClient, outboxCount, submitRevision } from '../support/sync-client';
import { createTestDatabase, startServer, storedRevisions } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const count = Number(process.env.SYNC_BENCH_COUNT ?? 10_000);
const card = defaultCard();

async function run(label: string, databaseUrl: string | undefined): Promise<{ seconds: number; rate: number }> {
  const database = await createTestDatabase({ postgresUrl: databaseUrl ?? null });
  const db = await database.open();
  const { token } = await addInspector(db, 'bench');
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await db.close();
  const server = await startServer(database);
  const temp = makeTempDir('qa-sync-bench-');
  const client = openClient(temp.dir);
  try {
    const random = seededRandom(99);
    const seedStart = performance.now();
    // one outer transaction: the seeding is not what is measured, and 10 000 separate fsyncs take minutes
    client.db.transaction(() => {
      for (let i = 0; i < count; i++) submitRevision(client.db, card, random);
    })();
    const seedSeconds = (performance.now() - seedStart) / 1000;
    await client.call('sync.configure', { serverUrl: server.url, token });
    const start = performance.now();
    const result = await client.call('sync.now', {});
    const seconds = (performance.now() - start) / 1000;
    if (result.pushed !== count || outboxCount(client.db) !== 0)
      throw new Error(`sync incomplete: ${JSON.stringify(result)}`);
    await server.stop();
    const check = await database.open();
    const stored = (await storedRevisions(check)).length;
    await check.close();
    if (stored !== count) throw new Error(`server stored ${stored} of ${count}`);
    const rate = count / seconds;
    console.log(
      `${label}: ${count} evaluations synced in ${seconds.toFixed(2)} s → ${rate.toFixed(0)} evaluations/s ` +
        `(client-side seeding ${seedSeconds.toFixed(1)} s, not counted)`,
    );
    return { seconds, rate };
  } finally {
    client.close();
    temp.cleanup();
    await server.stop('SIGKILL');
    await database.cleanup();
  }
}

const lite = await run('PGlite', undefined);
console.log(`  full sync vs 20 s target: ${(lite.seconds / 20).toFixed(2)}× of the budget`);
if (process.env.DATABASE_URL) {
  const pg = await run('PostgreSQL', process.env.DATABASE_URL);
  console.log(`  full sync vs 20 s target: ${(pg.seconds / 20).toFixed(2)}× of the budget`);
  console.log(`  ingest vs 1 000/s target: ${(pg.rate / 1000).toFixed(2)}×`);
  console.log(`  PostgreSQL / PGlite ingest ratio: ${(pg.rate / lite.rate).toFixed(2)}×`);
} else {
  console.log('  PostgreSQL: skipped (set DATABASE_URL to measure it)');
}
