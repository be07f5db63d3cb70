// Fresh benchmark databases: a SQLite file in a temporary directory, or a PostgreSQL schema of its own, migrated
// to the product's schema (the same tables and indexes the store writes to).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';

export type BenchDb = 'sqlite' | 'postgres';

export interface FreshDatabase {
  handle: Db;
  /** The SQLite file, for the raw driver to open after the store's handle closes. */
  path?: string;
  /** The PostgreSQL schema, for the raw driver's search_path. */
  schema?: string;
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

export async function freshDatabase(kind: BenchDb, pgUrl: string | null, label: string, opts: { poolSize?: number; cacheMb?: number } = {}): Promise<FreshDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `suhde-bench-${label}-`));
    const path = join(dir, 'bench.db');
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
  const schema = `bench_${label.replace(/\W/g, '_')}_${process.pid}_${serial++}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  await admin.end();
  const handle = openDb({ kind: 'postgres', url: pgUrl, schema, poolSize: opts.poolSize ?? 8 });
  await migrateToLatest(handle.db, { schema });
  let closed: Promise<void> | null = null;
  const closeHandle = () => (closed ??= handle.close());
  return {
    handle, schema, closeHandle,
    dispose: async () => {
      await closeHandle().catch((e) => console.warn(`[bench] closing ${schema}: ${e instanceof Error ? e.message : e}`));
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
