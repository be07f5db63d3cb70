// The dashboard reads one consistent snapshot of the tenant: every figure sees the same committed writes, never
// half of a write that committed between two of its statements.
//
// SQLite: read transactions on the reader threads (store/sqlite-readers.ts), one per thread, that all saw the same
// data version when they began: every write a dashboard reads bumps that version in its own transaction
// (store/rollups.ts bumpDataVersion), and SQLite commits one after another, so two snapshots with the same version
// hold the same dashboard data. A reader that began on another version is let go; with no reader (none configured,
// all lent, an in-memory database) it is one read transaction on the one connection. PostgreSQL: one REPEATABLE READ, READ ONLY transaction whose
// snapshot is exported (pg_export_snapshot) and imported by a few more such transactions on other pooled
// connections ("lanes"), so independent statements still run side by side, all on the same snapshot. The figures
// get a Kysely whose every statement takes a free lane. A lane joins only if its connection comes while the
// figures are still being computed; the first lane (the exporting transaction) alone can run everything, so a
// busy pool slows the dashboard down but never deadlocks it.
import {
  CompiledQuery, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector,
  SqliteQueryCompiler, sql, type DatabaseConnection, type Driver, type QueryResult,
} from 'kysely';
import type { Database } from './database.ts';
import type { TenantScope } from './scope.ts';
import { ReaderLostError, readersOf, type LentReader } from './sqlite-readers.ts';

/** The scopes whose db is a snapshot's lanes: figureQuery runs in them as they are. */
const snapshots = new WeakSet<object>();

export function isSnapshot(scope: TenantScope): boolean {
  return scope.db.isTransaction || snapshots.has(scope.db);
}

/**
 * Runs fn over one snapshot of the database; on PostgreSQL its statements are spread over up to `lanes` pooled
 * connections, which other requests cannot have meanwhile: a few, never the whole pool (the tests' pools hold 4).
 */
export async function inSnapshot<T>(scope: TenantScope, fn: (snapshot: TenantScope) => Promise<T>, lanes = 3): Promise<T> {
  if (isSnapshot(scope)) return fn(scope);
  if (scope.dialect === 'sqlite') {
    const readers = readersOf.get(scope.db)?.take(lanes) ?? [];
    const snapshot = readers.length > 0 ? await onReaders(scope, readers, fn) : undefined;
    return snapshot ? snapshot.value : scope.db.transaction().execute((tx) => fn({ ...scope, db: tx }));
  }
  const begin = () => scope.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');
  return begin().execute(async (first) => {
    // Each statement is an index range of a few thousand rows: a Gather's workers cost more than the step.
    await sql`set local max_parallel_workers_per_gather = 0`.execute(first);
    const driver = new Lanes();
    driver.add(first);
    const db = lanesDb(driver, 'postgres');
    let open = true;
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    const joined: Promise<void>[] = [];
    if (lanes > 1) {
      const id = String((await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(first)).rows[0]!.s);
      // A snapshot id is hex and dashes; SET TRANSACTION SNAPSHOT takes no parameter.
      if (!/^[0-9A-Fa-f-]+$/.test(id)) throw new Error(`unexpected snapshot id ${id}`);
      for (let k = 1; k < lanes; k++) {
        void begin().execute(async (tx) => {
          // Too late (the figures are done and the exporting transaction may be gone): nothing to do.
          if (!open) return;
          let left!: () => void;
          joined.push(new Promise<void>((r) => (left = r)));
          try {
            await sql.raw(`set transaction snapshot '${id}'`).execute(tx);
            await sql`set local max_parallel_workers_per_gather = 0`.execute(tx);
            if (!open) return;
            driver.add(tx);
            await done;
          } finally {
            left();
          }
        }).catch((e: unknown) => {
          // Once the figures are done, a lane that failed to start (the pool closing, say) had nothing to do.
          if (open) console.error(`[suhde] dashboard of tenant ${scope.tenantId}: a snapshot lane failed (the others ran its share):`, e);
        });
      }
    }
    try {
      return await fn({ ...scope, db });
    } finally {
      open = false;
      finished();
      // The exporting transaction stays open until every lane that imported its snapshot has let go.
      await Promise.all(joined);
    }
  });
}

