/**
 * Grading the graders, worked by hand: strictness against peers who scored the same agents in the same month,
 * median active time, played share, drift alerts, and an inspector seeing only their own row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graderReport, median, type GraderEvaluation } from '../../shared/grader-math';

function ev(
  inspectorId: string,
  agentNo: string,
  month: string,
  total: number,
  work: [number, number, number] | null = null,
): GraderEvaluation {
  return {
    inspectorId,
    inspectorName: `质检员${inspectorId}`,
    agentNo,
    month,
    totalX100: Math.round(total * 100),
    activeSeconds: work ? work[0] : null,
    playedMs: work ? work[1] : null,
    durationMs: work ? work[2] : null,
  };
}

const march = [
  ev('I1', 'X', '2026-03', 80, [300, 60_000, 120_000]),
  ev('I1', 'X', '2026-03', 84, [420, 150_000, 120_000]), // played more than the call (replays): counts as all of it
  ev('I1', 'Y', '2026-03', 90),
  ev('I2', 'X', '2026-03', 90, [200, 30_000, 60_000]),
  ev('I2', 'Y', '2026-03', 95),
  ev('I2', 'Y', '2026-03', 97),
  ev('I3', 'Z', '2026-03', 70), // nobody else scored Z: no strictness
];
const february = [ev('I1', 'X', '2026-02', 70), ev('I2', 'X', '2026-02', 78)];
const options = { from: '2026-03-01', to: '2026-03-31', driftPoints: 5, driftMonths: 2 };

describe('grader report by hand', () => {
  const report = graderReport(
    march,
    [...february, ...march],
    [
      { inspectorId: 'I1', inspectorName: '质检员I1', alignment: 0.9 },
      { inspectorId: 'I1', inspectorName: '质检员I1', alignment: 0.8 },
    ],
    options,
  );
  const row = (id: string) => report.rows.find((r) => r.inspectorId === id)!;

  it('strictness: peers’ mean per agent and month minus own scores, weighted by own count', () => {
    // I1: X → peers (I2) 90, own 80 + 84: 2·90 − 164 = 16; Y → peers (95 + 97)/2 = 96, own 90: 6. (16 + 6)/3 = 7.33
    expect(row('I1').strictness).toBe(7.33);
    // I2: X → peers 82, own 90: −8; Y → peers 90, own 95 + 97: 2·90 − 192 = −12. (−8 − 12)/3 = −6.67
    expect(row('I2').strictness).toBe(-6.67);
    expect(row('I3').strictness).toBeNull();
    expect(report.rows.map((r) => r.inspectorId)).toEqual(['I1', 'I2', 'I3']); // strictest first
  });

  it('counts, mean totals, median active time, played share and alignment', () => {
    expect(row('I1')).toMatchObject({
      name: '质检员I1',
      evaluations: 3,
      meanTotal: 84.67, // 254 / 3
      activeSecondsMedian: 360, // median of 300 and 420; the third evaluation recorded no work
      overturnRate: null,
    });
    expect(row('I1').alignment).toBeCloseTo(0.85, 12);
    expect(row('I1').playedShare).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(row('I2')).toMatchObject({ evaluations: 3, meanTotal: 94, activeSecondsMedian: 200, playedShare: 0.5 });
    expect(row('I3')).toMatchObject({ activeSecondsMedian: null, playedShare: null, alignment: null });
  });

  it('month by month over the drift window, and drift alerts both ways', () => {
    expect(report.months).toEqual(['2026-02', '2026-03']);
    expect(row('I1').months).toEqual([
      { month: '2026-02', evaluations: 1, strictness: 8 },
      { month: '2026-03', evaluations: 3, strictness: 7.33 },
    ]);
    expect(report.alerts).toEqual([
      {
        inspectorId: 'I1',
        name: '质检员I1',
        kind: 'strict',
        months: ['2026-02', '2026-03'],
        values: [8, 7.33],
        threshold: 5,
      },
      {
        inspectorId: 'I2',
        name: '质检员I2',
        kind: 'lenient',
        months: ['2026-02', '2026-03'],
        values: [-8, -6.67],
        threshold: 5,
      },
    ]);
    const higher = graderReport(march, [...february, ...march], [], { ...options, driftPoints: 7.5 });
    expect(higher.alerts.map((a) => a.inspectorId)).toEqual([]); // 7.33 < 7.5 in March
  });

  it('an inspector sees their own row, still measured against everyone', () => {
    const own = graderReport(march, march, [], { ...options, only: 'I2' });
    expect(own.rows.map((r) => [r.inspectorId, r.strictness])).toEqual([['I2', -6.67]]);
  });
});

describe('grader properties', () => {
  it('the median lies between min and max; strictness sums to zero for two inspectors on one agent', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (xs) => {
        const m = median(xs)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const list = [ev('P', 'X', '2026-03', a / 100), ev('Q', 'X', '2026-03', b / 100)];
        const r = graderReport(list, list, [], options);
        const s = Object.fromEntries(r.rows.map((x) => [x.inspectorId, x.strictness!]));
        expect(Math.round(s.P * 100) + Math.round(s.Q * 100)).toBe(0);
        expect(s.P).toBe((b - a) / 100);
      }),
    );
  });
});
