// CSV as the Teams app and the API write it: RFC 4180, CRLF, and OWASP's rule against CSV injection, so a file
// the backend hands out opens as safely as one the browser made (teams-app/src/features/common/csv.ts uses this).

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * A cell starting with =, +, -, @, tab or carriage return may run as a formula in a spreadsheet: it gets a
 * leading apostrophe and is quoted (negative numbers too, as OWASP advises).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: string | number | boolean | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
