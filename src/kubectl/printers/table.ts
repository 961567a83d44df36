import { formatTabbed, GET_TABWRITER } from '../tabwriter.ts';

/** A table as a server-side printer produces it: column names and rows of cells. */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** Cell text is cut at the first line break and `...` appended (kubectl's printer). */
export function sanitizeCell(cell: string): string {
  const i = cell.search(/[\n\r\f]/);
  return i < 0 ? cell : `${cell.slice(0, i)}...`;
}

export interface PrintTableOptions {
  noHeaders?: boolean;
}

/**
 * Renders rows exactly like kubectl's human-readable printer: upper-cased headers, Go
 * tabwriter with minwidth 6 and padding 3, the last column unpadded. Zero rows print nothing.
 */
export function printTable(table: Table, opts: PrintTableOptions = {}): string {
  if (table.rows.length === 0) return '';
  let text = '';
  if (!opts.noHeaders) text += `${table.columns.map((c) => c.toUpperCase()).join('\t')}\n`;
  for (const row of table.rows) text += `${row.map(sanitizeCell).join('\t')}\n`;
  return formatTabbed(text, GET_TABWRITER);
}
