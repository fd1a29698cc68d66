/**
 * Krippendorff's α, the inter-rater agreement the calibration results report (shared by the app and the server, so
 * both read the same figure from the same scores).
 *
 * Reliability data are units (here: one scorecard item of one call), each with the values the coders (inspectors)
 * gave it; a coder who gave no value (N/A, or did not score the call) is simply absent from the unit. Following
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", with the coincidence matrix:
 *
 *   o_ck = Σ_u  (number of c–k pairs of values from different coders in u) / (m_u − 1),   over units with m_u ≥ 2
 *   n_c  = Σ_k o_ck,   n = Σ_c n_c
 *   α    = 1 − (n − 1) · Σ_c Σ_k o_ck δ²(c, k)  /  Σ_c Σ_k n_c n_k δ²(c, k)
 *
 * with δ²(c, k) = 0 if c = k else 1 (nominal) and (c − k)² (interval). α = 1 is perfect agreement, 0 agreement no
 * better than chance; it is undefined (null here) when no unit has two values or all values are the same (no
 * variation to disagree about).
 */

export type AlphaMetric = 'nominal' | 'interval';

/** A unit's values, one per coder who gave one (order does not matter). */
export type AlphaUnit = readonly (number | string)[];

export interface AlphaResult {
  alpha: number | null;
  /** Units with at least two values: what α is computed from. */
  pairableUnits: number;
  /** Values in those units (n). */
  values: number;
}

function delta2(metric: AlphaMetric, a: number | string, b: number | string): number {
  if (metric === 'nominal') return a === b ? 0 : 1;
  const d = Number(a) - Number(b);
  return d * d;
}

const compare = (a: number | string, b: number | string): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;

/**
 * α for these units. Distinct values are taken in sorted order and units are reduced to value counts, so the
 * result does not depend on the order of coders within a unit (bit for bit, not just to rounding).
 */
export function krippendorffAlpha(units: readonly AlphaUnit[], metric: AlphaMetric): AlphaResult {
  const pairable = units.filter((u) => u.length >= 2);
  const distinct = [...new Set(pairable.flat())].sort(compare);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const size = distinct.length;
  // Whole pair counts per unit size m, divided by m − 1 only at the end and in a fixed order: the sum is then the
  // same whatever order the units come in (floating-point addition is not associative).
  const pairsBySize = new Map<number, number[]>();
  for (const unit of pairable) {
    const counts = new Map<number, number>();
    for (const v of unit) {
      const i = index.get(v)!;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    let pairs = pairsBySize.get(unit.length);
    if (!pairs) pairsBySize.set(unit.length, (pairs = new Array<number>(size * size).fill(0)));
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) pairs[c * size + k] += c === k ? nc * (nc - 1) : nc * nk;
    }
  }
  const o: number[] = new Array<number>(size * size).fill(0);
  for (const m of [...pairsBySize.keys()].sort((a, b) => a - b)) {
    const pairs = pairsBySize.get(m)!;
    for (let i = 0; i < pairs.length; i++) o[i] += pairs[i] / (m - 1);
  }
  const margins = distinct.map((_, c) => {
    let sum = 0;
    for (let k = 0; k < size; k++) sum += o[c * size + k];
    return sum;
  });
  const n = margins.reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = delta2(metric, distinct[c], distinct[k]);
      observed += o[c * size + k] * d;
      expected += margins[c] * margins[k] * d;
    }
  }
  const values = pairable.reduce((sum, u) => sum + u.length, 0);
  if (pairable.length === 0 || expected === 0) return { alpha: null, pairableUnits: pairable.length, values };
  return { alpha: 1 - ((n - 1) * observed) / expected, pairableUnits: pairable.length, values };
}

/**
 * Krippendorff's own reading of α: conclusions drawn from data with α ≥ .800 are reliable, .667 ≤ α < .800 allows
 * tentative conclusions only, below .667 the data should not be relied on.
 */
export type AlphaReading = 'reliable' | 'tentative' | 'unreliable' | 'undefined';

export function alphaReading(alpha: number | null): AlphaReading {
  if (alpha === null) return 'undefined';
  if (alpha >= 0.8) return 'reliable';
  if (alpha >= 0.667) return 'tentative';
  return 'unreliable';
}
