import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alawTable, mulawTable } from '../../electron/core/audio/g711';
import { toInt16 } from '../../electron/core/audio/pcm';
import { downsamplePeaks } from '../../electron/core/audio/downsample-peaks';
import { PeakAnalyser, samplesPerPeakFor } from '../../electron/core/audio/peaks';
import { analyseTalk, gaps, talkOver, union } from '../../electron/core/audio/talk';
import { detectSpeech } from '../../electron/core/audio/vad';
import { maskPhone, type TimeSpan } from '../../shared/recording';

describe('G.711 and PCM conversion', () => {
  it('expands A-law and μ-law like ITU-T G.711', () => {
    expect(alawTable[0xd5]).toBe(8);
    expect(alawTable[0x55]).toBe(-8);
    expect(alawTable[0xaa]).toBe(32256);
    expect(alawTable[0x2a]).toBe(-32256);
    expect(mulawTable[0xff]).toBe(0);
    expect(mulawTable[0x80]).toBe(32124);
    expect(mulawTable[0x00]).toBe(-32124);
    // μ-law is odd-symmetric between its sign halves.
    for (let i = 0; i < 128; i++) expect(mulawTable[i] + mulawTable[i + 128]).toBe(0);
  });

  it('takes the top 16 bits of 24- and 32-bit samples and scales floats', () => {
    const s24 = new Uint8Array([0x56, 0x34, 0x12, 0x00, 0x00, 0x80]);
    expect(Array.from(toInt16('s24', s24, 2, new Int16Array(2)))).toEqual([0x1234, -32768]);
    const f = new Float32Array([0.5, -1, 2]);
    expect(Array.from(toInt16('f32', new Uint8Array(f.buffer), 3, new Int16Array(3)))).toEqual([16384, -32768, 32767]);
    expect(Array.from(toInt16('u8', new Uint8Array([0, 128, 255]), 3, new Int16Array(3)))).toEqual([-32768, 0, 32512]);
  });
});

describe('peaks', () => {
  it('are the same however the stream is split into chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 2, maxLength: 2000 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
        (channels, values, cuts) => {
          const frames = Math.floor(values.length / channels);
          const data = Int16Array.from(values.slice(0, frames * channels));
          const whole = new PeakAnalyser(channels, 80);
          whole.push(data, frames);
          const split = new PeakAnalyser(channels, 80);
          let f = 0;
          for (let i = 0; f < frames; i++) {
            const n = Math.min(cuts[i % cuts.length], frames - f);
            split.push(data.subarray(f * channels, (f + n) * channels), n);
            f += n;
          }
          const a = whole.finish();
          const b = split.finish();
          expect(b.peaks).toEqual(a.peaks);
          expect(b.energy).toEqual(a.energy);
          expect(a.peaks[0].length).toBe(2 * Math.ceil(frames / 80));
        },
      ),
    );
  });

  it('hold each window min and max per channel, at 10 ms per pair', () => {
    expect(samplesPerPeakFor(8000)).toBe(80);
    expect(samplesPerPeakFor(48000)).toBe(480);
    const a = new PeakAnalyser(2, 4);
    a.push(Int16Array.from([1, -1, 5, -5, -3, 3, 2, 0, 7, 7]), 5);
    const r = a.finish();
    expect(Array.from(r.peaks[0])).toEqual([-3, 5, 7, 7]);
    expect(Array.from(r.peaks[1])).toEqual([-5, 3, 7, 7]);
  });

  it('downsample by merging pairs', () => {
    const pairs = Int16Array.from([-1, 1, -5, 2, -2, 9, 0, 0, -7, 3]);
    expect(Array.from(downsamplePeaks(pairs, 2).pairs)).toEqual([-5, 9, -7, 3]);
    expect(downsamplePeaks(pairs, 10).factor).toBe(1);
  });
});

describe('voice activity', () => {
  it('finds tone bursts over a noise floor to within one window', () => {
    const rate = 8000;
    const pcm = new Int16Array(rate * 6);
    let seed = 3;
    for (let i = 0; i < pcm.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      pcm[i] = ((seed >> 8) % 61) - 30;
    }
    const bursts = [
      [500, 1700],
      [1900, 2500], // 200 ms pause: bridged into one turn
      [4000, 5200],
    ];
    for (const [s, e] of bursts)
      for (let i = (s * rate) / 1000; i < (e * rate) / 1000; i++) pcm[i] += Math.round(8000 * Math.sin(i * 0.3));
    const a = new PeakAnalyser(1, 80);
    a.push(pcm, pcm.length);
    const speech = detectSpeech(a.finish().energy[0], 10);
    expect(speech).toEqual([
      { startMs: 500, endMs: 2500 },
      { startMs: 4000, endMs: 5200 },
    ]);
  });

  it('calls digital silence silence', () => {
    expect(detectSpeech(new Float32Array(500), 10)).toEqual([]);
  });
});

