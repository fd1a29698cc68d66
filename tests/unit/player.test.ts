import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelGains } from '../../renderer/features/player/audio-graph';
import { scorecardKeys } from '../../renderer/features/evaluate/keyboard';
import { actionFor } from '../../renderer/features/player/keys';
import { analysisMarkers, deadAirSkip, noteMarkers, replaySpan } from '../../renderer/features/player/markers';
import { chunkSeconds, PeakCache, pairsFromBase64, pairsToLevels } from '../../renderer/features/player/peaks';
import { formatClock, formatDuration, formatPosition } from '../../renderer/features/player/clock';
import { tickInterval, ticks } from '../../renderer/features/player/timeline';

const key = (k: string, shift = false) => ({ key: k, shiftKey: shift, ctrlKey: false, metaKey: false, altKey: false });

describe('peaks for the waveform', () => {
  it('turns min/max pairs into 0..1 levels (the larger magnitude)', () => {
    expect(Array.from(pairsToLevels([-16384, 8192, -100, 32767, -32768, 0]))).toEqual([0.5, 32767 / 32768, 1]);
  });

  it('reads the peaks as the core sends them (base64 of 16-bit pairs)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 500 }), (values) => {
        const sent = Buffer.from(Int16Array.from(values).buffer).toString('base64');
        expect(Array.from(pairsFromBase64(sent))).toEqual(values);
      }),
    );
  });

  it('draws the coarse copy until zoomed past it, then a full-resolution array filled window by window', () => {
    // 10 minutes: 60 000 pairs of 10 ms at full resolution, 6 000 of 100 ms in the coarse copy.
    const base = [Array.from({ length: 12_000 }, (_, i) => (i % 2 ? 3276 : -3276))];
    const cache = new PeakCache({ durationMs: 600_000, fullMsPerPeak: 10, base: { msPerPeak: 100, channels: base } });
    expect(cache.needsFine(10)).toBe(false);
    expect(cache.levels(10)).toBe(cache.base);
    // The whole call in a narrow player: a copy with about one value per pixel, the larger of each pair kept.
    const whole = cache.levels(0.5);
    expect(whole[0].length).toBe(375);
    expect(whole[0][100]).toBeCloseTo(0.1, 3);
    expect(cache.levels(0)[0].length).toBeGreaterThanOrEqual(256);
    expect(cache.needsFine(50)).toBe(true);
    const fine = cache.levels(200);
    expect(fine[0].length).toBe(60_000);
    // Between the two, a copy with about one value per pixel (wavesurfer draws every value it is given).
    const twentyMs = cache.levels(50);
    expect(twentyMs[0].length).toBe(30_000);
    expect(cache.levels(20)[0].length).toBe(15_000);
    expect(fine[0][12_345]).toBeCloseTo(0.1, 3);
    const want = cache.missing(65_000, 70_000)!;
    expect(want).toEqual({ startMs: 60_000, endMs: 90_000 });
    const pairs = Array.from({ length: 3_000 * 2 }, (_, i) => (i % 2 ? 16384 : 0));
    cache.apply(want.startMs, want.endMs, [pairs]);
    expect(fine[0][6_000]).toBe(0.5);
    expect(fine[0][8_999]).toBe(0.5);
    expect(fine[0][9_000]).toBeCloseTo(0.1, 3);
    // The coarser copies follow what was fetched.
    expect(twentyMs[0][3_000]).toBe(0.5);
    expect(twentyMs[0][4_499]).toBe(0.5);
    expect(twentyMs[0][4_500]).toBeCloseTo(0.1, 3);
    expect(cache.levels(20)[0][2_249]).toBe(0.5);
    expect(cache.missing(61_000, 89_000)).toBeNull();
    expect(cache.missing(0, 600_000)).toEqual({ startMs: 0, endMs: 600_000 });
  });

  it('a coarser copy keeps the loudest value of each span it covers, at about one value per pixel', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 600, maxLength: 4000 }),
        fc.double({ min: 0.001, max: 20, noNaN: true }),
        (raw, pxPerSec) => {
          const pairs = raw.length % 2 ? raw.slice(1) : raw;
          const durationMs = (pairs.length / 2) * 100;
          const cache = new PeakCache({ durationMs, fullMsPerPeak: 100, base: { msPerPeak: 100, channels: [pairs] } });
          const base = cache.base[0];
          const level = cache.levels(pxPerSec)[0];
          let span = 1;
          while (Math.ceil(base.length / span) > level.length) span *= 2;
          expect(Math.ceil(base.length / span)).toBe(level.length);
          for (let i = 0; i < level.length; i++)
            expect(level[i]).toBe(Math.max(...base.subarray(i * span, (i + 1) * span)));
          // Never more than 1.5 px per value, unless it is the coarse copy itself; never below 256 values.
          if (span > 1) expect((pxPerSec * span * 100) / 1000).toBeLessThanOrEqual(1.5);
          expect(level.length).toBeGreaterThanOrEqual(Math.min(base.length, 256));
        },
      ),
    );
  });

  it('never asks again for what it has, and the last chunk ends at the call', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7_200_000 }), fc.integer({ min: 0, max: 7_200_000 }), (dur, at) => {
        const cache = new PeakCache({
          durationMs: dur,
          fullMsPerPeak: 10,
          base: { msPerPeak: 1000, channels: [[0, 0]] },
        });
        cache.levels(1e6);
        const start = Math.min(at, dur - 1);
        const want = cache.missing(start, Math.min(dur, start + 5_000));
        expect(want).not.toBeNull();
        expect(want!.startMs % (chunkSeconds * 1000)).toBe(0);
        expect(want!.endMs).toBeLessThanOrEqual(dur);
        cache.apply(want!.startMs, want!.endMs, [[]]);
        expect(cache.missing(start, Math.min(dur, start + 5_000))).toBeNull();
      }),
    );
  });

  it('short calls open at full resolution and never fetch', () => {
    const cache = new PeakCache({ durationMs: 60_000, fullMsPerPeak: 10, base: { msPerPeak: 10, channels: [[0, 1]] } });
    expect(cache.needsFine(1000)).toBe(false);
    expect(cache.missing(0, 60_000)).toBeNull();
  });
});

