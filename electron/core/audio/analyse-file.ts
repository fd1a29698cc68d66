import { extname } from 'node:path';
import type { TimeSpan } from '../../../shared/recording';
import { decodeStream } from './decode';
import { PeakAnalyser, samplesPerPeakFor } from './peaks';
import { probe, type AudioInfo } from './probe';
import { HashingSource } from './hashing-source';
import { FileSource } from './source';
import { analyseTalk, type TalkAnalysis } from './talk';
import { detectStereoSpeech } from './stereo-vad';
import { detectSpeech } from './vad';

export interface FileAnalysis {
  info: AudioInfo;
  durationMs: number;
  frames: number;
  samplesPerPeak: number;
  /** Per channel min/max pairs, signed 16-bit. */
  peaks: Int16Array[];
  speech: TimeSpan[][];
  /** A stereo file whose channels hold the same sound: `speech` has one entry and talk is analysed as mono. */
  channelsSame: boolean;
  talk: TalkAnalysis;
  /** The file's SHA-256, when asked for (`hash`), from the same reads as the decode. */
  sha256?: string;
}

export interface AnalyseOptions {
  agentChannel: number;
  deadAirSeconds: number;
  /** Sample rate for Dialogic VOX files, which have no header (settings or the manifest say it). */
  voxSampleRate?: number;
  /** Hash the whole file while decoding it. */
  hash?: boolean;
  isCancelled?: () => boolean;
}

/** Probe, decode, peaks, voice activity and talk analytics for one file, streaming it once. */
export async function analyseFile(path: string, options: AnalyseOptions): Promise<FileAnalysis> {
  const file = new FileSource(path);
  const src = options.hash ? new HashingSource(file) : file;
  try {
    const info = probe(src, { extension: extname(path), voxSampleRate: options.voxSampleRate });
    const samplesPerPeak = samplesPerPeakFor(info.sampleRate);
    const analyser = new PeakAnalyser(info.channels, samplesPerPeak, info.estimatedFrames ?? 0);
    await decodeStream(src, info, analyser, { isCancelled: options.isCancelled });
    const result = analyser.finish();
    const durationMs = Math.round((result.frames * 1000) / info.sampleRate);
    const msPerWindow = (samplesPerPeak * 1000) / info.sampleRate;
    const { speech, channelsSame } =
      result.energy.length === 2
        ? detectStereoSpeech([result.energy[0], result.energy[1]], msPerWindow)
        : { speech: result.energy.map((e) => detectSpeech(e, msPerWindow)), channelsSame: false };
    for (const spans of speech) {
      const last = spans.at(-1);
      if (last && last.endMs > durationMs) last.endMs = durationMs;
    }
    const talk = analyseTalk(speech, {
      durationMs,
      deadAirMs: options.deadAirSeconds * 1000,
      agentChannel: options.agentChannel,
    });
    const sha256 = src instanceof HashingSource ? src.digest() : undefined;
    return {
      info,
      durationMs,
      frames: result.frames,
      samplesPerPeak,
      peaks: result.peaks,
      speech,
      channelsSame,
      talk,
      sha256,
    };
  } finally {
    file.close();
  }
}