const spans = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 8000 })), { maxLength: 30 })
  .map((list) => union(list.map(([s, d]) => ({ startMs: s, endMs: s + d }))));

const overlapsAny = (x: TimeSpan, list: TimeSpan[]) => list.some((y) => y.startMs < x.endMs && y.endMs > x.startMs);

describe('talk analytics', () => {
  it('dead air never overlaps speech and is always longer than the threshold', () => {
    fc.assert(
      fc.property(spans, spans, fc.integer({ min: 1000, max: 10_000 }), (agent, customer, deadAirMs) => {
        const r = analyseTalk([agent, customer], { durationMs: 70_000, deadAirMs, agentChannel: 0 });
        for (const s of r.silences) {
          expect(s.endMs - s.startMs).toBeGreaterThan(deadAirMs);
          expect(overlapsAny(s, agent) || overlapsAny(s, customer)).toBe(false);
        }
        const ratio = r.talkRatio!;
        if (agent.length + customer.length) expect(ratio.agent + ratio.customer).toBeCloseTo(1, 2);
      }),
    );
  });

  it('talk-over lies inside both speakers and names whoever started later', () => {
    fc.assert(
      fc.property(spans, spans, (agent, customer) => {
        for (const e of talkOver(agent, customer, 300)) {
          const a = agent.find((s) => s.startMs <= e.startMs && s.endMs >= e.endMs)!;
          const c = customer.find((s) => s.startMs <= e.startMs && s.endMs >= e.endMs)!;
          expect(a && c).toBeTruthy();
          expect(e.by).toBe(a.startMs > c.startMs ? 'agent' : 'customer');
          expect(e.endMs - e.startMs).toBeGreaterThanOrEqual(300);
        }
      }),
    );
  });

  it('agent cutting in is 抢话; channel 1 can be the agent', () => {
    const agent = [{ startMs: 2000, endMs: 4000 }];
    const customer = [{ startMs: 0, endMs: 3000 }];
    expect(analyseTalk([agent, customer], { durationMs: 5000, deadAirMs: 5000, agentChannel: 0 }).talkOver).toEqual([
      { startMs: 2000, endMs: 3000, by: 'agent' },
    ]);
    expect(analyseTalk([agent, customer], { durationMs: 5000, deadAirMs: 5000, agentChannel: 1 }).talkOver).toEqual([
      { startMs: 2000, endMs: 3000, by: 'customer' },
    ]);
  });

  it('mono gives dead air only, including at the start and end', () => {
    const r = analyseTalk([[{ startMs: 6000, endMs: 7000 }]], { durationMs: 20_000, deadAirMs: 5000, agentChannel: 0 });
    expect(r).toEqual({
      talkOver: [],
      silences: [
        { startMs: 0, endMs: 6000 },
        { startMs: 7000, endMs: 20_000 },
      ],
      talkRatio: null,
      longestAgentMonologueMs: null,
    });
    expect(gaps([], 3000, 5000)).toEqual([]);
  });

  it('a monologue continues over short agent pauses but not over the customer', () => {
    const agent = [
      { startMs: 0, endMs: 3000 },
      { startMs: 4000, endMs: 9000 },
      { startMs: 12_000, endMs: 13_000 },
    ];
    const r = analyseTalk([agent, [{ startMs: 10_000, endMs: 11_000 }]], {
      durationMs: 14_000,
      deadAirMs: 5000,
      agentChannel: 0,
    });
    expect(r.longestAgentMonologueMs).toBe(9000);
  });
});

describe('caller number masking', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('02161234567')).toBe('021****4567');
    expect(maskPhone('95555')).toBe('***55');
    expect(maskPhone('')).toBeNull();
    expect(maskPhone(null)).toBeNull();
  });

  it('never reveals the middle of any number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7,15}$/), (n) => {
        const masked = maskPhone(n)!;
        expect(masked.length).toBe(n.length);
        expect(masked.slice(3, -4)).toMatch(/^\**$/);
      }),
    );
  });
});
