// Planner statistics. Without them SQLite plans `external_key IN (500 keys)` as a scan of the tenant's rows and
// not as 500 seeks in the unique index. Gathered after migrations and bulk loads, and refreshed periodically
// (SQLite); PostgreSQL's autovacuum keeps them current once a table exists (docs/deployment.md).
import { sql, SqliteAdapter, type Kysely } from 'kysely';

/** Rows sampled per index by SQLite's ANALYZE: enough for good plans, milliseconds even at millions of rows. */
const SQLITE_ANALYSIS_LIMIT = 1000;

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Statistics of every table, gathered now: after migrations and bulk loads (the demo seed, the benchmarks). */
export async function analyzeAll(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await sql.raw(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`).execute(db);
    await sql`analyze`.execute(db);
    return;
  }
  // The tables of this schema only: a bare ANALYZE would visit every schema of the database.
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  for (const t of tables.rows) await sql`analyze ${sql.id(t.name)}`.execute(db);
}

/**
 * Statistics of these tables, gathered now, also inside a transaction (both databases count its own new rows): a
 * bulk load analyses what it has written before it reads it back.
 */
export async function analyzeTables(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  if (isSqlite(db)) await sql.raw(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`).execute(db);
  for (const t of tables) await sql`analyze ${sql.id(t)}`.execute(db);
}

/**
 * The periodic refresh: SQLite re-analyses only the tables whose size changed enough since (PRAGMA optimize, every
 * table checked: 0x10002); PostgreSQL's autovacuum does this by itself, so nothing is done there.
 */
export async function refreshStatistics(db: Kysely<any>): Promise<void> {
  if (!isSqlite(db)) return;
  await sql.raw(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`).execute(db);
  await sql.raw('pragma optimize = 0x10002').execute(db);
}

/** Runs refreshStatistics every interval until stopped; a failure is logged and the next round tries again. */
export function statisticsTimer(db: Kysely<any>, everyMs = 60 * 60_000): { stop(): void } {
  const timer = setInterval(() => {
    refreshStatistics(db).catch((e) => console.error('[suhde] refreshing the planner statistics failed:', e));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
