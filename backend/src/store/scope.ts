// The tenant-scoped store handle. Routes receive only a TenantScope built from the validated token's tenant,
// and every repository function filters by scope.tenantId, so no query can run without the tenant.
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { Db, Dialect } from './connect.ts';

export interface TenantScope {
  readonly db: Kysely<Database>;
  readonly tenantId: string;
  readonly dialect: Dialect;
}

export function tenantScope(handle: Db, tenantId: string): TenantScope {
  return Object.freeze({ db: handle.db, tenantId, dialect: handle.dialect });
}

/**
 * Runs fn in one transaction (or inside the caller's, when already in one): all of it commits or none. On
 * PostgreSQL a transaction chosen as a deadlock victim (40P01) or a serialization failure (40001) was rolled
 * back whole, so it is run again, up to three times: fn must only write to the store.
 */
export async function inTransaction<T>(scope: TenantScope, fn: (tx: TenantScope) => Promise<T>): Promise<T> {
  if (scope.db.isTransaction) return fn(scope);
  for (let attempt = 1; ; attempt++) {
    try {
      return await scope.db.transaction().execute(async (trx) => {
        const tasks = new Map<string, PreCommitTask>();
        preCommit.set(trx, tasks);
        const result = await fn({ db: trx, tenantId: scope.tenantId, dialect: scope.dialect });
        // A task may queue another (or the same key again): run until none is left, lowest stage first.
        for (let next = nextTask(tasks); next; next = nextTask(tasks)) {
          tasks.delete(next[0]);
          await next[1].run();
        }
        preCommit.delete(trx);
        return result;
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
}

/**
 * The late pre-commit stages, in the order their row locks are taken: the accounts' last contact (rows every
 * writer to an account updates), then the tenant's data version. Everything else runs before them (stage 0).
 */
export const PRE_COMMIT_STAGE = { lastContact: 1, dataVersion: 2 } as const;

interface PreCommitTask {
  run: () => Promise<void>;
  stage: number;
  /** What collectBeforeCommit gathered for this task so far (absent for a plain beforeCommit task). */
  collected?: Map<string, unknown>;
}
const preCommit = new WeakMap<object, Map<string, PreCommitTask>>();

function nextTask(tasks: Map<string, PreCommitTask>): [string, PreCommitTask] | null {
  let best: [string, PreCommitTask] | null = null;
  for (const entry of tasks) if (!best || entry[1].stage < best[1].stage) best = entry;
  return best;
}

/**
 * Runs task once, inside the transaction this scope is in, after the use case's own writes and before the
 * commit: work derived from many writes (timeline rows) is then done once per transaction, not once per write.
 * False when the scope is not in a transaction opened by inTransaction: the caller then does the work itself.
 * Lower stages run first, each in the order queued: a task that locks rows many writers share goes in a late
 * stage, so the lock is held only to the commit (see PRE_COMMIT_STAGE).
 */
export function beforeCommit(scope: TenantScope, key: string, task: () => Promise<void>, stage = 0): boolean {
  const tasks = preCommit.get(scope.db);
  if (!tasks) return false;
  if (!tasks.has(key)) tasks.set(key, { run: task, stage });
  return true;
}

/**
 * Collects entries under a name while the transaction runs and hands them to run once, just before the commit, at
 * this stage (see beforeCommit): work derived from many writes is done once for all of them. An entry given again
 * under the same key replaces the earlier one, so each key is handed over once. Entries given while run is running
 * start a new collection, handed over after it. A rolled-back transaction's entries go with it. False when the
 * scope is not in a transaction opened by inTransaction: nothing is kept, and the caller does the work itself.
 */
export function collectBeforeCommit<V>(
  scope: TenantScope, name: string, entries: Iterable<readonly [string, V]>, run: (collected: Map<string, V>) => Promise<void>, stage = 0,
): boolean {
  const tasks = preCommit.get(scope.db);
  if (!tasks) return false;
  let task = tasks.get(name);
  if (!task) {
    const collected = new Map<string, V>();
    task = { stage, collected, run: () => run(collected) };
    tasks.set(name, task);
  }
  if (!task.collected) throw new Error(`pre-commit task ${name} does not collect entries`);
  for (const [key, value] of entries) task.collected.set(key, value);
  return true;
}

/** collectBeforeCommit for plain keys: run gets each key once, in the order first given. */
export function collectKeysBeforeCommit(scope: TenantScope, name: string, keys: Iterable<string>, run: (keys: string[]) => Promise<void>, stage = 0): boolean {
  const entries = function* () { for (const key of keys) yield [key, true] as const; };
  return collectBeforeCommit(scope, name, entries(), (collected) => run([...collected.keys()]), stage);
}

/** SQLite allows at most 32766 bound parameters per statement (PostgreSQL 65535); chunk big IN lists and inserts. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return !!e && (e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY');
}
