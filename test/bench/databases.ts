// Fresh benchmark databases: a SQLite file in a temporary directory, or a PostgreSQL schema of its own, migrated
// to the product's schema (the same tables and indexes the store writes to).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';
import { restoreSchema, suspendSchema } from '../../backend/src/store/bulk-schema.ts';
import type { TenantScope } from '../../backend/src/store/scope.ts';

export type BenchDb = 'sqlite' | 'postgres';

export interface FreshDatabase {
  handle: Db;
  /** The SQLite file, for the raw driver to open after the store's handle closes. */
  path?: string;
  /** The PostgreSQL schema, for the raw driver's search_path. */
  schema?: string;
  /** The PostgreSQL database the schema is in, for the raw driver. */
  url?: string;
  /** The PostgreSQL database of its own, when it is a template or a copy of one. */
  database?: string;
  /** Closes the store's handle (once), leaving the database for a raw driver. */
  closeHandle(): Promise<void>;
  dispose(): Promise<void>;
}

/** The PostgreSQL the benchmark uses, or why there is none. */
export function benchPostgresUrl(): { url: string } | { missing: string } {
  const url = process.env.SUHDE_BENCH_DATABASE_URL || process.env.SUHDE_TEST_DATABASE_URL;
  return url ? { url } : { missing: 'not measured: no PostgreSQL (set SUHDE_BENCH_DATABASE_URL or SUHDE_TEST_DATABASE_URL)' };
}

let serial = 0;

export async function freshDatabase(kind: BenchDb, pgUrl: string | null, label: string, opts: { poolSize?: number; cacheMb?: number; from?: FreshDatabase; template?: boolean } = {}): Promise<FreshDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `suhde-bench-${label}-`));
    const path = join(dir, 'bench.db');
    if (opts.from) await copySqlite(opts.from, path);
    const handle = openDb({ kind: 'sqlite', path, ...(opts.cacheMb ? { cacheMb: opts.cacheMb } : {}) });
    await migrateToLatest(handle.db);
    let closed: Promise<void> | null = null;
    const closeHandle = () => (closed ??= handle.close());
    return {
      handle, path, closeHandle,
      dispose: async () => {
        await closeHandle();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!pgUrl) throw new Error('no PostgreSQL URL');
  const schema = `${process.env.SUHDE_BENCH_SCHEMA_PREFIX ?? 'bench_'}${label.replace(/\W/g, '_')}_${process.pid}_${serial++}`;
  // A template, or a copy of one, is a database of its own where the role may create databases: the copy is then
  // CREATE DATABASE ... TEMPLATE, PostgreSQL copying the template's files (the same schema name, rows, indexes
  // and catalogue) in a second or two, where re-inserting the parents into a migrated schema took 12-16 s a pair.
  if ((opts.template || opts.from?.database) && (await canCreateDatabases(pgUrl))) {
    const database = schema;
    const from = opts.from?.database;
    await adminQuery(pgUrl, `create database ${database} template ${from ?? 'template0'}`);
    const url = databaseUrl(pgUrl, database);
    if (!from) await adminQuery(url, `create schema ${schema}`);
    const at = from ? opts.from!.schema! : schema;
    const handle = openDb({ kind: 'postgres', url, schema: at, poolSize: opts.poolSize ?? 8 });
    if (!from) await migrateToLatest(handle.db, { schema: at });
    let closed: Promise<void> | null = null;
    const closeHandle = () => (closed ??= handle.close());
    return {
      handle, schema: at, url, database, closeHandle,
      dispose: async () => {
        await closeHandle().catch((e) => console.warn(`[bench] closing ${database}: ${e instanceof Error ? e.message : e}`));
        await dropDatabase(pgUrl, database);
      },
    };
  }
  await adminQuery(pgUrl, `drop schema if exists ${schema} cascade; create schema ${schema}`);
  const handle = openDb({ kind: 'postgres', url: pgUrl, schema, poolSize: opts.poolSize ?? 8 });
  await migrateToLatest(handle.db, { schema });
  if (opts.from) await copyRows(handle, opts.from.schema!);
  let closed: Promise<void> | null = null;
  const closeHandle = () => (closed ??= handle.close());
  return {
    handle, schema, url: pgUrl, closeHandle,
    dispose: async () => {
      await closeHandle().catch((e) => console.warn(`[bench] closing ${schema}: ${e instanceof Error ? e.message : e}`));
      await adminQuery(pgUrl, `drop schema if exists ${schema} cascade`);
    },
  };
}

