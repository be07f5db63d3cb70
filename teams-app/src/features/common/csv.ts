// CSV of what a table shows, and saving text as a file in the browser. The CSV rules (RFC 4180, CRLF, OWASP's
// guard against formula injection) are the backend's, so a file the browser makes and one the API hands out
// are written the same way.
export { toCsv, type CsvColumn } from '../../../../backend/src/domain/csv.ts';

/** Offers the text as a download. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A CSV download; the byte-order mark makes Excel read UTF-8 (ä, ö). */
export function downloadCsv(filename: string, csv: string): void {
  downloadText(filename, `\ufeff${csv}`, 'text/csv;charset=utf-8');
}
