// Reading imports: the list, one import with its progress, and its rows by outcome (JSON, or the refused rows as
// CSV with the reason, for fixing in the spreadsheet and importing again). Managers and admins, as importing is.
// A run whose server died is answered as stopped (failed, saying where), not as running forever.
import { toCsv } from '../../domain/csv.ts';
import type { ImportOutcome } from '../../domain/import-plan.ts';
import { importAsSeen } from '../../domain/import-liveness.ts';
import { mayImport, type Actor } from '../../domain/record-permissions.ts';
import { importRows, listImports, requireImport, type ImportRecord, type StoredImportRow } from '../../store/imports.ts';
import type { TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export async function listImportJobs(scope: TenantScope, actor: Actor, limit: number, now: number): Promise<ImportRecord[]> {
  requirePermission(mayImport(actor));
  return (await listImports(scope, limit)).map((i) => importAsSeen(i, now));
}

export async function getImportJob(scope: TenantScope, actor: Actor, id: string, now: number): Promise<ImportRecord> {
  requirePermission(mayImport(actor));
  return importAsSeen(await requireImport(scope, id), now);
}

export async function listImportRows(
  scope: TenantScope, actor: Actor, id: string, q: { outcomes?: ImportOutcome[]; limit: number; offset: number }, now: number,
): Promise<{ import: ImportRecord; items: StoredImportRow[]; total: number }> {
  requirePermission(mayImport(actor));
  const imp = importAsSeen(await requireImport(scope, id), now);
  return { import: imp, ...(await importRows(scope, id, q)) };
}

/** Rows as the file had them (cells are kept for refused rows), with the row number and the reason in front. */
export async function refusedRowsCsv(scope: TenantScope, actor: Actor, id: string, outcomes: ImportOutcome[] = ['refused']): Promise<{ fileName: string; csv: string }> {
  requirePermission(mayImport(actor));
  const imp = await requireImport(scope, id);
  const { items } = await importRows(scope, id, { outcomes, limit: 1_000_000, offset: 0 });
  const csv = toCsv<StoredImportRow>(items, [
    { header: 'Row', value: (r) => r.rowNo },
    { header: 'Reason', value: (r) => r.reason },
    ...imp.headers.map((h, k) => ({ header: h, value: (r: StoredImportRow) => r.cells?.[k] ?? '' })),
  ]);
  return { fileName: `${imp.fileName.replace(/\.csv$/i, '')}-${outcomes.join('-')}.csv`, csv };
}
