import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportFailureReason } from '../../../shared/recording';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** A request before the pool numbers it (distributes over the union, unlike a plain Omit). */
export type WorkerTask = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

type Task = {
  request: WorkerRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
};

export class WorkerTaskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly reason?: ImportFailureReason,
  ) {
    super(message);
  }
}

/**
 * The worker script: `recordings-worker.js` beside the bundle when packaged (esbuild entry
 * electron/core/recordings/worker.ts → dist-electron/recordings-worker.js), else the TypeScript source in dev and
 * tests. QA_RECORDINGS_WORKER overrides both.
 */
export function defaultWorkerFile(): string {
  if (process.env.QA_RECORDINGS_WORKER) return process.env.QA_RECORDINGS_WORKER;
  const bundled = join(import.meta.dirname, 'recordings-worker.js');
  return existsSync(bundled) ? bundled : join(import.meta.dirname, 'worker.ts');
}

/** Starts a worker thread on `file`, TypeScript included (the benchmark's bare threads use it too). */
export function spawnWorker(file: string): Worker {
  if (!file.endsWith('.ts')) return new Worker(file);
  // Workers do not inherit tsx's loader (nor vitest's), so register tsx inside the worker before importing it.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const source = `import { register } from ${JSON.stringify(tsxApi)}; register();
    await import(${JSON.stringify(pathToFileURL(file).href)});`;
  return new Worker(source, { eval: true });
}

interface Slot {
  worker: Worker;
  task?: Task;
}

/** Up to `size` long-lived workers (two by default: the machines inspectors use have few cores). */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size = Math.max(1, Math.min(2, availableParallelism())),
    private readonly file = defaultWorkerFile(),
  ) {}

  run<T>(request: WorkerTask): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The import workers have been shut down.'));
    return new Promise<T>((resolve, reject) => {
      const full = { ...request, id: this.nextId++ } as WorkerRequest;
      this.queue.push({ request: full, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.add();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.request);
    }
  }

  private add(): Slot {
    const slot: Slot = { worker: spawnWorker(this.file) };
    slot.worker.on('message', (response: WorkerResponse) => {
      const task = slot.task;
      if (!task || task.request.id !== response.id) return;
      slot.task = undefined;
      slot.worker.unref();
      if (response.ok) task.resolve(response.result);
      else task.reject(new WorkerTaskError(response.code, response.message, response.reason));
      this.pump();
    });
    // A crashed worker (out of memory, a WASM abort) fails only its own file; a new worker takes its place.
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.task?.reject(new WorkerTaskError('internal', `The import worker stopped: ${error.message}`));
      slot.task = undefined;
      if (!this.closed) this.pump();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('The import workers have been shut down.'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
