/**
 * shared/csv.ts: what a spreadsheet reads back is what was written, except that a cell it would run as a formula
 * starts with an apostrophe; numbers stay numbers; the file starts with a BOM and ends every line with CRLF.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../shared/csv';

const formulaStart = ['=', '+', '-', '@', '\t', '\r'];

describe('shared/csv', () => {
  it('neutralises cells a spreadsheet would run as a formula, and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1-2')).toBe("'+1-2");
    expect(csvCell('-cmd|calc')).toBe("'-cmd|calc");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('客户说"你好", 再见')).toBe('"客户说""你好"", 再见"');
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(80.08)).toBe('80.08');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(toCsv(['a', 'b'], [['x', 1]])).toBe('\uFEFFa,b\r\nx,1\r\n');
  });

  it('reads back every text as written (formula starts behind an apostrophe), through a real CSV parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const width = rows[0].length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const text = toCsv(
            table[0].map((_, i) => `c${i}`),
            table,
          );
          expect(text.startsWith('\uFEFF')).toBe(true);
          const back = parse(text.slice(1), { relax_quotes: false }) as string[][];
          expect(back.slice(1)).toEqual(
            table.map((r) => r.map((v) => (formulaStart.some((c) => v.startsWith(c)) ? `'${v}` : v))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('report CSV export', () => {
  it('writes text cells through the shared writer: a formula in a comment stays text', async () => {
    const { writeCsv } = await import('../../electron/core/reports/export/csv');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'qa-csv-'));
    try {
      const path = join(dir, 'x.csv');
      await writeCsv(path, [
        {
          name: 't',
          title: '附件',
          columns: [
            { header: '评语', kind: 'text', width: 10 },
            { header: '总分', kind: 'score', width: 10 },
          ],
          rows: [['=HYPERLINK("http://x","点我")', -1.5]],
        },
      ]);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")",-1.50`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
