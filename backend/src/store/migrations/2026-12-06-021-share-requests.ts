// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Share requests: a colleague who sees only that a contact happened (a metadata-only item) asks its holders to
// share it. One open request per requester and item (a partial unique index, so asking again after a decline
// is possible); the request goes with its item when the item is deleted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('share_requests')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    // open | shared | declined
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .addColumn('answered_by', 'text')
    .addPrimaryKeyConstraint('share_requests_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('share_requests_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('share_requests_open_ux')
    .on('share_requests')
    .columns(['tenant_id', 'interaction_id', 'requester_id'])
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema.createIndex('share_requests_interaction_ix').on('share_requests').columns(['tenant_id', 'interaction_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('share_requests').ifExists().execute();
}
