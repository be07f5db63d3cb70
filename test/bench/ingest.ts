// Ingest through the store next to the raw driver, like for like: the sync's batch insert
// (mergeInteractionCopies: one transaction per 5000 interactions) into a fresh database, and the same rows with the
// same ids written by the bare driver (better-sqlite3 / pg) into another fresh database of the same kind, schema
// and indexes, with the same batches, the same connection settings and the same accounts' last-contact update.
// The bare driver also writes the rows the store derives (timeline rows, search entries, rollups, data versions):
// read back from the store's database after its run (untimed) and inserted with the interactions they belong to,
// the rollups' final rows spread evenly over the batches. So both sides end with the same rows in every table;
// the bare side never computes them and inserts each rollup row once where the store upserts it, so the yardstick
// errs in the raw driver's favour.
// Runs alternate (store, raw, store, raw, ...) so the machine's noise falls on both. The parents (the tenant's
// users, 20k accounts, 200k contacts, opportunities) are written once, by the store, into a template database;
// each run's two databases are copies of it (the SQLite file byte for byte, PostgreSQL's rows by server-side
// INSERT ... SELECT into a freshly migrated schema), so both sides still start from the same untimed state. Afterwards every table's
// row count is compared: a table the store writes that the raw driver does not shows up in `tablesDiffering`.
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, sql } from 'kysely';
import type { Interaction } from '../../backend/src/domain/types.ts';
import { NOT_CONTACT_KINDS } from '../../backend/src/domain/counts-as-contact.ts';
import { chunks, inTransaction, tenantScope } from '../../backend/src/store/scope.ts';
import { insertTenant } from '../../backend/src/store/tenants.ts';
import { insertUsers } from '../../backend/src/store/users.ts';
import { insertAccounts, insertContacts } from '../../backend/src/store/seed.ts';
import { insertOpportunities } from '../../backend/src/store/opportunities.ts';
import { mergeInteractionCopies } from '../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import type { GeneratedTenant } from '../../backend/src/demo/generate-tenant.ts';
import { freshDatabase, type BenchDb, type FreshDatabase } from './databases.ts';

export const INGEST_BATCH = 5000;

export interface IngestFigures {
  storePerSec: number[];
  rawPerSec: number[];
  rows: number;
  tablesDiffering: { table: string; store: number; raw: number }[];
  /** Wall time of the timed windows, store and raw, all runs. */
  measuredMs: number;
}

/**
 * The parents every interaction points at, written once into the template (untimed), in transactions of 10k rows:
 * statement by statement, each its own commit and fsync, 200k contacts took 3-6 minutes on the loaded machine.
 * No statistics are gathered, as before: the timed runs start from the planner's state they always had.
 */
export async function writeParents(handle: Db, data: GeneratedTenant): Promise<void> {
  await insertTenant(handle.db, data.tenant);
  const scope = tenantScope(handle, data.tenant.id);
  await inTransaction(scope, (tx) => insertUsers(tx, data.users));
  for (const part of chunks(data.accounts, 10_000)) await inTransaction(scope, (tx) => insertAccounts(tx, part));
  for (const part of chunks(data.contacts, 10_000)) await inTransaction(scope, (tx) => insertContacts(tx, part));
  await inTransaction(scope, (tx) => insertOpportunities(tx, data.opportunities));
}

async function storeRun(db: FreshDatabase, data: GeneratedTenant, rows: Interaction[], now: number): Promise<number> {
  const scope = tenantScope(db.handle, data.tenant.id);
  const t0 = performance.now();
  for (let k = 0; k < rows.length; k += INGEST_BATCH) await mergeInteractionCopies(scope, rows.slice(k, k + INGEST_BATCH), now, { checkReferences: false });
  return rows.length / ((performance.now() - t0) / 1000);
}

const INTERACTION_COLUMNS = ['tenant_id', 'id', 'kind', 'direction', 'occurred_at', 'subject', 'snippet', 'note', 'duration_minutes', 'opportunity_id', 'source', 'visibility', 'external_key', 'created_by', 'created_at', 'updated_at'];
const PARTICIPANT_COLUMNS = ['tenant_id', 'interaction_id', 'ordinal', 'role', 'address', 'display_name', 'user_id', 'contact_id'];

