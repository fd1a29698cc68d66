import { createWriteStream } from 'node:fs';
import { csvCell } from '../../../../shared/csv';
import type { Cell, Column, Table } from './tables';

const bom = '\uFEFF';

/**
 * Numbers as the screen shows them (two decimals, percentages); text through the shared CSV writer, which quotes
 * and neutralises cells a spreadsheet would run as a formula (an agent named "=HYPERLINK(…)").
 */
function formatCell(value: Cell, kind: Column['kind']): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (kind === 'score' || kind === 'number') return value.toFixed(2);
    if (kind === 'percent') return `${(value * 100).toFixed(2)}%`;
    return String(value);
  }
  return csvCell(value);
}

/**
 * UTF-8 with a BOM (Excel in China otherwise guesses GBK and shows mojibake), CRLF line ends, RFC 4180 quoting.
 * One table is the file; several tables follow each other, each under its title and separated by an empty line.
 */
export async function writeCsv(
  path: string,
  tables: Table[],
  onRows: (rows: number) => void = () => {},
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text)) resolve();
      else out.once('drain', resolve).once('error', reject);
    });
  await write(bom);
  let largest = 0;
  for (const [i, table] of tables.entries()) {
    if (tables.length > 1) await write(`${i > 0 ? '\r\n' : ''}${formatCell(table.title, 'text')}\r\n`);
    await write(`${table.columns.map((c) => formatCell(c.header, 'text')).join(',')}\r\n`);
    let count = 0;
    const add = async (rows: Cell[][]) => {
      await write(rows.map((r) => `${r.map((v, j) => formatCell(v, table.columns[j].kind)).join(',')}\r\n`).join(''));
      count += rows.length;
      onRows(rows.length);
    };
    if (typeof table.rows === 'function') for (const chunk of table.rows()) await add(chunk);
    else await add(table.rows);
    largest = Math.max(largest, count);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return largest;
}
