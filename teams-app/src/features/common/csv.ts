// CSV of what a table shows (RFC 4180: quoted when needed, CRLF), and saving it as a file in the browser.

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/**
 * OWASP "CSV Injection": a cell starting with =, +, -, @, tab or carriage return may run as a formula in
 * Excel or Sheets (-1+1, -2+3+cmd|' /C calc'!A0, a tab before =). Such a cell gets a leading apostrophe and
 * is quoted. Negative numbers too, as OWASP advises: a spreadsheet shows '-5 as text, which is safe, and
 * telling a harmless -5 from -5+cmd|... by pattern is exactly the kind of rule that let -1+1 through.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(','), ...rows.map((r) => columns.map((c) => cell(c.value(r))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Offers the text as a download; the byte-order mark makes Excel read UTF-8 (ä, ö). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
