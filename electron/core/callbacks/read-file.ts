/**
 * A call-back file as rows of text cells: CSV in UTF-8, UTF-16 or GBK (Excel in China saves GB18030), or the first
 * sheet of an xlsx workbook. Everything after this sees strings only, whatever the file was.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { decodeText } from '../recordings/manifest';

const maxBytes = 50 * 1024 * 1024;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * exceljs gives a date cell as a Date holding the sheet's wall-clock time in UTC fields; the day is read from those,
 * never through the machine's time zone. Other values become the text the cell shows.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue); // formula
  if ('error' in value) return '';
  return '';
}

async function readXlsx(path: string): Promise<string[][]> {
  // Loaded on first use, as the exports do: exceljs at start-up cost every `qa` call and app start ~280 ms.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    throw new AppError('invalid_input', `${path} is not an xlsx workbook Excel can open.`);
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return [];
  const rows: string[][] = [];
  // Every row up to the last, empty ones included, so row numbers in errors are the sheet's own.
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  }
  return rows;
}

function readCsv(path: string, bytes: Buffer): string[][] {
  try {
    return parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch {
    throw new AppError('invalid_input', `${path} is not valid CSV.`);
  }
}

/** Rows of the file, the header first; a file that cannot be read is an `invalid_input` naming it. */
export async function readCallbackFile(path: string): Promise<string[][]> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('not_found', `Cannot read ${path} (${code}).`);
  }
  if (size > maxBytes) throw new AppError('invalid_input', `${path} is larger than 50 MB.`);
  if (extname(path).toLowerCase() === '.xlsx') return readXlsx(path);
  return readCsv(path, readFileSync(path));
}