/** The rows of one batch as the store writes them (interactions.ts, interaction-writes.ts). */
function rowsOf(tenantId: string, batch: Interaction[], now: number) {
  const interactions = batch.map((i) => [tenantId, i.id, i.kind, i.direction, i.occurredAt, i.subject, i.snippet, i.note, i.durationMinutes, i.opportunityId, i.source, i.visibility, i.externalKey, i.holders.find((h) => h.relation === 'logged')?.userId ?? null, now, now]);
  const participants = batch.flatMap((i) => i.participants.map((p, ordinal) => [tenantId, i.id, ordinal, p.role, p.address.toLowerCase(), p.displayName, p.userId, p.contactId]));
  const timeline = batch.flatMap((i) => [...new Set(i.accountIds)].map((a) => [tenantId, a, i.occurredAt, i.id, i.kind]));
  const holders = batch.flatMap((i) => i.holders.map((h) => [tenantId, i.id, h.userId, h.relation, h.at]));
  const accounts = [...new Set(batch.flatMap((i) => i.accountIds))].sort();
  return { interactions, participants, timeline, holders, accounts };
}

/** The tables the store derives from interactions, and which of their rows an ingest adds. */
const DERIVED: { table: string; where?: string; byInteraction?: string }[] = [
  { table: 'timeline_rows', byInteraction: 'interaction_id' },
  { table: 'search_documents', where: "kind = 'interaction'", byInteraction: 'record_id' },
  { table: 'rollup_activity' }, { table: 'rollup_account_days' }, { table: 'rollup_contact_days' },
  { table: 'rollup_shared_interactions' }, { table: 'rollup_replies' }, { table: 'rollup_account_touch_days' },
  { table: 'rollup_contact_touch_days' }, { table: 'data_versions' },
];

interface DerivedRows { table: string; columns: string[]; batches: unknown[][][] }

/** The derived rows the store's run wrote, split into the run's batches (untimed). */
async function derivedRowsOf(store: FreshDatabase, rows: Interaction[]): Promise<DerivedRows[]> {
  const batchOf = new Map(rows.map((i, k) => [i.id, Math.floor(k / INGEST_BATCH)]));
  const count = Math.ceil(rows.length / INGEST_BATCH);
  const out: DerivedRows[] = [];
  for (const d of DERIVED) {
    const result = await store.handle.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`select * from ${d.table}${d.where ? ` where ${d.where}` : ''}`, []));
    const found = result.rows;
    if (found.length === 0) continue;
    const columns = Object.keys(found[0]!);
    const batches: unknown[][][] = Array.from({ length: count }, () => []);
    found.forEach((r, k) => {
      const b = d.byInteraction ? batchOf.get(String(r[d.byInteraction])) ?? count - 1 : Math.floor((k * count) / found.length);
      batches[b]!.push(columns.map((c) => r[c]));
    });
    out.push({ table: d.table, columns, batches });
  }
  return out;
}

const lastContactSql = (placeholders: string) =>
  `update accounts set last_contact_at = (select max(ia.occurred_at) from interaction_accounts ia where ia.tenant_id = accounts.tenant_id and ia.account_id = accounts.id and ia.kind not in (${NOT_CONTACT_KINDS.map((k) => `'${k}'`).join(',')})) where tenant_id = ${placeholders}`;

