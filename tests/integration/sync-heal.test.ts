/**
 * Sync that heals itself (issue 15): a fresh server already knows the built-in card, so an inspector's first sync
 * is stored; a revision on a card head office has not published is refused for head office to fix, and arrives by
 * itself once head office publishes that card and the app pulls it — never by re-scoring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { addUser, publishScorecardFile } from '../../server/admin-commands';
import type { ScorecardFile } from '../../shared/scorecard';
import { openClient } from '../support/sync-client';
import { createTestDatabase, startServer, type ServerProcess, type TestDatabase } from '../support/sync-server';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-sync-heal-');
let database: TestDatabase;
let server: ServerProcess;
let core: Core;
let token = '';

async function fullMarks(cardId?: string) {
  const list = await core.call('recordings.list', { limit: 10 } as never);
  const recording = (list as { items: { id: string; evaluationStatus: string }[] }).items.find(
    (r) => r.evaluationStatus === 'none',
  )!;
  const view = await core.call('evaluations.open', { recordingId: recording.id, scorecardId: cardId });
  const answers: Record<string, number | 'pass'> = {};
  for (const s of view.scorecard!.sections)
    for (const i of s.items) answers[i.id] = i.kind === 'points' ? i.maxPoints : 'pass';
  return core.call('evaluations.submit', { recordingId: recording.id, scorecardId: cardId, answers });
}

beforeAll(async () => {
  database = await createTestDatabase({ postgresUrl: null }); // PGlite: admin commands run with the server stopped
  const db = await database.open();
  token = (await addUser(db, { name: '质检员', role: 'inspector' })).token;
  await db.close();
  server = await startServer(database);
  core = openClient(temp.dir);
  await core.call('recordings.loadSample', {});
  await core.call('sync.configure', { serverUrl: server.url, token });
}, 120_000);

afterAll(async () => {
  core?.close();
  await server?.stop();
  await database?.cleanup();
  temp.cleanup();
});

describe('sync that heals itself', () => {
  it('stores the first sync of an evaluation on the built-in card on a fresh server', async () => {
    await fullMarks();
    const run = await core.call('sync.now', {});
    expect(run).toMatchObject({ pushed: 1, rejected: 0, pending: 0 });
  });

  it('sends a revision refused for an unpublished card again by itself once head office publishes it', async () => {
    const builtIn = await core.call('scorecards.export', { id: 'default-phone', version: 1 });
    const mine: ScorecardFile = { ...builtIn, id: 'branch-phone', version: undefined };
    await core.call('scorecards.import', { file: mine, publish: true });
    await fullMarks('branch-phone');
    const refused = await core.call('sync.now', {});
    expect(refused.rejected).toBe(1);
    const status = await core.call('sync.status', {});
    expect(status.rejected).toHaveLength(1);
    expect(status.rejected[0]).toMatchObject({ code: 'card_not_published', fixBy: 'head_office' });

    // Head office publishes the card (as exported from the app); the app is not touched, nothing is re-scored.
    const file = await core.call('scorecards.export', { id: 'branch-phone', version: 1 });
    await server.stop();
    const db = await database.open();
    await publishScorecardFile(db, file);
    await db.close();
    server = await startServer(database, { port: server.port });

    const healed = await core.call('sync.now', {});
    expect(healed.pushed).toBe(1);
    const after = await core.call('sync.status', {});
    expect(after.rejected).toHaveLength(0);
    expect(after.pending).toBe(0);
  });
});
