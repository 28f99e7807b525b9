/**
 * The one way a widget hands the user a file (a CSV export, a share picture): every "Export CSV" button calls `downloadCsv` with the same rows its
 * public `toCsv()` serialises, through the same core `toCsv` (UTF-8 BOM, formula-safe cells), so what a test reads
 * from `toCsv()` is exactly what the user downloads.
 */
import { toCsv, type CsvCell } from '@stride/core';

/** Saves `rows` as CSV named `filename` (see `downloadBlob`). */
export function downloadCsv(
  filename: string,
  rows: readonly (readonly CsvCell[])[],
  container: ParentNode = document.body,
): void {
  downloadBlob(filename, new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), container);
}

/**
 * Saves `blob` as `filename` through a temporary link placed in `container` (the widget's shadow root): Firefox
 * only follows a download link that is in the document.
 */
export function downloadBlob(filename: string, blob: Blob, container: ParentNode = document.body): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(filename);
  link.hidden = true;
  container.append(link);
  link.click();
  link.remove();
  // Revoking in the same task can cancel the download in some browsers; the next task is late enough.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Org ids and labels come from the adapter and configuration: keep a file name to characters every OS accepts. */
export function safeFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const cleaned = stem
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not carry
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120);
  return `${cleaned || 'export'}${ext}`;
}
