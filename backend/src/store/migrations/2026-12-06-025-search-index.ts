// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Search: one row per searchable record (account, contact, interaction) in search_documents, holding its text in
// two parts: meta (what anyone who may see the record at all may read: names, addresses, participants) and content
// (an interaction's subject, snippet and note, only for those who may read it). A metadata-only item is then
// matched on meta alone, exactly. The row also carries what the visibility decision needs (visibility, holders)
// and what a hit shows (title, account, time), so a search is one index probe plus a row look-up per hit.
// SQLite: an FTS5 index over the two parts (external content, kept by triggers, so a write that changes no text,
// a holder or a visibility, never touches the FTS index). PostgreSQL: one tsvector, meta weighted A and content B
// (a metadata-only viewer's query asks for weight A), under a GIN index. A separate table rather than generated
// columns on the source tables: an interaction's meta text comes from its participants (another table), and
// accounts and interactions are updated often (last contact, counters) without any searchable text changing.
// The text is built by the application (folded the same way on both databases): this migration adds one row per
// record with meta_text NULL, and migrateToLatest (store/migrate.ts) builds them before the server serves.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('search_documents')
    // SQLite: the FTS5 rowid, so deleting a record's entry is a key look-up, not a scan of the FTS table.
    .$call((b) => (sqlite ? b.addColumn('doc_id', 'integer', (c) => c.primaryKey()) : b))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    // account | contact | interaction
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    // The account a hit opens (a contact's account, an interaction's first account).
    .addColumn('account_id', 'text')
    // shared | metadata | private (accounts and contacts: shared)
    .addColumn('visibility', 'text', (c) => c.notNull())
    // '|id|id|': who holds the item (sees it whole whatever its visibility)
    .addColumn('holder_ids', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    // An interaction's kind (email, meeting, ...) and time; null for accounts and contacts.
    .addColumn('item_kind', 'text')
    .addColumn('occurred_at', 'bigint')
    .addColumn('title', 'text')
    .addColumn('meta_text', 'text')
    .addColumn('content_text', 'text')
    .$call((b) => (sqlite ? b : b.addColumn('tsv', sql`tsvector`)))
    .$call((b) => (sqlite ? b : b.addPrimaryKeyConstraint('search_documents_pk', ['tenant_id', 'kind', 'record_id'])))
    .execute();
  if (sqlite) {
    await db.schema.createIndex('search_documents_record_ux').on('search_documents').columns(['tenant_id', 'kind', 'record_id']).unique().execute();
    // unicode61 remove_diacritics 2: "Mäkinen" is found by "makinen"; prefix indexes keep type-ahead ("mäk") cheap.
    // kind is indexed too: a search for accounts intersects with the accounts' entries inside the FTS index instead
    // of joining every matching interaction and dropping it.
    // External content: the FTS columns carry the content table's column names, so FTS5 can read them back
    // (a select on search_fts, 'rebuild', 'integrity-check') instead of failing on a missing column.
    await sql`create virtual table search_fts using fts5(
      meta_text, content_text, kind, content='search_documents', content_rowid='doc_id',
      tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`.execute(db);
    // A deleted entry's words leave the index files at once, not at a later merge: erasure means gone.
    await sql`insert into search_fts(search_fts, rank) values ('secure-delete', 1)`.execute(db);
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, meta_text, content_text, kind) values (new.doc_id, new.meta_text, new.content_text, new.kind);
    end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, meta_text, content_text, kind) values ('delete', old.doc_id, old.meta_text, old.content_text, old.kind);
    end`.execute(db);
    await sql`create trigger search_documents_au after update of meta_text, content_text on search_documents
      when old.meta_text is not new.meta_text or old.content_text is not new.content_text begin
      insert into search_fts(search_fts, rowid, meta_text, content_text, kind) values ('delete', old.doc_id, old.meta_text, old.content_text, old.kind);
      insert into search_fts(rowid, meta_text, content_text, kind) values (new.doc_id, new.meta_text, new.content_text, new.kind);
    end`.execute(db);
  } else {
    // One GIN index per kind: a search for accounts never walks the interactions' posting lists.
    for (const kind of ['account', 'contact', 'interaction']) {
      await sql`create index ${sql.raw(`search_documents_${kind}_tsv_ix`)} on search_documents using gin (tsv) where kind = ${sql.lit(kind)}`.execute(db);
    }
  }
  // The rows still to build: empty once migrateToLatest has run.
  await db.schema.createIndex('search_documents_unbuilt_ix').on('search_documents').columns(['tenant_id', 'kind', 'record_id']).where(sql.ref('meta_text'), 'is', null).execute();
  // Placeholders (nobody matches a row without text), built by the application before the server serves.
  await sql`insert into search_documents (tenant_id, kind, record_id, visibility, holder_ids, archived)
    select tenant_id, 'account', id, 'private', '', 0 from accounts where deleted_at is null`.execute(db);
  await sql`insert into search_documents (tenant_id, kind, record_id, visibility, holder_ids, archived)
    select tenant_id, 'contact', id, 'private', '', 0 from contacts where deleted_at is null`.execute(db);
  await sql`insert into search_documents (tenant_id, kind, record_id, visibility, holder_ids, archived)
    select distinct i.tenant_id, 'interaction', i.id, 'private', '', 0
    from interactions i join interaction_accounts ia on ia.tenant_id = i.tenant_id and ia.interaction_id = i.id
    where i.deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_documents').ifExists().execute();
}
