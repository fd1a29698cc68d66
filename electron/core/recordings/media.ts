import { existsSync, realpathSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { speechPcm, speechTotalFrames } from '../audio/decode-speech';
import { toInt16 } from '../audio/pcm';
import { voxPcm } from '../audio/vox';
import { probe, type AudioInfo } from '../audio/probe';
import { FileSource } from '../audio/source';
import { libraryDirOf } from './importer';
import { RecordingsRepository } from './repo';

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  /** Absent for HEAD requests and errors. */
  body?: Readable;
}

const contentTypes: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
};

/** Plain 8/16-bit PCM WAV plays everywhere; A-law, μ-law, 24/32-bit, float and extensible headers do not. */
function needsTranscode(info: AudioInfo): boolean {
  const wav = info.wav;
  if (!wav) return false;
  return wav.extensible || !(wav.sampleFormat === 's16' || wav.sampleFormat === 'u8');
}

/** Formats whose library copy is probed again to serve it: WAV (some need converting), AMR and headerless codecs. */
const probedFormats = new Set(['wav', 'amr', 'raw']);

function text(status: number, message: string, extra: Record<string, string> = {}): MediaResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra },
    body: Readable.from([message]),
  };
}

type Range = { start: number; end: number } | 'invalid' | undefined;

/** One `bytes=` range (first-last, first-, -suffix). Several ranges are answered with the whole file. */
export function parseRange(header: string | undefined, size: number): Range {
  if (!header) return undefined;
  const m = /^bytes=(.*)$/.exec(header.trim());
  if (!m) return undefined;
  if (m[1].includes(',')) return undefined;
  const spec = /^(\d*)-(\d*)$/.exec(m[1].trim());
  if (!spec || (spec[1] === '' && spec[2] === '')) return 'invalid';
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0) return 'invalid';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { start, end };
}

function wavHeader(channels: number, sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** What a transcoded response is: PCM16 WAV of `frames` frames, whose frames [from, to) `body` produces. */
interface PcmPlan {
  channels: number;
  sampleRate: number;
  frames: number;
  body(from: number, to: number): AsyncIterable<Buffer> | Iterable<Buffer>;
}

/** Frames [from, to) of a WAV whose samples need converting (A-law, μ-law, 24/32-bit, float). */
async function* wavPcm(path: string, info: AudioInfo, from: number, to: number): AsyncGenerator<Buffer> {
  const wav = info.wav!;
  const file = await open(path, 'r');
  try {
    const framesPerChunk = 16384;
    const raw = new Uint8Array(new ArrayBuffer(framesPerChunk * wav.blockAlign));
    const scratch = new Int16Array(framesPerChunk * info.channels);
    for (let frame = from; frame < to;) {
      const count = Math.min(framesPerChunk, to - frame);
      const { bytesRead } = await file.read(raw, 0, count * wav.blockAlign, wav.dataOffset + frame * wav.blockAlign);
      const got = Math.floor(bytesRead / wav.blockAlign);
      if (got === 0) break;
      const pcm = toInt16(wav.sampleFormat, raw, got * info.channels, scratch);
      // Copied: the scratch buffer is reused for the next chunk while this one may still be queued.
      yield Buffer.from(new Uint8Array(pcm.buffer, pcm.byteOffset, got * info.channels * 2));
      frame += got;
    }
  } finally {
    await file.close();
  }
}

/** Frames [from, to) of a speech-codec file, decoded about half a second at a time so the event loop keeps moving. */
function* speechBody(path: string, info: AudioInfo, from: number, to: number): Generator<Buffer> {
  const src = new FileSource(path);
  try {
    if (info.speech!.codec === 'adpcm_ima_oki') yield* voxPcm(path, src, from, to, 4096);
    else yield* speechPcm(src, info, from, to, 4096);
  } finally {
    src.close();
  }
}

function pcmPlan(path: string, info: AudioInfo, src: FileSource): PcmPlan | undefined {
  const { channels, sampleRate } = info;
  if (info.speech) {
    const frames = speechTotalFrames(src, info);
    return { channels, sampleRate, frames, body: (from, to) => speechBody(path, info, from, to) };
  }
  if (!info.wav || !needsTranscode(info)) return undefined;
  const frames = info.wav.dataBytes / info.wav.blockAlign;
  return { channels, sampleRate, frames, body: (from, to) => wavPcm(path, info, from, to) };
}

/**
 * A PCM16 WAV computed on the fly from the stored file. Output byte positions map to frames directly, so ranges
 * (seeking in an hour-long call) cost no more than producing the part asked for.
 */
async function* transcoded(plan: PcmPlan, start: number, end: number): AsyncGenerator<Buffer> {
  const frameBytes = plan.channels * 2;
  let position = start;
  if (position < 44) {
    const header = wavHeader(plan.channels, plan.sampleRate, plan.frames * frameBytes);
    yield header.subarray(position, Math.min(44, end + 1));
    position = 44;
  }
  if (position > end) return;
  const from = Math.floor((position - 44) / frameBytes);
  const to = Math.min(plan.frames, Math.floor((end - 44) / frameBytes) + 1);
  let chunkStart = 44 + from * frameBytes;
  for await (const bytes of plan.body(from, to)) {
    const first = Math.max(0, position - chunkStart);
    const last = Math.min(bytes.length, end + 1 - chunkStart);
    if (last > first) yield first === 0 && last === bytes.length ? bytes : bytes.subarray(first, last);
    chunkStart += bytes.length;
    position = Math.max(position, chunkStart);
    if (chunkStart > end) return;
  }
}

async function* plain(path: string, start: number, end: number): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    for (let pos = start; pos <= end;) {
      const length = Math.min(256 * 1024, end + 1 - pos);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, pos);
      if (bytesRead === 0) break;
      yield buffer.subarray(0, bytesRead);
      pos += bytesRead;
    }
  } finally {
    await file.close();
  }
}

