/**
 * Nothing lost, nothing doubled: a real server process, real client databases, and faults between them — a client
 * killed after the server committed, a server killed mid-batch, connections cut mid-response, a randomized fault
 * schedule, and two inspectors' devices syncing at once.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { addInspector, publishScorecardFile } from '../../server/admin-commands';
import { repoRoot } from '../support/cli';
import { FaultProxy, seededRandom } from '../support/fault-proxy';
import {
  defaultCard,
  openClient,
  outboxCount,
  submitMany,
  submitRevision,
  submittedRevisions,
} from '../support/sync-client';
import {
  createTestDatabase,
  startServer,
  storedRevisions,
  type ServerProcess,
  type StoredRevision,
  type TestDatabase,
} from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const card = defaultCard();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface World {
  database: TestDatabase;
  server: ServerProcess;
  tokens: { id: string; token: string }[];
  restart(kill?: boolean): Promise<void>;
  stored(): Promise<StoredRevision[]>;
}

async function world(inspectors: number, env: Record<string, string> = {}): Promise<World> {
  const database = await createTestDatabase();
  const db = await database.open();
  const tokens = [];
  for (let i = 0; i < inspectors; i++) {
    const created = await addInspector(db, `质检员${i + 1}`);
    tokens.push({ id: created.inspectorId, token: created.token });
  }
  await publishScorecardFile(db, { format: 'qa-inspector/scorecard@1', ...card });
  await db.close();
  const w: World = {
    database,
    server: await startServer(database, { env }),
    tokens,
    restart: async (kill = false) => {
      const port = w.server.port;
      await w.server.stop(kill ? 'SIGKILL' : 'SIGTERM');
      w.server = await startServer(database, { port, env });
    },
    /** Stops the server (PGlite is one process's) and reads what it stored. */
    stored: async () => {
      await w.server.stop();
      const open = await database.open();
      const rows = await storedRevisions(open);
      await open.close();
      return rows;
    },
  };
  cleanups.push(async () => {
    await w.server.stop('SIGKILL');
    await database.cleanup();
  });
  return w;
}

function client(timings = {}, background = false): { core: Core; dir: string; reopen(bg?: boolean): Core } {
  const temp = makeTempDir('qa-sync-client-');
  const c = {
    core: openClient(temp.dir, timings, background),
    dir: temp.dir,
    reopen: (bg = background) => (c.core = openClient(temp.dir, timings, bg)),
  };
  cleanups.push(() => {
    c.core.close();
    temp.cleanup();
  });
  return c;
}

async function proxyTo(w: World, seed = 1): Promise<FaultProxy> {
  const proxy = new FaultProxy(w.server.port, seed);
  await proxy.listen();
  cleanups.push(() => proxy.close());
  return proxy;
}

