/**
 * A stand-in import worker for the pool's tests, speaking the real protocol. The request's path is a script:
 * `work:<ms>` busy-waits that long, `crash` ends the thread at once. It answers with when it ran and on which
 * thread.
 */
import { parentPort, threadId } from 'node:worker_threads';
import type { WorkerRequest } from '../../electron/core/recordings/worker-protocol';

export interface ScriptedResult {
  path: string;
  threadId: number;
  startedAt: number;
  endedAt: number;
}

parentPort!.on('message', (request: WorkerRequest) => {
  const startedAt = performance.timeOrigin + performance.now();
  if (request.path === 'crash') process.exit(3);
  const ms = Number(/^work:(\d+)$/.exec(request.path)?.[1] ?? 0);
  while (performance.timeOrigin + performance.now() < startedAt + ms);
  const result: ScriptedResult = {
    path: request.path,
    threadId,
    startedAt,
    endedAt: performance.timeOrigin + performance.now(),
  };
  parentPort!.postMessage({ id: request.id, ok: true, result });
});
