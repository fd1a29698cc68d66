/** Min/max pairs merged down to at most `maxPairs` (each output pair covers `factor` input pairs). */
export function downsamplePeaks(pairs: Int16Array, maxPairs: number): { pairs: Int16Array; factor: number } {
  const count = pairs.length / 2;
  const factor = Math.max(1, Math.ceil(count / maxPairs));
  if (factor === 1) return { pairs, factor };
  const outCount = Math.ceil(count / factor);
  const out = new Int16Array(outCount * 2);
  for (let o = 0; o < outCount; o++) {
    let mn = 32767;
    let mx = -32768;
    const end = Math.min(count, (o + 1) * factor);
    for (let i = o * factor; i < end; i++) {
      const a = pairs[2 * i];
      const b = pairs[2 * i + 1];
      if (a < mn) mn = a;
      if (b > mx) mx = b;
    }
    out[2 * o] = mn;
    out[2 * o + 1] = mx;
  }
  return { pairs: out, factor };
}

/**
 * Every channel merged down to at most `maxPairs` pairs, packed channel after channel as the database stores
 * peaks. All channels have as many pairs, so they share one factor.
 */
export function overviewOf(
  channels: Int16Array[],
  maxPairs: number,
): { factor: number; data: Int16Array<ArrayBuffer> } {
  const merged = channels.map((pairs) => downsamplePeaks(pairs, maxPairs));
  const length = merged[0]?.pairs.length ?? 0;
  const data = new Int16Array(length * merged.length);
  merged.forEach((m, c) => data.set(m.pairs, c * length));
  return { factor: merged[0]?.factor ?? 1, data };
}
