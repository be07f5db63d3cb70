// Reading the CSV files people bring from a spreadsheet or another CRM: UTF-8 with or without a byte-order mark
// (older Excel saves Windows-1252), comma, semicolon (Finnish Excel) or tab between fields, RFC 4180 quoting with
// line breaks inside quoted fields. Pure: bytes or text in, headers and rows out.

export type CsvDelimiter = ',' | ';' | '\t';

export interface ParsedCsv {
  headers: string[];
  /** Every data row padded or cut to the header's width; blank lines left out. */
  rows: string[][];
  delimiter: CsvDelimiter;
}

/** UTF-8 (a BOM dropped); bytes that are not valid UTF-8 are read as Windows-1252, what Excel's "CSV" writes. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    // TypeError is the decoder's answer to invalid UTF-8; anything else is not ours to hide.
    if (!(e instanceof TypeError)) throw e;
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter most used outside quotes on the header line: Finnish Excel writes ';' because ',' is the decimal mark. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

/** Every record of the text, each a list of fields; a quoted field keeps its line breaks and doubled quotes become one. */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty field) is no record: spreadsheets leave them at the end.
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // Whitespace before an opening quote is dropped ("a", "b" as some tools write it).
      field = '';
      quoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\r') {
      endRecord();
      if (text[i + 1] === '\n') i++;
    } else if (ch === '\n') endRecord();
    else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

export function parseCsv(text: string): ParsedCsv {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(clean);
  const [head = [], ...body] = parseCsvRecords(clean, delimiter);
  const headers = head.map((h, k) => h.trim() || `Column ${k + 1}`);
  const rows = body
    .map((r) => headers.map((_, k) => (r[k] ?? '').trim()))
    .filter((r) => r.some((cell) => cell !== ''));
  return { headers, rows, delimiter };
}
