// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Search takes an interaction's candidates newest first (store/search.ts). PostgreSQL: this index gives a tenant's
// interactions newest first, walked while checking the words until enough match, instead of reading every match
// of a common word off the GIN index. SQLite needs nothing: FTS5 yields matches in rowid order, the order the
// entries were written.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`create index search_documents_recent_ix on search_documents (tenant_id, occurred_at desc, record_id) where kind = 'interaction'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`drop index if exists search_documents_recent_ix`.execute(db);
}
