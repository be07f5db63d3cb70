// The real run, as one job: claimed once, then batch by batch, each batch planned against the records as they are
// (so a re-run, or a second upload of the same file, finds what the first one made and creates nothing new) and
// written in its own transaction with its outcomes and the job's progress, yielding to other requests in between.
// While it runs it touches the import every few seconds, so a run whose server died is soon seen as stopped, and
// starting a stopped run again continues after its last committed batch (domain/import-liveness.ts).
import type { AccountWrite, ContactWrite, OpportunityWrite, RowPlan } from '../../domain/import-plan.ts';
import type { ImportMapping } from '../../domain/import-mapping.ts';
import { conflict, DomainError } from '../../domain/errors.ts';
import { mayImport, type Actor } from '../../domain/record-permissions.ts';
import { IMPORT_HEARTBEAT_MS, resumeFrom, runAbandoned } from '../../domain/import-liveness.ts';
import { claimImportRun, clearImportRows, insertImportRows, loadImportIndex, requireImport, touchRunningImport, updateImport, type ImportCounts, type ImportRecord } from '../../store/imports.ts';
import { rememberImportKeys, writeImportedAccounts, writeImportedContacts, writeImportedOpportunities, type Written } from '../../store/import-writes.ts';
import { getTenant } from '../../store/tenants.ts';
import { newId } from '../../store/ids.ts';
import { chunks, inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';
import { endRolesOutsideAccount } from '../opportunities/end-roles-outside-account.ts';
import { countsOf, IMPORT_BATCH, planBatch, requireRunnableMapping, rowsOfImport, yieldToOthers } from './plan-import.ts';

/**
 * Starts the run (or continues a stopped one) and answers at once; the page polls GET /imports/{id}. The job itself
 * is `runImport`, which the caller may await (tests, the benchmark) or leave running (the route).
 */
export async function startImportRun(scope: TenantScope, actor: Actor, id: string, clock: () => number): Promise<{ import: ImportRecord; job: Promise<void> }> {
  requirePermission(mayImport(actor));
  const imp = await requireImport(scope, id);
  const mapping = imp.mapping;
  if (!mapping) throw conflict('Set the column mapping first.');
  requireRunnableMapping(imp, mapping);
  if (imp.status === 'done') throw conflict('This import has already run; upload the file again to import it once more.');
  const now = clock();
  if (imp.status === 'running' && !runAbandoned(imp, now)) throw conflict('This import is already running.');
  const from = resumeFrom(imp, now);
  if (!(await claimImportRun(scope, id, imp, from > 0, now))) throw conflict('This import is already running.');
  const rows = await rowsOfImport(scope, imp);
  const beat = setInterval(() => {
    void (async () => touchRunningImport(scope, id, clock()))().catch((e: unknown) => console.error(`[suhde] import ${id} of tenant ${scope.tenantId}: heartbeat not written:`, e));
  }, IMPORT_HEARTBEAT_MS);
  // Never what keeps a process alive; optional because a browser-like test environment's timers have no unref.
  (beat as { unref?: () => void }).unref?.();
  const counts = from > 0 ? { ...imp.counts } : countsOf([]);
  const job = runImport(scope, actor, imp, mapping, rows, from, counts, clock).catch(async (e: unknown) => {
    console.error(`[suhde] import ${id} of tenant ${scope.tenantId} failed:`, e);
    const message = e instanceof DomainError ? e.detail : 'The import stopped on an unexpected error; the rows before it were imported. Start it again to continue.';
    await updateImport(scope, id, { status: 'failed', error: message, finishedAt: clock() }, clock()).catch((e2: unknown) => console.error(`[suhde] import ${id}: could not record the failure:`, e2));
  }).finally(() => clearInterval(beat));
  return { import: await requireImport(scope, id), job };
}

/** A record a batch creates and a later row of the same batch changes is written once, as created, in its final state. */
function split<W>(plans: RowPlan[]): { created: Written<W>[]; updated: Written<W>[] } {
  const created = new Map<string, Written<W>>();
  const updated = new Map<string, Written<W>>();
  for (const p of plans) {
    if (p.outcome === 'created') created.set(p.recordId!, { id: p.recordId!, write: p.write as W, fields: p.fields, merged: false });
    else if (p.outcome === 'updated' || p.outcome === 'merged') {
      const made = created.get(p.recordId!);
      if (made) made.write = p.write as W;
      else {
        const earlier = updated.get(p.recordId!);
        updated.set(p.recordId!, { id: p.recordId!, write: p.write as W, fields: [...new Set([...(earlier?.fields ?? []), ...p.fields])], merged: (earlier?.merged ?? false) || p.outcome === 'merged' });
      }
    }
  }
  return { created: [...created.values()], updated: [...updated.values()] };
}

async function runImport(
  scope: TenantScope, actor: Actor, imp: ImportRecord, mapping: ImportMapping, rows: string[][], from: number, counts: ImportCounts, clock: () => number,
): Promise<void> {
  const { settings } = await getTenant(scope);
  const ix = await loadImportIndex(scope);
  const ctx = { defaultOwnerId: actor.id, newId: () => newId(clock()) };
  for (let at = from; at < rows.length; at += IMPORT_BATCH) {
    const batch = rows.slice(at, at + IMPORT_BATCH);
    await inTransaction(scope, async (tx) => {
      const plans = await planBatch(tx, ix, mapping, batch, at + 1, ctx);
      const w = { actorId: actor.id, importId: imp.id, now: clock() };
      if (mapping.kind === 'accounts') {
        const { created, updated } = split<AccountWrite>(plans);
        await writeImportedAccounts(tx, w, created, updated);
        const domains = [...created, ...updated].flatMap((a) => a.write.domains);
        // In small groups: the unlinked-mail query is one OR per domain, and SQLite caps an expression's depth.
        for (const part of chunks(domains, 50)) await relinkUnmatched(tx, { domains: part });
      } else if (mapping.kind === 'contacts') {
        const { created, updated } = split<ContactWrite>(plans);
        await writeImportedContacts(tx, w, created, updated);
        // As an edit: a contact the file puts at another account is off the old account's open deals.
        await endRolesOutsideAccount(tx, actor.id, { contactIds: updated.filter((u) => u.fields.includes('accountId')).map((u) => u.id) }, 'contact-moved', w.now);
        const addresses = [...created, ...updated].flatMap((c) => c.write.emails);
        for (const part of chunks(addresses, 50)) await relinkUnmatched(tx, { addresses: part });
      } else {
        const { created, updated } = split<OpportunityWrite>(plans);
        await writeImportedOpportunities(tx, w, settings, created, updated);
        // A deal the file puts at another account, or reopens, keeps only its account's people on its committee.
        const moved = updated.filter((u) => u.fields.includes('accountId'));
        await endRolesOutsideAccount(tx, actor.id, { opportunityIds: moved.map((u) => u.id) }, 'deal-moved', w.now);
        await endRolesOutsideAccount(tx, actor.id, { opportunityIds: updated.filter((u) => !moved.includes(u) && u.fields.includes('stage')).map((u) => u.id) }, 'deal-reopened', w.now);
        const keys = new Map(plans.filter((p) => p.outcome !== 'refused' && p.key && p.recordId).map((p) => [p.key!, p.recordId!]));
        await rememberImportKeys(tx, 'opportunities', imp.id, [...keys].map(([key, recordId]) => ({ key, recordId })));
      }
      // A fresh run replaces the dry run's outcomes; a resumed one keeps the committed rows' and drops any after them.
      if (at === from) await clearImportRows(tx, imp.id, from);
      await insertImportRows(tx, imp.id, plans, (rowNo) => rows[rowNo - 1]!, { keepRecordIds: true });
      countsOf(plans, counts);
      await updateImport(tx, imp.id, { doneRows: at + batch.length, counts }, clock());
    });
    await yieldToOthers();
  }
  // No data-version bump here: each batch bumped it with its audit rows (store/import-writes.ts).
  await updateImport(scope, imp.id, { status: 'done', finishedAt: clock(), dropContent: true }, clock());
}
