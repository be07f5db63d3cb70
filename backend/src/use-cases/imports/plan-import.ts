// The dry run: every row planned against the tenant's records as they are now, the outcomes stored for the page
// (and its filters) to read, nothing else written. The run plans again in the same way, batch by batch.
import { parseCsv } from '../../domain/import-csv.ts';
import { mappingProblems, type ImportMapping } from '../../domain/import-mapping.ts';
import { addressesOf, cellsOf, planImportRow, type ImportIndex, type PlanContext, type RowPlan } from '../../domain/import-plan.ts';
import { conflict, invalid } from '../../domain/errors.ts';
import { mayImport, type Actor } from '../../domain/record-permissions.ts';
import { runAbandoned } from '../../domain/import-liveness.ts';
import { clearImportRows, importContent, insertImportRows, loadImportIndex, requireImport, updateImport, type ImportCounts, type ImportRecord } from '../../store/imports.ts';
import type { TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { suppressedAddresses } from '../privacy/suppressed-addresses.ts';

/** Rows per batch: each is one transaction in the run, small enough that other requests are answered between. */
export const IMPORT_BATCH = 500;

/** Lets the event loop answer other requests between batches (a 50,000-row file must not stall the server). */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export const countsOf = (plans: readonly RowPlan[], into: ImportCounts = { created: 0, updated: 0, merged: 0, unchanged: 0, refused: 0 }): ImportCounts => {
  for (const p of plans) into[p.outcome]++;
  return into;
};

/** The rows of a stored import, parsed again from its text (kept until the run is done). */
export async function rowsOfImport(scope: TenantScope, imp: ImportRecord): Promise<string[][]> {
  const text = await importContent(scope, imp.id);
  if (text === null) throw conflict('This import has already run; upload the file again to import it once more.');
  return parseCsv(text).rows;
}

export function requireRunnableMapping(imp: ImportRecord, mapping: ImportMapping): void {
  const problems = mappingProblems(mapping, imp.headers.length);
  if (problems.length) throw invalid(`The column mapping cannot be used: ${problems.map((p) => p.message).join('; ')}.`, problems.map((p) => ({ field: `mapping.${p.field}`, message: p.message })));
}

/** Plans one batch: the erased addresses among it are looked up first, then each row in order. */
export async function planBatch(scope: TenantScope, ix: ImportIndex, mapping: ImportMapping, rows: readonly string[][], firstRowNo: number, ctx: Omit<PlanContext, 'suppressed'>): Promise<RowPlan[]> {
  const suppressed = await suppressedAddresses(scope, addressesOf(mapping, rows));
  return rows.map((r, k) => planImportRow(mapping.kind, ix, { ...ctx, suppressed }, firstRowNo + k, cellsOf(mapping, r)));
}

export interface DryRunResult { import: ImportRecord; outcomes: ImportCounts }

export async function dryRunImport(scope: TenantScope, actor: Actor, id: string, mapping: ImportMapping, now: number): Promise<DryRunResult> {
  requirePermission(mayImport(actor));
  const imp = await requireImport(scope, id);
  // A run whose server died may be planned again (with another mapping, say): the new plan starts from the first row.
  if (imp.status === 'running' && !runAbandoned(imp, now)) throw conflict('This import is running; wait for it to finish.');
  requireRunnableMapping(imp, mapping);
  const rows = await rowsOfImport(scope, imp);
  const ix = await loadImportIndex(scope);
  let placeholder = 0;
  const ctx = { defaultOwnerId: actor.id, newId: () => `planned-${++placeholder}` };
  await clearImportRows(scope, id);
  const counts = countsOf([]);
  for (let at = 0; at < rows.length; at += IMPORT_BATCH) {
    const batch = rows.slice(at, at + IMPORT_BATCH);
    const plans = await planBatch(scope, ix, mapping, batch, at + 1, ctx);
    await insertImportRows(scope, id, plans, (rowNo) => rows[rowNo - 1]!, { keepRecordIds: false });
    countsOf(plans, counts);
    await yieldToOthers();
  }
  await updateImport(scope, id, { mapping, status: 'planned', counts, doneRows: 0, error: null }, now);
  return {
    import: await requireImport(scope, id),
    outcomes: counts,
  };
}
