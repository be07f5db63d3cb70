// Frozen in time: never import application code here, and never edit once released; add a new migration.
// SQLite's search index (FTS5, migration 025) is written by every ingest batch, and at 100k interactions its
// segment merging was the largest and the growing part of a batch's cost (each posting rewritten at every level,
// four segments a level). Merging 16 segments a level rewrites each posting about half as often, and an 8 MB
// pending-terms buffer (1 MB by default) writes a 5000-interaction batch as a few large segments instead of
// many small ones: at 100k entries, about 1.6x the entries written per second for about 1.4x the segments a
// query reads. Both settings are stored in the index's own config table. PostgreSQL: nothing (GIN, no merging).
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`insert into search_fts(search_fts, rank) values ('automerge', 16)`.execute(db);
  await sql`insert into search_fts(search_fts, rank) values ('hashsize', ${sql.lit(8 * 1024 * 1024)})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`insert into search_fts(search_fts, rank) values ('automerge', 4)`.execute(db);
  await sql`insert into search_fts(search_fts, rank) values ('hashsize', ${sql.lit(1024 * 1024)})`.execute(db);
}
