// Kysely's SQLite driver calls prepare() for every query it runs; compiling the same SQL again costs more than
// running a page query. This wraps the better-sqlite3 handle so the driver gets back the statement it prepared
// before for the same text, from a bounded least-recently-used cache.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 500;

export function withStatementCache(db: SQLite.Database, max = STATEMENT_CACHE_SIZE): SqliteDatabase & { cachedStatements(): number } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close() {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const known = cache.get(sql);
      // A statement still being iterated (a streamed query) cannot run twice at once: that caller gets a fresh one.
      if (known && !known.busy) {
        cache.delete(sql);
        cache.set(sql, known);
        return known as unknown as SqliteStatement;
      }
      const fresh = db.prepare(sql);
      if (known) return fresh as unknown as SqliteStatement;
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(sql, fresh);
      return fresh as unknown as SqliteStatement;
    },
    cachedStatements: () => cache.size,
  };
}