/**
 * fn over the readers' snapshots, or undefined when no reader could begin one (fn has not run: the caller reads on
 * the one connection instead).
 */
export async function onReaders<T>(scope: TenantScope, readers: LentReader[], fn: (snapshot: TenantScope) => Promise<T>): Promise<{ value: T } | undefined> {
  const version = CompiledQuery.raw('select coalesce(sum(n), 0) as v from data_versions where tenant_id = ?', [scope.tenantId]);
  const end = async (r: LentReader) => {
    try {
      await r.executeQuery(CompiledQuery.raw('commit'));
    } catch (e) {
      console.error(`[suhde] dashboard of tenant ${scope.tenantId}: ending a reader's snapshot failed:`, e);
    } finally {
      r.release();
    }
  };
  const begun = await Promise.all(readers.map(async (r) => {
    try {
      await r.executeQuery(CompiledQuery.raw('begin'));
      // The first read fixes the transaction's snapshot (WAL): the version is of exactly what it will read.
      return { r, v: Number((await r.executeQuery<{ v: unknown }>(version)).rows[0]?.v ?? 0) };
    } catch (e) {
      console.error(`[suhde] dashboard of tenant ${scope.tenantId}: a reader thread could not begin a snapshot (the others run its share):`, e);
      await end(r);
      return null;
    }
  }));
  const ok = begun.filter((b) => b !== null);
  const same = ok.filter((b) => b.v === ok[0]?.v);
  await Promise.all(ok.filter((b) => !same.includes(b)).map((b) => end(b.r)));
  if (same.length === 0) return undefined;
  const driver = new Lanes();
  for (const b of same) driver.add(b.r);
  try {
    return { value: await fn({ ...scope, db: lanesDb(driver, 'sqlite') }) };
  } catch (e) {
    // A thread lost mid-way: the figures are read again, on the one connection.
    if (e instanceof ReaderLostError) return undefined;
    throw e;
  } finally {
    await Promise.all(same.map((b) => end(b.r)));
  }
}

/** A Kysely whose statements go to the snapshot's lanes; figureQuery runs in it as it is. */
function lanesDb(driver: Lanes, dialect: 'sqlite' | 'postgres'): Kysely<Database> {
  const db = new Kysely<Database>({
    dialect: dialect === 'postgres'
      ? { createAdapter: () => new PostgresAdapter(), createDriver: () => driver, createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() }
      : { createAdapter: () => new SqliteAdapter(), createDriver: () => driver, createIntrospector: (k) => new SqliteIntrospector(k), createQueryCompiler: () => new SqliteQueryCompiler() },
  });
  snapshots.add(db);
  return db;
}

/** A connection of one snapshot: a PostgreSQL transaction, or a SQLite reader thread inside its read transaction. */
interface Lane {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** Hands each statement a free lane; a statement waits for one when all are busy. */
class Lanes implements Driver {
  private readonly free: Lane[] = [];
  private readonly waiting: ((lane: Lane) => void)[] = [];

  add(lane: Lane): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.free.push(lane);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const lane = this.free.pop() ?? (await new Promise<Lane>((r) => this.waiting.push(r)));
    return new LaneConnection(lane);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.add((connection as LaneConnection).lane);
  }

  async beginTransaction(): Promise<void> {
    throw new Error('a dashboard snapshot is already a transaction');
  }

  async commitTransaction(): Promise<void> {
    throw new Error('a dashboard snapshot is already a transaction');
  }

  async rollbackTransaction(): Promise<void> {
    throw new Error('a dashboard snapshot is already a transaction');
  }

  async destroy(): Promise<void> {}
}

class LaneConnection implements DatabaseConnection {
  constructor(readonly lane: Lane) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.lane.executeQuery<R>(query);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the dashboard does not stream');
  }
}
