// Opens the store: embedded SQLite (better-sqlite3, WAL, synchronous=FULL, foreign keys on) by default,
// PostgreSQL when a postgres URL is given. Everything above this file is dialect-neutral.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './database.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';
import { FairSqliteDialect } from './sqlite-fair-driver.ts';
import { createSqliteReaders, readersOf, sqliteReaderCount } from './sqlite-readers.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export type StoreLocation = { kind: 'sqlite'; path: string; cacheMb?: number } | { kind: 'postgres'; url: string; poolSize?: number; schema?: string };

// node-postgres returns bigint (int8) as a string to be safe past 2^53; our bigints are epoch ms and cents.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Each PostgreSQL handle's pool, for the few hot reads that run as named (prepared) statements outside Kysely. */
export const pgPoolOf = new WeakMap<object, pg.Pool>();

export function openDb(location: StoreLocation): Db {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: location.poolSize ?? 10,
      // A schema per test suite keeps parallel suites apart on one database. JIT off: its compiling cost the
      // dashboard's going-cold statement 93 ms at 1M interactions, more than running it; the store's statements
      // are short index reads, which JIT never pays back.
      options: ['-c jit=off', ...(location.schema ? [`-c search_path=${location.schema}`] : [])].join(' '),
    });
    // An idle client that loses its server must not crash the process; the next query reports the error.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(process.env.SUHDE_QUERY_STATS ? { log: queryStats } : {}) });
    pgPoolOf.set(db, pool);
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
  const sqlite = new SQLite(location.path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives power loss and kill -9, which the crash-safety test checks.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB by default; a large database (the 1M benchmarks) does random index I/O once its indexes outgrow it.
  const cacheMb = location.cacheMb ?? (Number(process.env.SUHDE_SQLITE_CACHE_MB) || 64);
  sqlite.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`);
  const db = new Kysely<Database>({ dialect: new FairSqliteDialect({ database: withStatementCache(sqlite) }), ...(process.env.SUHDE_QUERY_STATS ? { log: queryStats } : {}) });
  // The dashboard's reads on threads of their own (store/sqlite-readers.ts); an in-memory database has no file to share.
  const readerCount = location.path === ':memory:' ? 0 : sqliteReaderCount();
  const readers = readerCount > 0 ? createSqliteReaders(location.path, cacheMb, readerCount) : null;
  if (readers) readersOf.set(db, readers);
  return { db, dialect: 'sqlite', close: async () => { await readers?.close(); await db.destroy(); } };
}

// SUHDE_QUERY_STATS=1 prints the costliest statements at exit (=N: the N costliest): how the benchmarks find a
// slow query.
const stats = new Map<string, { n: number; ms: number }>();
function queryStats(e: { query: { sql: string }; queryDurationMillis: number }) {
  const k = e.query.sql.slice(0, 120);
  const s = stats.get(k) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += e.queryDurationMillis;
  stats.set(k, s);
}
if (process.env.SUHDE_QUERY_STATS) process.on('exit', () => {
  if (stats.size) console.log([...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, Math.max(12, Number(process.env.SUHDE_QUERY_STATS) || 0)).map(([k, s]) => `${Math.round(s.ms)} ms ${s.n}x ${k}`).join('\n'));
});

export function locationFromUrl(databaseUrl: string | undefined, sqlitePath: string): StoreLocation {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: 'postgres', url: databaseUrl };
  return { kind: 'sqlite', path: sqlitePath };
}
