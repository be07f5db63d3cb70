// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Timeline rows hold each item's API answer with slots for what depends on the viewer (domain/timeline-item.ts)
// instead of the interaction's own JSON: every item is emptied here and rebuilt by migrateToLatest before
// anything is served (store/migrate.ts, as after 015). On SQLite the table becomes an ordinary rowid table with a
// unique index on the page key: as a WITHOUT ROWID table each row of about 1 kB (more than SQLite keeps in an
// index page) spilled to an overflow page of its own, so a page of 50 read some 100 pages and took three times
// as long as the same rows read through an index.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await sql`update timeline_rows set item = null`.execute(db);
    return;
  }
  await db.schema
    .createTable('timeline_rows_028')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('holder_ids', 'text', (c) => c.notNull())
    .addColumn('user_ids', 'text', (c) => c.notNull())
    .addColumn('contact_ids', 'text', (c) => c.notNull())
    .addColumn('item', 'text')
    .addForeignKeyConstraint('timeline_rows_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await sql`
    insert into timeline_rows_028 (tenant_id, account_id, occurred_at, interaction_id, kind, visibility, holder_ids, user_ids, contact_ids, item)
    select tenant_id, account_id, occurred_at, interaction_id, kind, visibility, holder_ids, user_ids, contact_ids, null
    from timeline_rows order by tenant_id, account_id, occurred_at, interaction_id`.execute(db);
  await db.schema.dropTable('timeline_rows').execute();
  await db.schema.alterTable('timeline_rows_028').renameTo('timeline_rows').execute();
  // The page key, as the primary key was: a page is one range scan of it, newest first.
  await db.schema.createIndex('timeline_rows_page_uq').unique().on('timeline_rows').columns(['tenant_id', 'account_id', 'occurred_at', 'interaction_id']).execute();
  await db.schema.createIndex('timeline_rows_interaction_ix').on('timeline_rows').columns(['tenant_id', 'interaction_id']).execute();
  await db.schema.createIndex('timeline_rows_unbuilt_ix').on('timeline_rows').columns(['tenant_id', 'interaction_id']).where(sql.ref('item'), 'is', null).execute();
}

export async function down(): Promise<void> {
  // The old items cannot be told from the new: rebuilt by the application, not restorable here.
}
