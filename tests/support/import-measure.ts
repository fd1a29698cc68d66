/**
 * The import benchmark's two sides, measured the same way: CPU time of a whole process and wall time, for one file.
 * Ours is the whole import as the app runs it (probe, hash, copy into the library, decode, peaks, voice activity,
 * talk analytics, commit), every thread of the process counted, V8's helpers and libuv's pool included. ffmpeg's is
 * its decode of the same file to nothing, less what ffmpeg costs on a file of the same format that holds almost no
 * audio (start-up, probing, tear-down).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core';
import { makeTempDir } from './temp';

export interface Measure {
  cpuMs: number;
  wallMs: number;
}

export interface ImportMeasure extends Measure {
  durationMs: number;
}

/**
 * Imports `path` into an empty library through a core whose import worker has just imported `warm` (the same format,
 * other content): the worker thread is running and its WebAssembly compiled, as in an app that has imported before.
 * Creating the core and closing it are outside the measurement, as ffmpeg's start-up is outside its figure.
 */
export async function importOnce(path: string, warm: string): Promise<ImportMeasure> {
  const temp = makeTempDir('qa-import-bench-one-');
  const core = createCore({ dataDir: join(temp.dir, 'data'), transport: 'cli' });
  try {
    const warmed = await core.call('recordings.import', { paths: [warm], agentChannel: 0 });
    if (warmed.imported.length !== 1) throw new Error(`warm-up failed: ${JSON.stringify(warmed.failed[0])}`);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const r = await core.call('recordings.import', { paths: [path], agentChannel: 0 });
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (r.imported.length !== 1) throw new Error(`import of ${path} failed: ${JSON.stringify(r.failed[0])}`);
    const { durationMs } = await core.call('recordings.get', { id: r.imported[0].id });
    return { cpuMs: (used.user + used.system) / 1000, wallMs, durationMs };
  } finally {
    core.close();
    temp.cleanup();
  }
}

export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/** Wall time, and CPU time (user + system) from the shell's `times`, of `ffmpeg [input options] -i FILE -f null -`. */
export function ffmpegDecode(path: string, input: string[] = []): Measure {
  const start = performance.now();
  const r = spawnSync('bash', [
    '-c',
    // `;`, not `&&`: ffmpeg exits non-zero after frames its decoder rejects (AMR comfort noise), having decoded the rest.
    'ffmpeg -nostdin -hide_banner -loglevel fatal "${@:2}" -i "$1" -f null -; times',
    'bash',
    path,
    ...input,
  ]);
  const wallMs = performance.now() - start;
  const children = r.stdout.toString().trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (r.status !== 0 || seconds.length < 2) throw new Error(`ffmpeg failed on ${path}: ${r.stderr?.toString()}`);
  return { cpuMs: (seconds[0] + seconds[1]) * 1000, wallMs };
}

export interface Stats {
  best: number;
  median: number;
}

export const stats = (samples: number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)] };
};

/** ffmpeg's decode of `path` less its cost on `tiny`, best and median over `runs`, CPU and wall alike. */
export function ffmpegNet(path: string, tiny: string, input: string[], runs: number): { cpu: Stats; wall: Stats } {
  const base = Array.from({ length: runs }, () => ffmpegDecode(tiny, input));
  const full = Array.from({ length: runs }, () => ffmpegDecode(path, input));
  const baseCpu = stats(base.map((m) => m.cpuMs)).best;
  const baseWall = stats(base.map((m) => m.wallMs)).best;
  return {
    cpu: stats(full.map((m) => m.cpuMs - baseCpu)),
    wall: stats(full.map((m) => m.wallMs - baseWall)),
  };
}