describe('timeline', () => {
  it('keeps labels apart at every zoom and only lists ticks in the visible range', () => {
    expect(tickInterval(100)).toBe(1);
    expect(tickInterval(0.2)).toBe(600);
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 7000, noNaN: true }),
        (px, start) => {
          const end = start + 800 / px;
          const { major, minor } = ticks(start, end, px);
          expect(major.length + minor.length).toBeLessThanOrEqual(Math.ceil((800 / 70) * 5) + 10);
          for (const t of [...major, ...minor]) {
            expect(t).toBeGreaterThanOrEqual(
              Math.floor(start / (tickInterval(px) / 5)) * (tickInterval(px) / 5) - 1e-6,
            );
            expect(t).toBeLessThanOrEqual(end + 1e-6);
          }
        },
      ),
    );
  });

  it('formats clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65.25, true)).toBe('1:05.2');
    expect(formatClock(3725)).toBe('1:02:05');
    // One writing for a note's time and a call's length everywhere (the read-only views wrote 00:12 and 1:05).
    expect(formatPosition(12_999)).toBe('0:12');
    expect(formatDuration(64_600)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});

describe('markers', () => {
  const silences = [
    { startMs: 10_000, endMs: 17_000 },
    { startMs: 30_000, endMs: 30_500 },
    { startMs: 50_000, endMs: 60_000 },
  ];

  it('skips dead air to just before speech resumes, and leaves short gaps alone', () => {
    expect(deadAirSkip(9_999, silences)).toBeNull();
    expect(deadAirSkip(10_000, silences)).toBe(16_750);
    expect(deadAirSkip(16_500, silences)).toBeNull();
    expect(deadAirSkip(30_100, silences)).toBeNull();
    expect(deadAirSkip(55_000, silences)).toBe(59_750);
    expect(deadAirSkip(60_000, silences)).toBeNull();
  });

  it('a skip always moves forward and lands inside the same silence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70_000 }), (t) => {
        const to = deadAirSkip(t, silences);
        if (to === null) return;
        const s = silences.find((x) => t >= x.startMs && t < x.endMs)!;
        expect(to).toBeGreaterThan(t);
        expect(to).toBeLessThan(s.endMs);
      }),
    );
  });

  it('colours talk-over by who started it, and shows notes on a moment as points', () => {
    const markers = analysisMarkers({
      talkOver: [
        { startMs: 5000, endMs: 6000, by: 'agent' },
        { startMs: 1000, endMs: 1500, by: 'customer' },
      ],
      silences: [{ startMs: 2000, endMs: 9000 }],
      talkRatio: null,
      speech: [],
      agentChannel: 0,
      longestAgentMonologueMs: null,
      deadAirSeconds: 5,
      channelsSame: false,
    });
    expect(markers.map((m) => m.kind)).toEqual(['talkOverCustomer', 'deadAir', 'talkOverAgent']);
    const note = {
      id: 3,
      recordingId: 'r',
      startMs: 400,
      endMs: null,
      itemId: null,
      text: 'x',
      createdAt: '',
      updatedAt: '',
    };
    expect(noteMarkers([note])).toEqual([{ id: 'note-3', kind: 'note', startMs: 400, endMs: 400, noteId: 3 }]);
    expect(replaySpan(note, 3000)).toEqual([0, 3000]);
    expect(replaySpan({ startMs: 1000, endMs: 2500 }, 3000)).toEqual([1000, 2500]);
  });
});

describe('channel mute and solo', () => {
  it('solo wins over mute; with no solo, muted channels are silent', () => {
    expect(channelGains([false, false], [false, false])).toEqual([1, 1]);
    expect(channelGains([true, false], [false, false])).toEqual([0, 1]);
    expect(channelGains([false, true], [true, false])).toEqual([1, 0]);
    expect(channelGains([true, true], [false, true])).toEqual([0, 1]);
    expect(channelGains([false, false], [true, true])).toEqual([1, 1]);
  });
});

describe('player keys', () => {
  it('maps the documented keys and nothing with a modifier', () => {
    expect(actionFor(key(' '))).toEqual({ type: 'playPause' });
    expect(actionFor(key('ArrowLeft'))).toEqual({ type: 'skip', seconds: -5 });
    expect(actionFor(key('ArrowRight', true))).toEqual({ type: 'skip', seconds: 15 });
    expect(actionFor(key(']'))).toEqual({ type: 'speed', direction: 1 });
    expect(actionFor(key('z'))).toEqual({ type: 'zoom', direction: 1 });
    expect(actionFor(key('Z', true))).toEqual({ type: 'zoom', direction: -1 });
    expect(actionFor(key('m'))).toEqual({ type: 'note' });
    expect(actionFor(key('?', true))).toEqual({ type: 'help' });
    expect(actionFor({ ...key(' '), ctrlKey: true })).toBeNull();
    expect(actionFor(key('j'))).toBeNull();
  });

  it('uses no key the scorecard uses: one key means one thing on the evaluate page', () => {
    expect(scorecardKeys).toContain('n');
    expect(scorecardKeys).toContain('+');
    for (const k of scorecardKeys) {
      expect(actionFor(key(k)), k).toBeNull();
      expect(actionFor(key(k, true)), `Shift+${k}`).toBeNull();
    }
  });
});
