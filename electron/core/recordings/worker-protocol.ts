import type { ImportFailureReason, TalkOverEvent, TimeSpan } from '../../../shared/recording';
import type { AudioErrorCode } from '../audio/errors';

export type WorkerRequest =
  | { id: number; type: 'hash'; path: string }
  | {
      id: number;
      type: 'analyse';
      path: string;
      agentChannel: number;
      deadAirSeconds: number;
      /** For headerless Dialogic VOX files (settings, or the manifest row). */
      voxSampleRate?: number;
      /** Also return the file's SHA-256, from the same reads (the importer knows it cannot be a duplicate yet). */
      hash?: boolean;
      /** Int32 flag shared by every file of a job: non-zero means stop at the next chunk. */
      cancel?: SharedArrayBuffer;
    };

export interface HashResult {
  sha256: string;
  sizeBytes: number;
}

export interface AnalyseResult {
  container: string;
  codec: string;
  sampleRate: number;
  channels: number;
  durationMs: number;
  samplesPerPeak: number;
  peakCount: number;
  /** Int16 LE min/max pairs, channel after channel (transferred, not copied). */
  peaks: ArrayBuffer;
  /** The same merged down to at most `overviewPeaks` pairs per channel, `overviewFactor` pairs each. */
  overview: ArrayBuffer;
  overviewFactor: number;
  speech: TimeSpan[][];
  talkOver: TalkOverEvent[];
  silences: TimeSpan[];
  talkRatioAgent: number | null;
  longestMonologueMs: number | null;
  /** A stereo file whose channels are the same sound, analysed as mono (audio/stereo-vad.ts). */
  channelsSame: boolean;
  /** Present when the request asked for it. */
  sha256?: string;
  /** A WAV shorter than its header says (imported with a warning). */
  truncated?: { declaredBytes: number; availableBytes: number };
  /** Time spent in the worker, for the benchmark. */
  workerMs: number;
  /** CPU time the worker thread used on this file, where the platform reports it (benchmark). */
  workerCpuMs?: number;
}

export type WorkerResponse =
  | { id: number; ok: true; result: HashResult | AnalyseResult }
  | { id: number; ok: false; code: AudioErrorCode | 'internal'; message: string; reason?: ImportFailureReason };
