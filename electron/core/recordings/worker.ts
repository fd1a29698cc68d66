/**
 * Import worker: hashing and the CPU-heavy part of an import (decode, peaks, voice activity) run here so the
 * window and the API stay responsive. Long-lived: WASM decoders are created once and reused across files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { overviewPeaks } from '../../../shared/recording';
import { analyseFile } from '../audio/analyse-file';
import { overviewOf } from '../audio/downsample-peaks';
import { AudioFormatError } from '../audio/errors';
import { FileSource } from '../audio/source';
import type { AnalyseResult, HashResult, WorkerRequest, WorkerResponse } from './worker-protocol';

/**
 * CPU time this thread has run, in ms (Linux; undefined elsewhere). The benchmark reports it beside wall time,
 * because on a shared machine wall time measures the neighbours as much as the import.
 */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

const hashChunk = new Uint8Array(new ArrayBuffer(1024 * 1024));

function hashFile(path: string): HashResult {
  const src = new FileSource(path);
  try {
    const hash = createHash('sha256');
    for (let pos = 0; pos < src.size;) {
      const n = src.readInto(hashChunk, pos, hashChunk.length);
      if (n === 0) break;
      hash.update(hashChunk.subarray(0, n));
      pos += n;
    }
    return { sha256: hash.digest('hex'), sizeBytes: src.size };
  } finally {
    src.close();
  }
}

async function analyse(request: Extract<WorkerRequest, { type: 'analyse' }>): Promise<[AnalyseResult, ArrayBuffer[]]> {
  const started = performance.now();
  const cpuStarted = threadCpuMs();
  const flag = request.cancel ? new Int32Array(request.cancel) : undefined;
  const a = await analyseFile(request.path, {
    agentChannel: request.agentChannel,
    deadAirSeconds: request.deadAirSeconds,
    voxSampleRate: request.voxSampleRate,
    hash: request.hash,
    isCancelled: flag ? () => Atomics.load(flag, 0) !== 0 : undefined,
  });
  const peakCount = a.peaks[0].length / 2;
  const packed = new Int16Array(peakCount * 2 * a.peaks.length);
  a.peaks.forEach((p, c) => packed.set(p, c * peakCount * 2));
  const overview = overviewOf(a.peaks, overviewPeaks);
  const result: AnalyseResult = {
    container: a.info.container,
    codec: a.info.codec,
    sampleRate: a.info.sampleRate,
    channels: a.info.channels,
    durationMs: a.durationMs,
    samplesPerPeak: a.samplesPerPeak,
    peakCount,
    peaks: packed.buffer,
    overview: overview.data.buffer,
    overviewFactor: overview.factor,
    speech: a.speech,
    talkOver: a.talk.talkOver,
    silences: a.talk.silences,
    // Null when nobody spoke at all (or mono), so the stored ratio never claims a 0/100 split.
    talkRatioAgent:
      a.talk.talkRatio && a.talk.talkRatio.agent + a.talk.talkRatio.customer > 0 ? a.talk.talkRatio.agent : null,
    longestMonologueMs: a.talk.longestAgentMonologueMs,
    channelsSame: a.channelsSame,
    sha256: a.sha256,
    workerMs: performance.now() - started,
  };
  if (a.info.truncated) result.truncated = a.info.truncated;
  const cpuEnded = threadCpuMs();
  if (cpuStarted !== undefined && cpuEnded !== undefined) result.workerCpuMs = cpuEnded - cpuStarted;
  return [result, [packed.buffer, overview.data.buffer]];
}

const port = parentPort;
if (!port) throw new Error('recordings/worker.ts must run as a worker thread');

port.on('message', (request: WorkerRequest) => {
  void (async () => {
    try {
      if (request.type === 'hash') {
        port.postMessage({ id: request.id, ok: true, result: hashFile(request.path) } satisfies WorkerResponse);
      } else {
        const [result, transfer] = await analyse(request);
        port.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse, transfer);
      }
    } catch (error) {
      const response: WorkerResponse =
        error instanceof AudioFormatError
          ? { id: request.id, ok: false, code: error.code, message: error.message, reason: error.reason }
          : // Anything else thrown here comes from a decoder choking on the file's content.
            {
              id: request.id,
              ok: false,
              code: 'decode_error',
              message: `Could not decode the file: ${error instanceof Error ? error.message : String(error)}`,
            };
      port.postMessage(response);
    }
  })();
});
