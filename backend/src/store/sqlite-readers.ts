// Read-only SQLite connections on worker threads, for reads long enough to matter: the managers' dashboard
// (store/analytics-snapshot.ts) runs its statements here side by side instead of one after another on the
// server's one connection, where better-sqlite3 would also hold the event loop (and every other request) for the
// whole computation. WAL lets these readers run while the server's connection writes.
//
// A reader is started when first asked for, and stays for the life of the handle; one whose thread dies is
// replaced at the next ask. Statements arrive compiled (Kysely's SQL and parameters) and rows come back by
// structured clone: the dashboard's statements return tens of rows, so the copy costs nothing that matters.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CompiledQuery, QueryResult } from 'kysely';

export interface SqliteReader {
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>>;
}

/** A reader's thread ended under a statement: the caller may read again on the one connection. */
export class ReaderLostError extends Error {}

interface Pending { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }

class WorkerReader implements SqliteReader {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private serial = 0;
  dead = false;

  constructor(path: string, cacheMb: number) {
    // By file path: under a browser-like test environment import.meta.url is not a file: URL, but dirname is.
    this.worker = new Worker(join(import.meta.dirname, 'sqlite-reader.worker.mjs'), { workerData: { path, cacheMb } });
    // Idle readers never keep the process alive; a handle's close() ends them.
    this.worker.unref();
    this.worker.on('message', (m: { id: number; rows?: unknown[]; error?: { message: string; code?: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else p.resolve(m.rows!);
    });
    const fail = (e: Error) => {
      this.dead = true;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', (e) => {
      console.error('[suhde] a SQLite reader thread failed:', e);
      fail(new ReaderLostError(`the SQLite reader thread failed: ${e.message}`));
    });
    this.worker.on('exit', (code) => fail(new ReaderLostError(`the SQLite reader thread ended (exit code ${code})`)));
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.dead) throw new ReaderLostError('the SQLite reader thread has ended');
    const id = this.serial++;
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
    return { rows: rows as R[] };
  }

  close(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }
}

/** SUHDE_SQLITE_READERS: how many reader threads a file database gets (0: none, every read on the one connection). */
export function sqliteReaderCount(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SUHDE_SQLITE_READERS;
  if (raw === undefined || raw.trim() === '') return Math.min(2, availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`SUHDE_SQLITE_READERS must be a whole number of reader threads (0 turns them off), not "${raw}".`);
  return n;
}

export interface LentReader extends SqliteReader {
  /** Back to the pool: call once the read transaction on it has ended. */
  release(): void;
}

export interface SqliteReaders {
  readonly size: number;
  /** Up to n idle readers (started if need be), each the caller's alone until released. */
  take(n: number): LentReader[];
  close(): Promise<void>;
}

export function createSqliteReaders(path: string, cacheMb: number, size = sqliteReaderCount()): SqliteReaders {
  let idle: WorkerReader[] = [];
  let all: WorkerReader[] = [];
  return {
    size,
    take(n) {
      idle = idle.filter((r) => !r.dead);
      all = all.filter((r) => !r.dead);
      while (idle.length < n && all.length < size) {
        let r: WorkerReader;
        try {
          r = new WorkerReader(path, cacheMb);
        } catch (e) {
          // No thread (resources, a missing file): the reads fall back to the one connection.
          console.error('[suhde] a SQLite reader thread could not start:', e);
          break;
        }
        all.push(r);
        idle.push(r);
      }
      return idle.splice(0, n).map((r) => {
        let back = false;
        return {
          executeQuery: (q) => r.executeQuery(q),
          release: () => {
            if (back) return;
            back = true;
            if (!r.dead) idle.push(r);
          },
        };
      });
    },
    async close() {
      const closing = all;
      all = [];
      idle = [];
      await Promise.all(closing.map((r) => r.close()));
    },
  };
}

/** The readers of a file database opened by openDb, by its Kysely instance. */
export const readersOf = new WeakMap<object, SqliteReaders>();
