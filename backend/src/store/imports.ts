// Imports as stored: the upload, its mapping and job state, per-row outcomes, and the tenant's records loaded as
// the planner's index. No rules here: the planning is domain/import-plan.ts.
import type { Selectable } from 'kysely';
import type { ImportTable } from './database-imports.ts';
import type { CompanySize, Lifecycle, Stage, Tier } from '../domain/types.ts';
import type { ImportMapping } from '../domain/import-mapping.ts';
import { emptyImportIndex, indexAccount, indexContact, indexOpportunity, type ImportIndex, type ImportOutcome, type RowPlan } from '../domain/import-plan.ts';
import { notFound } from '../domain/errors.ts';
import { chunks, type TenantScope } from './scope.ts';

export type ImportStatus = ImportTable['status'];

export type ImportCounts = Record<ImportOutcome, number>;

export interface ImportRecord {
  id: string;
  createdBy: string;
  fileName: string;
  fileHash: string;
  fileSize: number;
  delimiter: string;
  headers: string[];
  preview: string[][];
  mapping: ImportMapping | null;
  status: ImportStatus;
  totalRows: number;
  doneRows: number;
  counts: ImportCounts;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

function fromRow(r: Omit<Selectable<ImportTable>, 'content'>): ImportRecord {
  return {
    id: r.id, createdBy: r.created_by, fileName: r.file_name, fileHash: r.file_hash, fileSize: Number(r.file_size), delimiter: r.delimiter,
    headers: JSON.parse(r.headers) as string[], preview: JSON.parse(r.preview) as string[][],
    mapping: r.mapping ? (JSON.parse(r.mapping) as ImportMapping) : null,
    status: r.status, totalRows: Number(r.total_rows), doneRows: Number(r.done_rows),
    counts: { created: Number(r.created_count), updated: Number(r.updated_count), merged: Number(r.merged_count), unchanged: Number(r.unchanged_count), refused: Number(r.refused_count) },
    error: r.error, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
    startedAt: r.started_at === null ? null : Number(r.started_at), finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

const COLUMNS = [
  'tenant_id', 'id', 'created_by', 'file_name', 'file_hash', 'file_size', 'delimiter', 'headers', 'preview', 'kind', 'mapping', 'status', 'total_rows', 'done_rows',
  'created_count', 'updated_count', 'merged_count', 'unchanged_count', 'refused_count', 'error', 'created_at', 'updated_at', 'started_at', 'finished_at',
] as const;

export async function insertImport(scope: TenantScope, i: { id: string; createdBy: string; fileName: string; fileHash: string; fileSize: number; delimiter: string; headers: string[]; preview: string[][]; content: string; mapping: ImportMapping; totalRows: number; now: number }): Promise<void> {
  await scope.db.insertInto('imports').values({
    tenant_id: scope.tenantId, id: i.id, created_by: i.createdBy, file_name: i.fileName, file_hash: i.fileHash, file_size: i.fileSize, delimiter: i.delimiter,
    headers: JSON.stringify(i.headers), preview: JSON.stringify(i.preview), content: i.content, kind: i.mapping.kind, mapping: JSON.stringify(i.mapping),
    status: 'uploaded', total_rows: i.totalRows, done_rows: 0, created_count: 0, updated_count: 0, merged_count: 0, unchanged_count: 0, refused_count: 0,
    error: null, created_at: i.now, updated_at: i.now, started_at: null, finished_at: null,
  }).execute();
}

export async function getImport(scope: TenantScope, id: string): Promise<ImportRecord | null> {
  const r = await scope.db.selectFrom('imports').select(COLUMNS).where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function requireImport(scope: TenantScope, id: string): Promise<ImportRecord> {
  const i = await getImport(scope, id);
  if (!i) throw notFound('import');
  return i;
}

export async function importContent(scope: TenantScope, id: string): Promise<string | null> {
  const r = await scope.db.selectFrom('imports').select('content').where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  return r?.content ?? null;
}

export async function listImports(scope: TenantScope, limit: number): Promise<ImportRecord[]> {
  const rows = await scope.db.selectFrom('imports').select(COLUMNS).where('tenant_id', '=', scope.tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(fromRow);
}

/** The latest earlier import of the same file, if any (a re-upload is told so). */
export async function importOfHash(scope: TenantScope, hash: string, exceptId: string): Promise<ImportRecord | null> {
  const r = await scope.db.selectFrom('imports').select(COLUMNS).where('tenant_id', '=', scope.tenantId).where('file_hash', '=', hash).where('id', '!=', exceptId)
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function updateImport(
  scope: TenantScope, id: string,
  patch: { mapping?: ImportMapping; status?: ImportStatus; doneRows?: number; counts?: ImportCounts; error?: string | null; startedAt?: number | null; finishedAt?: number | null; dropContent?: boolean },
  now: number,
): Promise<void> {
  await scope.db.updateTable('imports').set({
    ...(patch.mapping && { mapping: JSON.stringify(patch.mapping), kind: patch.mapping.kind }),
    ...(patch.status && { status: patch.status }),
    ...(patch.doneRows !== undefined && { done_rows: patch.doneRows }),
    ...(patch.counts && {
      created_count: patch.counts.created, updated_count: patch.counts.updated, merged_count: patch.counts.merged,
      unchanged_count: patch.counts.unchanged, refused_count: patch.counts.refused,
    }),
    ...(patch.error !== undefined && { error: patch.error }),
    ...(patch.startedAt !== undefined && { started_at: patch.startedAt }),
    ...(patch.finishedAt !== undefined && { finished_at: patch.finishedAt }),
    ...(patch.dropContent && { content: null }),
    updated_at: now,
  }).where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}

/**
 * Claims the run: true only for the one caller that moved it to running (two clicks, two instances), by
 * matching the state the caller read. A fresh run clears the progress; a resumed one keeps it.
 */
export async function claimImportRun(scope: TenantScope, id: string, seen: { status: ImportStatus; updatedAt: number }, resume: boolean, now: number): Promise<boolean> {
  const r = await scope.db.updateTable('imports')
    .set({ status: 'running', finished_at: null, error: null, updated_at: now,
      ...(!resume && { started_at: now, done_rows: 0, created_count: 0, updated_count: 0, merged_count: 0, unchanged_count: 0, refused_count: 0 }) })
    .where('tenant_id', '=', scope.tenantId).where('id', '=', id)
    .where('status', '=', seen.status).where('updated_at', '=', seen.updatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The running job's heartbeat: only a run still marked running is touched (not one that finished meanwhile). */
export async function touchRunningImport(scope: TenantScope, id: string, now: number): Promise<void> {
  await scope.db.updateTable('imports').set({ updated_at: now })
    .where('tenant_id', '=', scope.tenantId).where('id', '=', id).where('status', '=', 'running')
    .execute();
}

/** Drops the import's row outcomes, or only those after row `afterRowNo` (a resumed run writes those again). */
export async function clearImportRows(scope: TenantScope, importId: string, afterRowNo = 0): Promise<void> {
  await scope.db.deleteFrom('import_rows').where('tenant_id', '=', scope.tenantId).where('import_id', '=', importId)
    .$if(afterRowNo > 0, (q) => q.where('row_no', '>', afterRowNo)).execute();
}

/** Stores outcomes; cellsOf gives a refused row's cells (kept for the download). */
export async function insertImportRows(scope: TenantScope, importId: string, plans: readonly RowPlan[], cellsOf: (rowNo: number) => readonly string[], opts: { keepRecordIds: boolean }): Promise<void> {
  for (const part of chunks(plans, 300)) {
    await scope.db.insertInto('import_rows').values(part.map((p) => ({
      tenant_id: scope.tenantId, import_id: importId, row_no: p.rowNo, outcome: p.outcome, label: p.label.slice(0, 300), row_key: p.key,
      record_id: opts.keepRecordIds || p.outcome !== 'created' ? p.recordId : null, reason: p.reason, fields: JSON.stringify(p.fields),
      cells: p.outcome === 'refused' ? JSON.stringify(cellsOf(p.rowNo)) : null,
    }))).execute();
  }
}

export interface StoredImportRow { rowNo: number; outcome: ImportOutcome; label: string; key: string | null; recordId: string | null; reason: string | null; fields: string[]; cells: string[] | null }

export async function importRows(scope: TenantScope, importId: string, q: { outcomes?: ImportOutcome[]; limit: number; offset: number }): Promise<{ items: StoredImportRow[]; total: number }> {
  let base = scope.db.selectFrom('import_rows').where('tenant_id', '=', scope.tenantId).where('import_id', '=', importId);
  if (q.outcomes?.length) base = base.where('outcome', 'in', q.outcomes);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('row_no').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      rowNo: Number(r.row_no), outcome: r.outcome as ImportOutcome, label: r.label, key: r.row_key, recordId: r.record_id, reason: r.reason,
      fields: JSON.parse(r.fields) as string[], cells: r.cells ? (JSON.parse(r.cells) as string[]) : null,
    })),
  };
}

/** The tenant's live accounts, contacts, open and closed opportunities, external ids and colleagues, as the planner matches them. */
export async function loadImportIndex(scope: TenantScope): Promise<ImportIndex> {
  const t = scope.tenantId;
  const ix = emptyImportIndex();
  const [accounts, domains, contacts, emails, opportunities, keys, users] = await Promise.all([
    scope.db.selectFrom('accounts').select(['id', 'name', 'tier', 'lifecycle', 'owner_id', 'industry', 'size', 'region']).where('tenant_id', '=', t).where('deleted_at', 'is', null).where('archived_at', 'is', null).orderBy('created_at').orderBy('id').execute(),
    scope.db.selectFrom('account_domains').select(['account_id', 'domain']).where('tenant_id', '=', t).orderBy('domain').execute(),
    scope.db.selectFrom('contacts').select(['id', 'name', 'title', 'phones', 'account_id', 'owner_id']).where('tenant_id', '=', t).where('deleted_at', 'is', null).where('archived_at', 'is', null).orderBy('created_at').orderBy('id').execute(),
    scope.db.selectFrom('contact_emails').select(['contact_id', 'address']).where('tenant_id', '=', t).orderBy('address').execute(),
    scope.db.selectFrom('opportunities').select(['id', 'name', 'account_id', 'stage', 'value_cents', 'currency', 'expected_close_date', 'owner_id']).where('tenant_id', '=', t).where('deleted_at', 'is', null).where('archived_at', 'is', null).orderBy('created_at').execute(),
    scope.db.selectFrom('import_keys').select(['row_key', 'record_id']).where('tenant_id', '=', t).where('kind', '=', 'opportunities').execute(),
    scope.db.selectFrom('users').select(['id', 'email', 'display_name']).where('tenant_id', '=', t).execute(),
  ]);
  const group = <R, K extends keyof R, V extends keyof R>(rows: R[], key: K, value: V) => {
    const m = new Map<R[K], R[V][]>();
    for (const r of rows) {
      const list = m.get(r[key]);
      if (list) list.push(r[value]);
      else m.set(r[key], [r[value]]);
    }
    return m;
  };
  const domainsOf = group(domains, 'account_id', 'domain');
  for (const a of accounts) {
    indexAccount(ix, { id: a.id, name: a.name, domains: domainsOf.get(a.id) ?? [], tier: a.tier as Tier, lifecycle: a.lifecycle as Lifecycle, ownerId: a.owner_id, industry: a.industry, size: a.size as CompanySize | null, region: a.region });
  }
  const emailsOf = group(emails, 'contact_id', 'address');
  for (const c of contacts) {
    indexContact(ix, { id: c.id, name: c.name, emails: emailsOf.get(c.id) ?? [], phones: JSON.parse(c.phones) as string[], title: c.title, accountId: c.account_id, ownerId: c.owner_id });
  }
  for (const o of opportunities) {
    indexOpportunity(ix, { id: o.id, name: o.name, accountId: o.account_id, stage: o.stage as Stage, value: Number(o.value_cents), currency: o.currency, expectedCloseDate: o.expected_close_date, ownerId: o.owner_id });
  }
  for (const k of keys) if (ix.opportunities.has(k.record_id)) ix.opportunityByKey.set(k.row_key, k.record_id);
  for (const u of users) {
    ix.users.set(u.email.toLowerCase(), u.id);
    ix.users.set(u.display_name.toLowerCase(), u.id);
  }
  return ix;
}
