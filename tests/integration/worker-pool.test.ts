import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../electron/core/recordings/pool';
import type { ScriptedResult } from '../support/scripted-worker';

const script = fileURLToPath(new URL('../support/scripted-worker.ts', import.meta.url));
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const run = (p: WorkerPool, path: string) =>
  p.run<ScriptedResult>({ type: 'analyse', path, agentChannel: 0, deadAirSeconds: 5 });

describe('the import worker pool', () => {
  it('spreads files over both workers, each doing one file at a time, and answers each with its own result', async () => {
    pool = new WorkerPool(2, script);
    const paths = Array.from({ length: 12 }, (_, i) => `work:${5 + (i % 3) * 5}`);
    const results = await Promise.all(paths.map((path) => run(pool!, path)));
    expect(results.map((r) => r.path)).toEqual(paths);
    const byThread = new Map<number, ScriptedResult[]>();
    for (const r of results) byThread.set(r.threadId, [...(byThread.get(r.threadId) ?? []), r]);
    expect(byThread.size).toBe(2);
    for (const runs of byThread.values()) {
      const ordered = runs.sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < ordered.length; i++)
        expect(ordered[i].startedAt).toBeGreaterThanOrEqual(ordered[i - 1].endedAt);
    }
  });

  it('fails only the file a worker crashed on; the files queued behind it are done by a new worker', async () => {
    pool = new WorkerPool(1, script);
    const crashed = run(pool, 'crash');
    const queued = run(pool, 'work:1');
    const later = run(pool, 'work:1');
    await expect(crashed).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('stopped') });
    const [a, b] = await Promise.all([queued, later]);
    expect([a.path, b.path]).toEqual(['work:1', 'work:1']);
    expect(a.threadId).toBe(b.threadId);
  });

  it('settles every file, running or queued, when it is shut down', async () => {
    pool = new WorkerPool(1, script);
    // The first file is handed to the worker at once (it is running); the other two wait in the queue.
    const files = Promise.allSettled(['work:200', 'work:1', 'work:1'].map((path) => run(pool!, path)));
    await pool.close();
    expect((await files).map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expect(run(pool, 'work:1')).rejects.toThrow('shut down');
  });
});
