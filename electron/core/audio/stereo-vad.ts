/**
 * Voice activity for two-channel calls, where one side leaks into the other. Recorders pick up the far side as
 * line echo or crosstalk (typically 15–25 dB down and up to 50 ms late), and low-bitrate joint-stereo codecs leave
 * the loud channel's coding noise in the quiet one; channel by channel, that bleed is speech-shaped and well above
 * the line's noise floor, so every turn showed on both channels and whole calls read as talk-over. Here a window is
 * a speaker's own speech only if it is louder than what the other channel's bleed can explain. And an encoder that
 * mixed stereo down to mono (16 kbit/s Opus does) leaves two copies of one signal: nobody can tell who speaks, so
 * such a file is analysed as one channel and says so.
 */
import type { TimeSpan } from '../../../shared/recording';
import { defaultVadOptions, detectSpeech, kthSmallest, speechThresholdDb, type VadOptions } from './vad';

export interface StereoSpeech {
  /** Speech per channel; one entry (the two channels as one) when they hold the same sound. */
  speech: TimeSpan[][];
  channelsSame: boolean;
}

/** Windows a bleed may lag behind its source (60 ms at 10 ms windows: 50 ms of line delay and a window of slack). */
const lagWindows = 6;
/** And lead it: a codec smears its coding noise over its frame, ahead of the sound that causes it. */
const leadWindows = 3;
/** A window counts toward the bleed estimate when its source is this far above the source's speech threshold. */
const sourceActiveDb = 10;
/** A speaker's own window must exceed the bleed the other side explains by this much. */
const ownMarginDb = 6;
/** The source dominates a window when it is this much louder than the target (6 dB). */
const dominance = 4;
/** Share of the loud windows whose two channels are within ±3 dB of each other, above which they are the same. */
const sameShare = 0.85;
const sameWithin = 2; // ±3 dB as an energy ratio

const fromDb = (db: number) => 10 ** (db / 10);

/** For each window, the loudest of `energy` over the windows a bleed of it could reach: t − lead … t + lag. */
function spreadMax(energy: Float32Array): Float32Array {
  const n = energy.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    const from = Math.max(0, i - lagWindows);
    const to = Math.min(n - 1, i + leadWindows);
    for (let j = from; j <= to; j++) if (energy[j] > m) m = energy[j];
    out[i] = m;
  }
  return out;
}

/**
 * Per window of `target`, the energy the bleed of `source` explains: the coupling measured on this call (the
 * upper quartile of target ÷ source over windows where the source clearly speaks, which are mostly the target's
 * silences) times the loudest source energy that can reach the window, with a margin. Null when the source never
 * clearly speaks or leaves no measurable trace in the target.
 */
function bleedFloor(source: Float32Array, target: Float32Array, options: VadOptions): Float32Array | null {
  const active = fromDb(speechThresholdDb(source, options) + sourceActiveDb) * 32768 * 32768;
  const reach = spreadMax(source);
  const ratios = new Float32Array(source.length);
  let count = 0;
  // Only windows the source dominates: where the source channel is itself the target's bleed, the ratio would
  // measure the target's speech instead.
  for (let i = 0; i < source.length; i++)
    if (source[i] >= active && source[i] >= target[i] * dominance) ratios[count++] = target[i] / reach[i];
  if (count < 20) return null;
  const coupling = kthSmallest(ratios.subarray(0, count), Math.floor(count * 0.75));
  const scale = coupling * fromDb(ownMarginDb);
  for (let i = 0; i < reach.length; i++) reach[i] *= scale;
  return reach;
}

/** Whether the two channels carry one signal: in nearly every window where either is loud, both are within 3 dB. */
export function channelsAreSame(a: Float32Array, b: Float32Array, options: VadOptions = defaultVadOptions): boolean {
  const loud = Math.min(fromDb(speechThresholdDb(a, options)), fromDb(speechThresholdDb(b, options))) * 32768 * 32768;
  let windows = 0;
  let close = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < loud && b[i] < loud) continue;
    windows++;
    const ratio = a[i] > b[i] ? a[i] / Math.max(b[i], 1e-9) : b[i] / Math.max(a[i], 1e-9);
    if (ratio <= sameWithin) close++;
  }
  // Half a second of speech at least: a call that is all line noise says nothing about its channels.
  return windows >= 50 && close >= windows * sameShare;
}

/** Speech per channel of a stereo call, each channel's own speech only; see the file comment. */
export function detectStereoSpeech(
  energy: [Float32Array, Float32Array],
  msPerWindow: number,
  options: VadOptions = defaultVadOptions,
): StereoSpeech {
  const [a, b] = energy;
  if (channelsAreSame(a, b, options)) {
    const mix = new Float32Array(a.length);
    for (let i = 0; i < a.length; i++) mix[i] = (a[i] + b[i]) / 2;
    return { speech: [detectSpeech(mix, msPerWindow, options)], channelsSame: true };
  }
  return {
    speech: [
      detectSpeech(a, msPerWindow, options, bleedFloor(b, a, options) ?? undefined),
      detectSpeech(b, msPerWindow, options, bleedFloor(a, b, options) ?? undefined),
    ],
    channelsSame: false,
  };
}
