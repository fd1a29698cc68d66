import type { Cell, Column, Table } from './tables';

const numFmt: Record<Column['kind'], string | undefined> = {
  score: '0.00',
  number: '0.00',
  int: '0',
  percent: '0.00%',
  text: undefined,
};

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/**
 * One sheet per table, streamed to disk (the annex can hold a whole month of evaluations): Chinese header row,
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
    const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c, i) => ({
      key: `c${i}`,
      width: c.width,
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
