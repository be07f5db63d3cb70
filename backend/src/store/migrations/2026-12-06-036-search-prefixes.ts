// Frozen in time: never import application code here, and never edit once released; add a new migration.
// SQLite's search index (FTS5, migration 025) kept prefix indexes of 2, 3 and 4 characters: every word of four
// letters or more was written four times, and at 100k interactions an ingest batch spent more on those postings
// (and on committing their pages) than on anything else. Two and three letters, where a word prefix matches many
// words and a query would merge all their postings, keep theirs: type-ahead answers from one list. A prefix of
// four or more is answered from the words' own postings, a short range of the index (at 200k entries: median
// under 1 ms, at worst some 30 ms against 2). The index is rebuilt from search_documents with the settings
// migrations 025 and 034 gave it; its triggers name it and stay. PostgreSQL: nothing (tsvector prefix matching).
import { sql, SqliteAdapter, type Kysely } from 'kysely';

async function recreate(db: Kysely<any>, prefixes: string): Promise<void> {
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(
    meta_text, content_text, kind, content='search_documents', content_rowid='doc_id',
    tokenize='unicode61 remove_diacritics 2', prefix=${sql.lit(prefixes)})`.execute(db);
  await sql`insert into search_fts(search_fts, rank) values ('secure-delete', 1)`.execute(db);
  await sql`insert into search_fts(search_fts, rank) values ('automerge', 16)`.execute(db);
  await sql`insert into search_fts(search_fts, rank) values ('hashsize', ${sql.lit(8 * 1024 * 1024)})`.execute(db);
  await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await recreate(db, '2 3');
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await recreate(db, '2 3 4');
}
