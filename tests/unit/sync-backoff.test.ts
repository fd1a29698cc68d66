import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../electron/core/sync/backoff';
import { decodeCsv, parseRosterCsv } from '../../server/admin-commands';

describe('reconnect backoff', () => {
  it('stays within [half, full] of the capped exponential delay and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseMs, extra, r) => {
          const capMs = baseMs + extra;
          const full = Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 30));
          const d = backoffDelay(attempt, { baseMs, capMs }, () => r);
          return d >= Math.floor(full / 2) && d <= Math.ceil(full) && d <= capMs;
        },
      ),
    );
  });

  it('grows with the attempt until the cap, and jitter spreads devices apart', () => {
    const opts = { baseMs: 1000, capMs: 60_000 };
    expect(backoffDelay(1, opts, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(4, opts, () => 0.999)).toBeGreaterThan(7000);
    expect(backoffDelay(50, opts, () => 0.999)).toBeLessThanOrEqual(60_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(6, opts)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('roster CSV (import-agents)', () => {
  it('reads Chinese headers in any order, and GB18030 files as Excel writes them', async () => {
    const text = '姓名,工号,站点,班组\n杨冲,1001,杭州,一组\n"李, 娜",1002,,二组\n';
    expect(parseRosterCsv(text)).toEqual([
      { agentNo: '1001', name: '杨冲', team: '一组', site: '杭州' },
      { agentNo: '1002', name: '李, 娜', team: '二组', site: null },
    ]);
    const { default: iconv } = await import('iconv-lite');
    expect(decodeCsv(iconv.encode(text, 'gb18030'))).toBe(text);
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(text);
    // Excel's "Unicode text" is UTF-16 with a BOM: the app read it, the server's roster import did not
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
  });

  it('takes columns in order without a header, and refuses a bad agent number with its row', () => {
    expect(parseRosterCsv('A7,王五,三组,宁波\n')).toEqual([
      { agentNo: 'A7', name: '王五', team: '三组', site: '宁波' },
    ]);
    expect(() => parseRosterCsv('工号,姓名\nA 1,张三\n')).toThrow(/Row 1/);
  });
});
