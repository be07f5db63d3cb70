// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Stream health: each mailbox stream (Inbox, Sent Items, calendar, ...) keeps its own failures, last error (with
// Graph's status and code), the action an admin must take for a permanent error, when to try again, its last
// success and its last 410 resync. The mailbox's summary is derived from its streams. Unreadable ("poison") items
// are kept by stream and item, so one that comes back every round is one row with its first and last sighting.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('sync_cursors').addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sync_cursors').addColumn('last_error', 'text').execute();
  await db.schema.alterTable('sync_cursors').addColumn('last_error_status', 'integer').execute();
  await db.schema.alterTable('sync_cursors').addColumn('last_error_code', 'text').execute();
  await db.schema.alterTable('sync_cursors').addColumn('last_error_at', 'bigint').execute();
  await db.schema.alterTable('sync_cursors').addColumn('admin_action', 'text').execute();
  await db.schema.alterTable('sync_cursors').addColumn('next_attempt_at', 'bigint').execute();
  await db.schema.alterTable('sync_cursors').addColumn('last_success_at', 'bigint').execute();
  await db.schema.alterTable('sync_cursors').addColumn('last_resync_at', 'bigint').execute();
  await db.schema
    .createTable('sync_unreadable_items')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('graph_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_unreadable_items_pk', ['tenant_id', 'mailbox_id', 'stream', 'item_key'])
    .execute();
  // The health view's "most recent per mailbox".
  await db.schema.createIndex('sync_unreadable_items_recent_ix').on('sync_unreadable_items').columns(['tenant_id', 'mailbox_id', 'last_seen_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_unreadable_items').ifExists().execute();
  for (const column of ['consecutive_failures', 'last_error', 'last_error_status', 'last_error_code', 'last_error_at', 'admin_action', 'next_attempt_at', 'last_success_at', 'last_resync_at']) {
    await db.schema.alterTable('sync_cursors').dropColumn(column).execute();
  }
}