/**
 * One statement on a connection of its own, outside the store's pool: schemas and databases created and dropped
 * around the benchmarks (CREATE and DROP DATABASE cannot run in a transaction).
 */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Drops a benchmark database once the store's handle is closed. Not WITH (FORCE): that terminates every other
 * session there, an autovacuum worker included, which takes pg_signal_backend (the benchmark's role has not; it
 * failed a full run's ingest). A plain DROP DATABASE stops autovacuum workers itself; a connection of ours still
 * closing (55006, in use) is waited for.
 */
async function dropDatabase(url: string, database: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(url, `drop database if exists ${database}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const databaseUrl = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

const createdb = new Map<string, Promise<boolean>>();
function canCreateDatabases(url: string): Promise<boolean> {
  let known = createdb.get(url);
  if (!known) {
    known = adminQuery<{ ok: boolean }>(url, 'select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user').then((rows) => Boolean(rows[0]?.ok));
    createdb.set(url, known);
  }
  return known;
}

/**
 * The template's file, byte for byte: its handle is closed first, so the WAL is checkpointed into the file (and
 * removed) and the copy is the whole database.
 */
async function copySqlite(from: FreshDatabase, path: string): Promise<void> {
  await from.closeHandle();
  if (existsSync(`${from.path}-wal`)) throw new Error(`${from.path}: a WAL is left after closing, the copy would miss rows`);
  copyFileSync(from.path!, path);
}

/**
 * Every row of the template schema copied into a freshly migrated one (the same migrations, so the same tables and
 * columns), parents before children: one statement per table on the server instead of the store's thousands. The
 * copied tables' indexes, keys and triggers are suspended meanwhile (store/bulk-schema.ts, as the bulk seed does)
 * and created again from their definitions: the template already holds what the triggers wrote, and building an
 * index once from all rows took a fraction of maintaining it per row (the GIN search index above all), which made
 * six copies of the 200k contacts about 3 minutes of the full run's ingest.
 */
async function copyRows(handle: Db, from: string): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    const tables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = ${from} and tablename not like 'kysely_%'`.execute(trx)).rows.map((r) => r.name);
    const edges = (await sql<{ child: string; parent: string }>`select ch.relname as child, pa.relname as parent from pg_constraint k
         join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid join pg_namespace n on n.oid = k.connamespace
       where k.contype = 'f' and n.nspname = ${from} and ch.oid <> pa.oid`.execute(trx)).rows;
    const order: string[] = [];
    const placed = new Set<string>();
    const place = (t: string, path: Set<string>) => {
      if (placed.has(t) || path.has(t)) return;
      path.add(t);
      for (const e of edges) if (e.child === t) place(e.parent, path);
      placed.add(t);
      order.push(t);
    };
    for (const t of tables) place(t, new Set());
    const counts = await Promise.all(order.map(async (t) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(`${from}.${t}`)}`.execute(trx)).rows[0]!.n)));
    const copied = order.filter((_, k) => counts[k]! > 0);
    // The migrations wrote their own rows (e.g. defaults) into the new schema: the template's replace them.
    for (const t of [...order].reverse()) await sql`delete from ${sql.table(t)}`.execute(trx);
    const scope: TenantScope = { db: trx, tenantId: '', dialect: 'postgres' };
    const suspended = await suspendSchema(scope, copied, { triggers: true });
    for (const t of copied) await sql`insert into ${sql.table(t)} select * from ${sql.table(`${from}.${t}`)}`.execute(trx);
    await restoreSchema(scope, suspended);
  });
}