/** What the server holds must be exactly what the devices submitted: same keys, same hashes, each once. */
function expectSameData(stored: StoredRevision[], devices: { core: Core; inspectorId: string }[]): void {
  const key = (r: { evaluation_id: string; revision: number }) => `${r.evaluation_id}#${r.revision}`;
  const expected = devices.flatMap((d) =>
    submittedRevisions(d.core.db).map((r) => ({ ...r, inspector_id: d.inspectorId })),
  );
  expect(stored.length).toBe(new Set(stored.map(key)).size);
  const sort = (rows: StoredRevision[]) => rows.map((r) => `${key(r)} ${r.hash} ${r.inspector_id}`).sort();
  expect(sort(stored)).toEqual(sort(expected));
  for (const d of devices) expect(outboxCount(d.core.db)).toBe(0);
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sync reliability', () => {
  it('client killed between the server commit and its ack: after restart, every revision is stored once', async () => {
    const w = await world(1);
    const proxy = await proxyTo(w);
    const device = client();
    const random = seededRandom(11);
    submitMany(device.core.db, card, random, 30);
    await device.core.call('sync.configure', { serverUrl: proxy.url, token: w.tokens[0].token });
    device.core.close();

    proxy.mode = 'hold-push';
    const held = new Promise<void>((resolve) => proxy.once('push-held', () => resolve()));
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron', 'cli.ts'), 'sync.now', '{}'], {
      cwd: repoRoot,
      env: { ...process.env, QA_DATA_DIR: device.dir },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await held; // the server has answered, so it has committed; the client has not seen the answer
    child.kill('SIGKILL');
    await exited;
    proxy.mode = 'pass';

    const core = device.reopen();
    expect(outboxCount(core.db)).toBe(30); // the client never learned of the commit
    const result = await core.call('sync.now', {});
    expect(result).toMatchObject({ pushed: 30, pending: 0, rejected: 0 });
    expectSameData(await w.stored(), [{ core, inspectorId: w.tokens[0].id }]);
  }, 120_000);

  it('server killed mid-batch and restarted: the reconnect loop finishes the job, nothing doubled', async () => {
    const w = await world(1);
    const proxy = await proxyTo(w);
    const device = client({ batchSize: 5 });
    const random = seededRandom(12);
    submitMany(device.core.db, card, random, 1000);
    await device.core.call('sync.configure', { serverUrl: proxy.url, token: w.tokens[0].token });
    device.core.close();
    const core = device.reopen(true); // background loop: syncs at start, then on reconnect
    await until(() => outboxCount(core.db) < 990, 'the first batches');
    await w.restart(true);
    proxy.dropAll();
    expect(outboxCount(core.db)).toBeGreaterThan(0);
    await until(
      async () => outboxCount(core.db) === 0 && !!(await core.call('sync.status', {})).history[0]?.ok,
      'the outbox to drain after the restart',
    );
    const status = await core.call('sync.status', {});
    expect(status.history.some((h) => !h.ok)).toBe(true);
    expect(status.history[0].ok).toBe(true);
    expectSameData(await w.stored(), [{ core, inspectorId: w.tokens[0].id }]);
  }, 120_000);

  it('survives a seeded schedule of 500+ faults (cut requests, cut answers, server crashes): data equal after', async () => {
    const w = await world(1);
    const proxy = await proxyTo(w, 2025);
    proxy.mode = 'random';
    proxy.faultRate = 0.6;
    const device = client({ batchSize: 7 });
    const random = seededRandom(13);
    const core = device.core;
    await core.call('sync.configure', { serverUrl: proxy.url, token: w.tokens[0].token });
    const ids: string[] = [];
    let runs = 0;
    let failures = 0;
    const crashAt = [150, 350]; // server SIGKILLs at these fault counts
    while (proxy.totalFaults < 500) {
      ids.push(...submitMany(core.db, card, random, 2).map((s) => s.id));
      if (runs % 3 === 0) {
        const rescore = ids[Math.floor(random() * ids.length)];
        const { revision } = core.db.prepare('SELECT revision FROM evaluations WHERE id = ?').get(rescore) as {
          revision: number;
        };
        submitRevision(core.db, card, random, { id: rescore, revision: revision + 1 });
      }
      runs++;
      if (crashAt.length && proxy.totalFaults >= crashAt[0]) {
        crashAt.shift();
        await w.restart(true);
        proxy.dropAll();
      }
      await core.call('sync.now', {}).catch(() => failures++);
    }
    proxy.mode = 'pass';
    await until(async () => (await core.call('sync.now', {}).catch(() => null))?.pending === 0, 'a clean final sync');
    expect(proxy.faults.cutMidResponse).toBeGreaterThan(50);
    expect(proxy.faults.cutAfterRequest).toBeGreaterThan(50);
    expect(proxy.faults.dropRequest).toBeGreaterThan(50);
    expect(failures).toBeGreaterThan(100);
    expect(crashAt).toEqual([]);
    const status = await core.call('sync.status', {});
    expect(status.rejectedCount).toBe(0);
    expectSameData(await w.stored(), [{ core, inspectorId: w.tokens[0].id }]);
  }, 170_000);

  it("two inspectors' devices syncing at once each get their own evaluations stored, nothing crossed", async () => {
    const w = await world(2);
    const devices = [client({ batchSize: 25 }), client({ batchSize: 25 })];
    const random = seededRandom(14);
    await Promise.all(
      devices.map(async (d, i) => {
        submitMany(d.core.db, card, random, 150);
        await d.core.call('sync.configure', { serverUrl: w.server.url, token: w.tokens[i].token });
      }),
    );
    const results = await Promise.all(devices.map((d) => d.core.call('sync.now', {})));
    expect(results.map((r) => r.pushed)).toEqual([150, 150]);
    expectSameData(
      await w.stored(),
      devices.map((d, i) => ({ core: d.core, inspectorId: w.tokens[i].id })),
    );
  }, 120_000);
});