async function rawRun(kind: BenchDb, db: FreshDatabase, pgUrl: string | null, data: GeneratedTenant, rows: Interaction[], now: number, derived: DerivedRows[]): Promise<number> {
  const tenantId = data.tenant.id;
  if (kind === 'sqlite') {
    await db.closeHandle();
    const raw = new SQLite(db.path!);
    // As the store's connection (store/connect.ts).
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`cache_size = -${64 * 1024}`);
    const ins = raw.prepare(`insert into interactions (${INTERACTION_COLUMNS.join(',')}) values (${INTERACTION_COLUMNS.map(() => '?').join(',')})`);
    const insP = raw.prepare(`insert or ignore into interaction_participants (${PARTICIPANT_COLUMNS.join(',')}) values (?,?,?,?,?,?,?,?)`);
    const insA = raw.prepare('insert or ignore into interaction_accounts (tenant_id,account_id,occurred_at,interaction_id,kind) values (?,?,?,?,?)');
    const insH = raw.prepare('insert or ignore into interaction_holders (tenant_id,interaction_id,user_id,relation,at) values (?,?,?,?,?)');
    const insD = derived.map((d) => raw.prepare(`insert into ${d.table} (${d.columns.join(',')}) values (${d.columns.map(() => '?').join(',')})`));
    // SUHDE_BENCH_RAW_TABLES=1: where the yardstick's own time goes, per table (its triggers included) and commit.
    const byTable = process.env.SUHDE_BENCH_RAW_TABLES ? new Map<string, number>() : null;
    const timed = (table: string, write: () => void) => {
      if (!byTable) return write();
      const t = performance.now();
      write();
      byTable.set(table, (byTable.get(table) ?? 0) + performance.now() - t);
    };
    const begin = raw.prepare('begin');
    const commit = raw.prepare('commit');
    const t0 = performance.now();
    for (let k = 0; k < rows.length; k += INGEST_BATCH) {
      const r = rowsOf(tenantId, rows.slice(k, k + INGEST_BATCH), now);
      begin.run();
      try {
        timed('interactions', () => { for (const x of r.interactions) ins.run(...x); });
        timed('interaction_participants', () => { for (const x of r.participants) insP.run(...x); });
        timed('interaction_accounts', () => { for (const x of r.timeline) insA.run(...x); });
        timed('interaction_holders', () => { for (const x of r.holders) insH.run(...x); });
        derived.forEach((d, t) => timed(d.table, () => { for (const x of d.batches[k / INGEST_BATCH] ?? []) insD[t]!.run(...x); }));
        timed('accounts (last contact)', () => {
          for (let a = 0; a < r.accounts.length; a += 500) {
            const part = r.accounts.slice(a, a + 500);
            raw.prepare(lastContactSql(`? and id in (${part.map(() => '?').join(',')})`)).run(tenantId, ...part);
          }
        });
        timed('commit', () => commit.run());
      } catch (e) {
        if (raw.inTransaction) raw.exec('rollback');
        throw e;
      }
    }
    const secs = (performance.now() - t0) / 1000;
    raw.close();
    if (byTable) {
      const total = [...byTable.values()].reduce((a, b) => a + b, 0);
      console.log(`[bench] raw SQLite ingest of ${rows.length}, ${secs.toFixed(1)} s: ${[...byTable].sort((a, b) => b[1] - a[1])
        .map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s (${Math.round((ms / total) * 100)}%)`).join(', ')}`);
    }
    return rows.length / secs;
  }
  const client = new pg.Client({ connectionString: db.url ?? pgUrl!, options: `-c search_path=${db.schema}` });
  await client.connect();
  const multi = async (table: string, cols: string[], values: unknown[][], conflict = '') => {
    // Under PostgreSQL's 65,535 parameters a statement, whatever the table's width.
    const size = Math.max(1, Math.min(1000, Math.floor(60_000 / Math.max(1, cols.length))));
    for (let k = 0; k < values.length; k += size) {
      const params: unknown[] = [];
      const tuples = values.slice(k, k + size).map((row) => `(${row.map((v) => { params.push(v); return `$${params.length}`; }).join(',')})`);
      await client.query(`insert into ${table} (${cols.join(',')}) values ${tuples.join(',')} ${conflict}`, params);
    }
  };
  const t0 = performance.now();
  for (let k = 0; k < rows.length; k += INGEST_BATCH) {
    const r = rowsOf(tenantId, rows.slice(k, k + INGEST_BATCH), now);
    await client.query('begin');
    await multi('interactions', INTERACTION_COLUMNS, r.interactions);
    await multi('interaction_participants', PARTICIPANT_COLUMNS, r.participants, 'on conflict do nothing');
    await multi('interaction_accounts', ['tenant_id', 'account_id', 'occurred_at', 'interaction_id', 'kind'], r.timeline, 'on conflict do nothing');
    await multi('interaction_holders', ['tenant_id', 'interaction_id', 'user_id', 'relation', 'at'], r.holders, 'on conflict do nothing');
    for (const d of derived) await multi(d.table, d.columns, d.batches[k / INGEST_BATCH] ?? []);
    for (let a = 0; a < r.accounts.length; a += 500) {
      const part = r.accounts.slice(a, a + 500);
      await client.query(lastContactSql(`$1 and id = any($2)`), [tenantId, part]);
    }
    await client.query('commit');
  }
  const secs = (performance.now() - t0) / 1000;
  await client.end();
  return rows.length / secs;
}

/** Row counts of every table of the product's schema. */
export async function tableCounts(kind: BenchDb, db: FreshDatabase): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (kind === 'sqlite') {
    const raw = new SQLite(db.path!, { readonly: true });
    const tables = raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as { name: string }[];
    for (const t of tables) out.set(t.name, (raw.prepare(`select count(*) n from "${t.name}"`).get() as { n: number }).n);
    raw.close();
    return out;
  }
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${db.schema!} and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db.handle.db);
  for (const t of tables.rows) out.set(t.table_name, Number((await sql<{ n: number }>`select count(*) n from ${sql.table(`${db.schema}.${t.table_name}`)}`.execute(db.handle.db)).rows[0]!.n));
  return out;
}

export async function benchIngest(
  kind: BenchDb, pgUrl: string | null, data: GeneratedTenant, rows: Interaction[], now: number, runs: number, log: (s: string) => void,
): Promise<IngestFigures> {
  const figures: IngestFigures = { storePerSec: [], rawPerSec: [], rows: rows.length, tablesDiffering: [], measuredMs: 0 };
  const t0 = performance.now();
  const template = await freshDatabase(kind, pgUrl, 'ingest-parents', { template: true });
  try {
    await writeParents(template.handle, data);
    await template.closeHandle();
    log(`ingest: parents' template written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (let r = 0; r < runs; r++) await ingestRun(kind, pgUrl, template, data, rows, now, r, figures, log);
  } finally {
    await template.dispose();
  }
  return figures;
}

