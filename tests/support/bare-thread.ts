/**
 * A bare worker thread for the import benchmark's ceilings: it reads a file's bytes, or decodes an MP3, and throws
 * the result away, with none of the analysis and none of the pool. What two of these gain over one is as much as
 * this machine lets two import workers gain on the same files.
 */
import { parentPort } from 'node:worker_threads';
import type { PcmSink } from '../../electron/core/audio/decode';
import { decodeMpeg } from '../../electron/core/audio/mpg123';
import { probe } from '../../electron/core/audio/probe';
import { FileSource } from '../../electron/core/audio/source';

export interface BareTask {
  kind: 'read' | 'decode';
  path: string;
}

// The size the import reads WAVs in (decode.ts), so the ceiling measures the same reads.
const chunk = new Uint8Array(new ArrayBuffer(256 * 1024));
const discard: PcmSink = { push() {}, pushPlanar() {}, pushMapped() {} };

function work({ kind, path }: BareTask): void {
  const src = new FileSource(path);
  try {
    if (kind === 'decode') decodeMpeg(src, probe(src), discard, () => {});
    else for (let at = 0, n = 1; n > 0; at += n) n = src.readInto(chunk, at, chunk.length);
  } finally {
    src.close();
  }
}

parentPort?.on('message', (task: BareTask) => {
  const start = performance.now();
  work(task);
  parentPort!.postMessage(performance.now() - start);
});
