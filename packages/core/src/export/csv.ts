/**
 * CSV export, as every widget's "Export CSV" writes it: UTF-8 with a BOM (so Excel opens Chinese correctly) and
 * formula-safe cells (a cell starting with = + - @, or a tab or carriage return, is what spreadsheet injection uses;
 * it is prefixed with an apostrophe so Excel shows it as text). Numbers are written raw, not as formatted text.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // A negative number is data, not a formula; non-finite numbers are missing.
    return Number.isFinite(value) ? String(value) : '';
  }
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
