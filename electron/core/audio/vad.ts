import type { TimeSpan } from '../../../shared/recording';

export interface VadOptions {
  /** Frames above the channel's noise floor by this much count as speech. */
  marginDb: number;
  /** Never call anything quieter than this speech, however silent the line is. */
  minSpeechDb: number;
  /** Pauses shorter than this inside a turn do not split it (breaths, commas). */
  bridgeMs: number;
  /** Bursts shorter than this are clicks or line noise, not speech. */
  minSegmentMs: number;
}

export const defaultVadOptions: VadOptions = { marginDb: 12, minSpeechDb: -50, bridgeMs: 400, minSegmentMs: 120 };

const fullScale = 32768 * 32768;

/** dBFS of each window's mean square. */
export function energyToDb(energy: Float32Array): Float32Array {
  const db = new Float32Array(energy.length);
  for (let i = 0; i < energy.length; i++) db[i] = 10 * Math.log10(energy[i] / fullScale + 1e-12);
  return db;
}

function percentile(values: Float32Array, p: number): number {
  if (values.length === 0) return -120;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Energy-based voice activity for one channel. The threshold adapts to the line's own noise floor (the 10th
 * percentile of window levels), so a noisy trunk and a clean digital line both work without tuning.
 */
export function detectSpeech(
  energy: Float32Array,
  msPerWindow: number,
  options: VadOptions = defaultVadOptions,
): TimeSpan[] {
  const db = energyToDb(energy);
  const threshold = Math.max(percentile(db, 0.1) + options.marginDb, options.minSpeechDb);
  const raw: TimeSpan[] = [];
  let start = -1;
  for (let i = 0; i <= db.length; i++) {
    const speech = i < db.length && db[i] >= threshold;
    if (speech && start < 0) start = i;
    else if (!speech && start >= 0) {
      raw.push({ startMs: Math.round(start * msPerWindow), endMs: Math.round(i * msPerWindow) });
      start = -1;
    }
  }
  const bridged: TimeSpan[] = [];
  for (const span of raw) {
    const last = bridged.at(-1);
    if (last && span.startMs - last.endMs < options.bridgeMs) last.endMs = span.endMs;
    else bridged.push({ ...span });
  }
  return bridged.filter((s) => s.endMs - s.startMs >= options.minSegmentMs);
}
