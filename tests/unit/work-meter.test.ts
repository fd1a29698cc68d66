/**
 * Active time and played stretches, on a clock of the test's own: what the grader reports' "time per evaluation" and
 * "share of the call played" are made of.
 */
import { describe, expect, it } from 'vitest';
import { mergeSpans, spanLength } from '../../electron/core/calibration/work';
import { playedSpans, WorkMeter } from '../../renderer/features/calibration/work-meter';

/** Ticks every second from `from` to `to` (ms), as the recorder does. */
function run(meter: WorkMeter, from: number, to: number) {
  for (let t = from + 1000; t <= to; t += 1000) meter.tick(t);
}

describe('active time', () => {
  it('counts while the inspector is at it, up to a minute after the last input', () => {
    const meter = new WorkMeter(0);
    run(meter, 0, 30_000);
    expect(meter.take(30_000)).toBe(30_000);
    meter.input(30_000);
    run(meter, 30_000, 200_000); // reading the card for a minute, then gone
    expect(meter.take(200_000)).toBe(60_000);
  });

  it('counts while the audio plays without input, and not after it stopped and the minute passed', () => {
    const meter = new WorkMeter(0);
    meter.setPlaying(true, 0);
    run(meter, 0, 300_000); // five minutes of listening
    meter.setPlaying(false, 300_000);
    run(meter, 300_000, 500_000);
    expect(meter.take(500_000)).toBe(300_000 + 60_000);
  });

  it('does not count a hidden window, nor a machine asleep between two ticks', () => {
    const meter = new WorkMeter(0);
    meter.setVisible(false, 0);
    meter.setPlaying(true, 0);
    run(meter, 0, 120_000);
    expect(meter.take(120_000)).toBe(0);
    meter.setVisible(true, 120_000);
    meter.tick(121_000);
    meter.tick(3_721_000); // the lid closed for an hour: one step counts 5 s at most
    expect(meter.take(3_721_000)).toBe(1_000 + 5_000);
  });
});

describe('played stretches', () => {
  it('reads a media element’s played ranges in whole milliseconds', () => {
    const ranges = [
      [0, 1.5],
      [3.2004, 7.9],
    ];
    const fake = { length: 2, start: (i: number) => ranges[i][0], end: (i: number) => ranges[i][1] };
    expect(playedSpans(fake)).toEqual([
      [0, 1500],
      [3200, 7900],
    ]);
  });

  it('adds up reports as the union of what was played (replays count once)', () => {
    const spans = mergeSpans([
      [0, 10_000],
      [5_000, 30_000],
      [40_000, 50_000],
      [30_000, 31_000],
      [45_000, 46_000],
    ]);
    expect(spans).toEqual([
      [0, 31_000],
      [40_000, 50_000],
    ]);
    expect(spanLength(spans)).toBe(41_000);
  });
});
