/**
 * The one CSV writer of the app and the server: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM so Excel reads
 * Chinese text correctly, and cells that a spreadsheet would run as a formula neutralised. Pure (no Node, no DOM).
 */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or a DDE command): `=`, `+`,
 * `-`, `@`, and a leading tab or carriage return that some of them strip before looking. Such a cell is prefixed with
 * `'`, which the spreadsheet shows as text. Numbers are written as numbers: a negative number is data, not a formula.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole file: BOM, header, rows, each line ended with CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [csvLine(header), ...rows.map(csvLine)];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