/**
 * Serves a recording's audio from the library with HTTP Range support; browser mode's `/media/<id>` and Electron's
 * custom scheme both call this. Only files inside `<dataDir>/library` are ever opened.
 */
export function serveMedia(
  db: Database,
  dataDir: string,
  id: string,
  rangeHeader: string | undefined,
  method: 'GET' | 'HEAD' = 'GET',
): MediaResponse {
  const row = new RecordingsRepository(db).get(id);
  if (!row) return text(404, 'No such recording.');
  // Chats and store visits have no audio (migration 016): their library file, if any, is never served as media.
  if (row.channel !== 'phone') return text(404, 'This contact has no audio.');
  const libraryDir = resolve(libraryDirOf(dataDir));
  const path = resolve(libraryDir, ...row.libraryPath.split('/'));
  if (!path.startsWith(libraryDir + sep)) return text(403, 'Path outside the library.');
  if (!existsSync(path)) return text(404, 'The audio file is missing from the library.');
  if (!realpathSync(path).startsWith(realpathSync(libraryDir) + sep)) return text(403, 'Path outside the library.');

  let plan: PcmPlan | undefined;
  if (probedFormats.has(row.format)) {
    const src = new FileSource(path);
    try {
      // A headerless VOX file was imported at the rate the settings or its manifest gave; the row keeps it.
      plan = pcmPlan(path, probe(src, { extension: extname(path), voxSampleRate: row.sampleRate }), src);
    } finally {
      src.close();
    }
  }
  const size = plan ? 44 + plan.frames * plan.channels * 2 : statSync(path).size;
  const headers: Record<string, string> = {
    'content-type': plan ? 'audio/wav' : (contentTypes[row.format] ?? 'application/octet-stream'),
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  const range = parseRange(rangeHeader, size);
  if (range === 'invalid') return text(416, 'Range not satisfiable.', { 'content-range': `bytes */${size}` });
  const start = range ? range.start : 0;
  const end = range ? range.end : size - 1;
  headers['content-length'] = String(end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  if (method === 'HEAD') return { status, headers };
  const body = Readable.from(plan ? transcoded(plan, start, end) : plain(path, start, end), {
    objectMode: false,
  });
  return { status, headers, body };
}
