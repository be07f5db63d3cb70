// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Search takes an interaction's candidates newest first (store/search.ts). PostgreSQL: this index gives the newest
// interactions of a tenant in order, so a window of recent time is met with the GIN index's matches (or walked
// newest first while checking the words) instead of reading every match of a common word. SQLite needs nothing:
// FTS5 yields matches in rowid order, which is the order the entries were written.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`create index search_documents_recent_ix on search_documents (tenant_id, occurred_at desc, record_id) where kind = 'interaction'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`drop index if exists search_documents_recent_ix`.execute(db);
}