async function ingestRun(
  kind: BenchDb, pgUrl: string | null, template: FreshDatabase, data: GeneratedTenant, rows: Interaction[], now: number, r: number, figures: IngestFigures, log: (s: string) => void,
): Promise<void> {
  const t0 = performance.now();
  const store = await freshDatabase(kind, pgUrl, 'ingest-store', { from: template });
  const raw = await freshDatabase(kind, pgUrl, 'ingest-raw', { from: template });
  const t1 = performance.now();
  try {
    figures.storePerSec.push(await storeRun(store, data, rows, now));
    const t2 = performance.now();
    const derived = await derivedRowsOf(store, rows);
    log(`ingest run ${r + 1}: two copies of the template ${((t1 - t0) / 1000).toFixed(1)} s, the derived rows read ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    figures.rawPerSec.push(await rawRun(kind, raw, pgUrl, data, rows, now, derived));
    figures.measuredMs += (rows.length / figures.storePerSec.at(-1)! + rows.length / figures.rawPerSec.at(-1)!) * 1000;
    log(`ingest run ${r + 1}: store ${Math.round(figures.storePerSec.at(-1)!)}/s, raw driver ${Math.round(figures.rawPerSec.at(-1)!)}/s (${rows.length} interactions)`);
    if (r === 0) {
      if (kind === 'sqlite') await store.closeHandle();
      const [a, b] = [await tableCounts(kind, store), await tableCounts(kind, raw)];
      // FTS5's segment and index pages (search_fts_data, _idx) count how the same postings were flushed, not what
      // was written: the store's batches and the bare driver's differ there by a few pages either way.
      const pages = new Set(['search_fts_data', 'search_fts_idx']);
      for (const [table, n] of a) if (n !== (b.get(table) ?? 0) && !pages.has(table)) figures.tablesDiffering.push({ table, store: n, raw: b.get(table) ?? 0 });
      if (figures.tablesDiffering.length) log(`ingest: the raw driver wrote different rows: ${JSON.stringify(figures.tablesDiffering)}`);
    }
  } finally {
    const t3 = performance.now();
    await store.dispose();
    await raw.dispose();
    log(`ingest run ${r + 1}: both databases dropped in ${((performance.now() - t3) / 1000).toFixed(1)} s`);
  }
}
