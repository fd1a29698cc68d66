/**
 * What a call-back file's cells may say: the dates and yes/no words call-back sheets use, the header names they go
 * by, and the percentage every rate is shown with (two decimals, half-up on the counts, never float drift).
 */
import { describe, expect, it } from 'vitest';
import { mapHeader, parseDay, parseYesNo } from '../../electron/core/callbacks/parse';
import { percentOf } from '../../shared/report-math';

describe('call-back cells', () => {
  it('reads the dates people and Excel write', () => {
    for (const text of [
      '2026-03-05',
      '2026/3/5',
      '2026.3.5',
      '2026年3月5日',
      '20260305',
      '2026-03-05 14:20',
      '46086',
    ]) {
      expect(parseDay(text), text).toBe('2026-03-05');
    }
    for (const text of ['2026-02-30', '3/5/2026', '昨天', '2026-13-01', '99999999']) {
      expect(parseDay(text), text).toBeUndefined();
    }
  });

  it('reads 是/否 and the words for them', () => {
    expect(['是', '满意', 'Y', 'yes', '1', '√'].map(parseYesNo)).toEqual(Array(6).fill(true));
    expect(['否', '不满意', 'n', 'No', '0', '×'].map(parseYesNo)).toEqual(Array(6).fill(false));
    expect(parseYesNo('也许')).toBeUndefined();
  });

  it('maps header names without case, spaces or brackets, and names the missing ones', () => {
    const columns = mapHeader(['回访 日期', '通话编号', '客户类型', '坐席工号', '时限是否满意', '整体满意', 'Reason']);
    expect([...columns.entries()]).toEqual([
      ['date', 0],
      ['callId', 1],
      ['group', 2],
      ['agentNo', 3],
      ['timeSatisfied', 4],
      ['overallSatisfied', 5],
      ['reason', 6],
    ]);
    expect(() => mapHeader(['日期', '对象'])).toThrow('时限满意、整体满意');
  });
});

describe('percentOf', () => {
  it('gives the real report’s rates', () => {
    expect([percentOf(184, 189), percentOf(314, 321), percentOf(657, 717)]).toEqual([97.35, 97.82, 91.63]);
    expect([percentOf(294, 298), percentOf(20, 23), percentOf(534, 568), percentOf(123, 149)]).toEqual([
      98.66, 86.96, 94.01, 82.55,
    ]);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('rounds half-up exactly, as big-integer arithmetic does, on every count up to 2,000', () => {
    const wrong: string[] = [];
    for (let whole = 1; whole <= 2000; whole += 7) {
      for (let part = 0; part <= whole; part++) {
        // (2·10000·part + whole) ÷ 2·whole in big integers: 10000·part/whole rounded half-up
        const hundredths = (BigInt(part) * 20000n + BigInt(whole)) / (2n * BigInt(whole));
        if (percentOf(part, whole) !== Number(hundredths) / 100) wrong.push(`${part}/${whole}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
