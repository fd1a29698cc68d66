/** Small, fast, seedable PRNG (mulberry32): the same plan seed always draws the same calls. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit number for a string, to give each agent its own random stream from the plan's seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Picks `count` of the candidates, spread over time: the candidates (sorted by call time) are cut into `count`
 * consecutive strata of near-equal size and one call is drawn at random from each. So a quota of 10 never lands
 * on the first three days of the month, yet every call can be picked.
 */
export function drawSpread<T>(sortedCandidates: T[], count: number, random: () => number): T[] {
  const n = sortedCandidates.length;
  if (count <= 0) return [];
  if (n <= count) return [...sortedCandidates];
  const picked: T[] = [];
  for (let k = 0; k < count; k++) {
    const start = Math.floor((k * n) / count);
    const end = Math.floor(((k + 1) * n) / count);
    picked.push(sortedCandidates[start + Math.floor(random() * (end - start))]);
  }
  return picked;
}

/** [first instant of the month, first instant of the next) as string bounds for ISO local times. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: `${month}-01`, end: `${next}-01` };
}
