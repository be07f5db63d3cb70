// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Timeline rows: one row per (account, interaction) holding what the timeline lists for the item, so a page is one
// range scan instead of a join and three look-ups per item. Visibility is applied when read, from the viewer's
// rights, so the row carries what that needs: the visibility and who holds the item. The item itself (JSON) is
// built by the application: this migration copies the keys with item NULL, and migrateToLatest (store/migrate.ts)
// fills every NULL item before the server serves. Until then such a row is private with no holder: nobody sees it.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('timeline_rows')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    // '|id|id|': the users holding or having logged it (who may see it when private), and for the "with this
    // colleague" and "with this contact" filters the users and contacts it names.
    .addColumn('holder_ids', 'text', (c) => c.notNull())
    .addColumn('user_ids', 'text', (c) => c.notNull())
    .addColumn('contact_ids', 'text', (c) => c.notNull())
    // Text, not jsonb: the bytes are served as stored, key order included.
    .addColumn('item', 'text')
    .addPrimaryKeyConstraint('timeline_rows_pk', ['tenant_id', 'account_id', 'occurred_at', 'interaction_id'])
    .addForeignKeyConstraint('timeline_rows_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .$call((b) => (sqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  // A write rebuilds every row of the interaction it changed.
  await db.schema.createIndex('timeline_rows_interaction_ix').on('timeline_rows').columns(['tenant_id', 'interaction_id']).execute();
  // The rows still to build: empty once migrateToLatest has run.
  await db.schema.createIndex('timeline_rows_unbuilt_ix').on('timeline_rows').columns(['tenant_id', 'interaction_id']).where(sql.ref('item'), 'is', null).execute();
  await sql`
    insert into timeline_rows (tenant_id, account_id, occurred_at, interaction_id, kind, visibility, holder_ids, user_ids, contact_ids, item)
    select ia.tenant_id, ia.account_id, ia.occurred_at, ia.interaction_id, ia.kind, 'private', '', '', '', null
    from interaction_accounts ia
    join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
    where i.deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('timeline_rows').ifExists().execute();
}
