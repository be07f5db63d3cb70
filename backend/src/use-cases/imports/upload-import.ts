// The first step of an import: the file is read (UTF-8 or Windows-1252, any of the usual delimiters), stored with
// its hash, and answered with its headers, a suggested mapping and the first rows. Nothing else is written yet.
import { createHash } from 'node:crypto';
import { decodeCsvBytes, parseCsv } from '../../domain/import-csv.ts';
import { suggestMapping, type ImportMapping } from '../../domain/import-mapping.ts';
import { invalid } from '../../domain/errors.ts';
import { mayImport, type Actor } from '../../domain/record-permissions.ts';
import { importOfHash, insertImport, requireImport, type ImportRecord } from '../../store/imports.ts';
import { newId } from '../../store/ids.ts';
import type { TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export const PREVIEW_ROWS = 10;
export const MAX_IMPORT_ROWS = 200_000;

export interface UploadedImport {
  import: ImportRecord;
  suggested: ImportMapping;
  /** An earlier import of the very same file: importing it again changes nothing it already made. */
  previous: ImportRecord | null;
}

export async function uploadImport(scope: TenantScope, actor: Actor, file: { name: string; bytes: Uint8Array }, now: number): Promise<UploadedImport> {
  requirePermission(mayImport(actor));
  const text = decodeCsvBytes(file.bytes);
  // A spreadsheet's own format (.xlsx is a zip) reads as text full of NULs; no CSV holds one.
  if (text.includes('\u0000')) throw invalid('This is not a CSV file. Save the spreadsheet as CSV (comma or semicolon separated) and upload that.', [{ field: '(body)', message: 'not CSV text' }]);
  const parsed = parseCsv(text);
  if (parsed.headers.length === 0 || parsed.rows.length === 0) {
    throw invalid('The file has no rows to import: it needs a header row naming the columns and at least one row under it.', [{ field: '(body)', message: 'no data rows' }]);
  }
  if (parsed.headers.length > 200) throw invalid(`The file has ${parsed.headers.length} columns; an import takes at most 200.`, [{ field: '(body)', message: 'too many columns' }]);
  if (parsed.rows.length > MAX_IMPORT_ROWS) throw invalid(`The file has ${parsed.rows.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}.`, [{ field: '(body)', message: 'too many rows' }]);
  const suggested = suggestMapping(parsed.headers);
  const id = newId(now);
  const fileHash = createHash('sha256').update(file.bytes).digest('hex');
  await insertImport(scope, {
    id, createdBy: actor.id, fileName: file.name.slice(0, 255) || 'import.csv', fileHash, fileSize: file.bytes.byteLength, delimiter: parsed.delimiter,
    headers: parsed.headers, preview: parsed.rows.slice(0, PREVIEW_ROWS), content: text, mapping: suggested, totalRows: parsed.rows.length, now,
  });
  return { import: await requireImport(scope, id), suggested, previous: await importOfHash(scope, fileHash, id) };
}
