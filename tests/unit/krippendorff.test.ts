/**
 * Krippendorff's α: hand-worked examples, the published examples reproduced to the digits their authors give, and
 * properties (perfect agreement is 1, the coders' order and the units' order change nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaReading, krippendorffAlpha, type AlphaUnit } from '../../shared/krippendorff';

const N = null;

/** Reliability data as published, one row per coder (null = missing), turned into units. */
function unitsOf(rows: (number | null)[][]): AlphaUnit[] {
  return rows[0].map((_, u) => rows.map((r) => r[u]).filter((v): v is number => v !== null));
}

describe('Krippendorff’s α worked by hand', () => {
  it('nominal: units (a,a), (a,b), (b,b) give 4/9', () => {
    // o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n_a = n_b = 3, n = 6.
    // α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 − 5·2 / (3·3 + 3·3) = 1 − 10/18 = 4/9
    const r = krippendorffAlpha(
      [
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'b'],
      ],
      'nominal',
    );
    expect(r.alpha).toBeCloseTo(4 / 9, 12);
    expect(r).toMatchObject({ pairableUnits: 3, values: 6 });
  });

  it('interval: units (1,2), (3,3) give 8/11', () => {
    // o_12 = o_21 = 1, o_33 = 2; n_1 = n_2 = 1, n_3 = 2, n = 4. Observed Σ o δ² = 1 + 1 = 2.
    // Expected Σ n_c n_k δ² = 2·(1·1·1) + 2·(1·2·4) + 2·(1·2·1) = 2 + 16 + 4 = 22. α = 1 − 3·2/22 = 16/22.
    expect(
      krippendorffAlpha(
        [
          [1, 2],
          [3, 3],
        ],
        'interval',
      ).alpha,
    ).toBeCloseTo(16 / 22, 12);
  });

  it('is undefined without two values in a unit, or without any variation', () => {
    expect(krippendorffAlpha([[1], [2], []], 'interval').alpha).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [3, 3],
          [3, 3, 3],
        ],
        'interval',
      ).alpha,
    ).toBeNull();
    expect(alphaReading(null)).toBe('undefined');
  });

  it('reads α as Krippendorff does: ≥ .800 reliable, ≥ .667 tentative, below unreliable', () => {
    expect([0.8, 0.799, 0.667, 0.666, -0.2].map(alphaReading)).toEqual([
      'reliable',
      'tentative',
      'tentative',
      'unreliable',
      'unreliable',
    ]);
  });
});

describe('published examples', () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example B: two observers, ten units, binary.
  it('example B (binary, 2 observers): nominal α = 0.095', () => {
    const units = unitsOf([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(krippendorffAlpha(units, 'nominal').alpha!.toFixed(3)).toBe('0.095');
  });

  // Example C: four observers, twelve units, missing values (values 1–5).
  const exampleC = unitsOf([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
  ]);
  it('example C (4 observers, missing data): nominal α = 0.743, interval α = 0.849', () => {
    expect(krippendorffAlpha(exampleC, 'nominal').alpha!.toFixed(3)).toBe('0.743');
    expect(krippendorffAlpha(exampleC, 'interval').alpha!.toFixed(3)).toBe('0.849');
    // unit 12 has a single value (observer B's 3): it cannot be paired and does not count
    expect(krippendorffAlpha(exampleC, 'nominal').pairableUnits).toBe(11);
  });

  // The computational example of Wikipedia's article (three coders, fifteen units), as the krippendorff Python
  // package's tests check it: nominal 0.691358, interval 0.810845.
  const wikipedia = unitsOf([
    [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
    [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
    [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
  ]);
  it('Wikipedia’s example: nominal α = 0.691358, interval α = 0.810845', () => {
    expect(krippendorffAlpha(wikipedia, 'nominal').alpha!.toFixed(6)).toBe('0.691358');
    expect(krippendorffAlpha(wikipedia, 'interval').alpha!.toFixed(6)).toBe('0.810845');
  });
});

const metric = fc.constantFrom('nominal' as const, 'interval' as const);
/** Units of 0–5 values (0–4 on a small scale, so values repeat and agreement happens). */
const unitsArb = fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }), { minLength: 1, maxLength: 12 });

describe('α properties', () => {
  it('perfect agreement gives α = 1 whenever the values vary at all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 2, max: 6 })), {
          minLength: 2,
          maxLength: 10,
        }),
        metric,
        (spec, m) => {
          const units = spec.map(([value, coders]) => Array<number>(coders).fill(value));
          fc.pre(new Set(spec.map(([v]) => v)).size > 1);
          expect(krippendorffAlpha(units, m).alpha).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('permuting the coders within units and the units themselves changes nothing, bit for bit', () => {
    fc.assert(
      fc.property(unitsArb, metric, fc.integer(), (units, m, seed) => {
        let s = seed >>> 0;
        const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
        const shuffle = <T>(list: readonly T[]) =>
          list
            .map((v) => ({ v, k: next() }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.v);
        const permuted = shuffle(units.map((u) => shuffle(u)));
        expect(krippendorffAlpha(permuted, m)).toEqual(krippendorffAlpha(units, m));
      }),
      { numRuns: 300 },
    );
  });

  it('never exceeds 1', () => {
    fc.assert(
      fc.property(unitsArb, metric, (units, m) => {
        const { alpha } = krippendorffAlpha(units, m);
        if (alpha !== null) expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 300 },
    );
  });
});
