import type { Cell, Column, Table } from './tables';

const numFmt: Record<Column['kind'], string | undefined> = {
  score: '0.00',
  number: '0.00',
  int: '0',
  percent: '0.00%',
  text: undefined,
};

/** Display width of a text in Excel's column units: a Chinese character takes about two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2.1 : 1.1;
  return w;
}

const cellText = (value: Cell, kind: Column['kind']): string =>
  value === null
    ? ''
    : typeof value === 'number'
      ? kind === 'percent'
        ? `${(value * 100).toFixed(2)}%`
        : kind === 'int'
          ? String(value)
          : value.toFixed(2)
      : value;

/**
 * Column widths that fit: the header on one line (a header wrapped one character a line was unreadable) and the
 * widest value of the rows known up front, within 6..60 units; a streamed table (the annex) keeps its set widths.
 */
export function fittedWidths(table: Table): number[] {
  return table.columns.map((c, i) => {
    let w = Math.max(textWidth(c.header) + 2, 6);
    if (typeof table.rows !== 'function')
      for (const row of table.rows) w = Math.max(w, textWidth(cellText(row[i], c.kind)) + 2);
    else w = Math.max(w, c.width);
    // ExcelJS leaves a column of width 9 out of the file as "default", and Excel's default is narrower (8.43).
    const width = Math.min(60, Math.ceil(w));
    return width === 9 ? 10 : width;
  });
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/**
 * One sheet per table, streamed to disk; each prints landscape at one page wide with its header row repeated (the annex can hold a whole month of evaluations): Chinese header row,
 * frozen; two-decimal number formats; column widths; scores below the threshold in red (scaled to a section's
 * points), as conditional formatting so the rule stays visible in Excel and LibreOffice.
 */
export async function writeXlsx(
  path: string,
  tables: Table[],
  belowScore: number,
  onRows: (rows: number) => void = () => {},
): Promise<number> {
  // Loaded when an export runs: it is a fifth of the core's code, and the qa command should start without it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  workbook.creator = 'QA Inspector';
  workbook.created = new Date();
  let largest = 0;
  for (const table of tables) {
    // Printed landscape, one page wide, the header row repeated on every page.
    const sheet = workbook.addWorksheet(sheetName(table.name), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: `${table.title} · &P / &N` },
    });
    const widths = fittedWidths(table);
    sheet.columns = table.columns.map((c, i) => ({
      key: `c${i}`,
      width: widths[i],
      style: numFmt[c.kind] ? { numFmt: numFmt[c.kind] } : {},
    }));
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    header.commit();
    let count = 0;
    const add = (rows: Cell[][]) => {
      for (const cells of rows) sheet.addRow(cells).commit();
      count += rows.length;
      onRows(rows.length);
    };
    if (typeof table.rows === 'function') for (const chunk of table.rows()) add(chunk);
    else add(table.rows);
    largest = Math.max(largest, count);
    if (count > 0) {
      table.columns.forEach((c, i) => {
        if (c.kind !== 'score') return;
        const letter = columnLetter(i + 1);
        const limit = Math.round(((belowScore * (c.points ?? 100)) / 100) * 100) / 100;
        sheet.addConditionalFormatting({
          ref: `${letter}2:${letter}${count + 1}`,
          rules: [
            {
              type: 'cellIs',
              operator: 'lessThan',
              priority: 1,
              formulae: [String(limit)],
              style: {
                font: { color: { argb: 'FFC00000' } },
                fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFE4E1' } },
              },
            },
          ],
        });
      });
    }
    sheet.commit();
  }
  await workbook.commit();
  return largest;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
