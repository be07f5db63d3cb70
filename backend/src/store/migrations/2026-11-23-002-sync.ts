// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Graph sync state: the mailboxes an admin enabled, one delta cursor per mailbox stream, change-notification
// subscriptions, skip counts for the health view, and which Graph item of which mailbox stands for which interaction.
import { SqliteAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** As in 001: composite-keyed tables are clustered on their key on SQLite (WITHOUT ROWID). */
function clustered<T extends string, C extends string>(db: Kysely<any>, builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  return db.getExecutor().adapter instanceof SqliteAdapter ? builder.modifyEnd(sql`without rowid`) : builder;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mailboxes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('folders', 'text', (c) => c.notNull().defaultTo('["inbox","sentitems"]'))
    .addColumn('window_back_days', 'integer', (c) => c.notNull().defaultTo(180))
    .addColumn('window_ahead_days', 'integer', (c) => c.notNull().defaultTo(90))
    .addColumn('blocked_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('blocked_domains', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('items_seen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('items_stored', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_success_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'bigint')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('throttled_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('mailboxes_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('mailboxes_address_uq', ['tenant_id', 'address'])
    .addForeignKeyConstraint('mailboxes_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();

  await clustered(
    db,
    db.schema
      .createTable('sync_cursors')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('mailbox_id', 'text', (c) => c.notNull())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('delta_link', 'text')
      .addColumn('next_link', 'text')
      .addColumn('full_round', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('full_sync_started_at', 'bigint')
      .addColumn('window_start', 'bigint')
      .addColumn('window_end', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_cursors_pk', ['tenant_id', 'mailbox_id', 'stream'])
      .addForeignKeyConstraint('sync_cursors_mailbox_fk', ['tenant_id', 'mailbox_id'], 'mailboxes', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade')),
  ).execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('client_state', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('subscriptions_mailbox_fk', ['tenant_id', 'mailbox_id'], 'mailboxes', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  // The webhook knows only the subscription id Graph sends: the one read not scoped by tenant.
  await db.schema.createIndex('subscriptions_id_uq').on('subscriptions').column('id').unique().execute();
  await db.schema.createIndex('subscriptions_expiry_ix').on('subscriptions').columns(['tenant_id', 'expires_at']).execute();
  await db.schema.createIndex('subscriptions_mailbox_ix').on('subscriptions').columns(['tenant_id', 'mailbox_id', 'stream']).execute();

  // Counts only: never anything about the skipped mail itself.
  await clustered(
    db,
    db.schema
      .createTable('sync_skips')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('mailbox_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_skips_pk', ['tenant_id', 'mailbox_id', 'reason'])
      .addForeignKeyConstraint('sync_skips_mailbox_fk', ['tenant_id', 'mailbox_id'], 'mailboxes', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade')),
  ).execute();

  // Graph's @removed names only the item's id: this says which interaction that item made this mailbox hold.
  await clustered(
    db,
    db.schema
      .createTable('sync_item_refs')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('mailbox_id', 'text', (c) => c.notNull())
      .addColumn('graph_id', 'text', (c) => c.notNull())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('interaction_id', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      // Graph's conversationId: the thread, for the owner's per-thread visibility.
      .addColumn('conversation_id', 'text')
      .addPrimaryKeyConstraint('sync_item_refs_pk', ['tenant_id', 'mailbox_id', 'graph_id'])
      .addForeignKeyConstraint('sync_item_refs_mailbox_fk', ['tenant_id', 'mailbox_id'], 'mailboxes', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
      .addForeignKeyConstraint('sync_item_refs_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade')),
  ).execute();
  await db.schema.createIndex('sync_item_refs_interaction_ix').on('sync_item_refs').columns(['tenant_id', 'interaction_id', 'mailbox_id']).execute();
  await db.schema.createIndex('sync_item_refs_round_ix').on('sync_item_refs').columns(['tenant_id', 'mailbox_id', 'stream', 'round']).execute();
  await db.schema.createIndex('sync_item_refs_thread_ix').on('sync_item_refs').columns(['tenant_id', 'mailbox_id', 'conversation_id']).execute();

  // A mailbox owner's choice of visibility for one thread: applied to its synced items now and to those to come.
  await clustered(
    db,
    db.schema
      .createTable('thread_visibility')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('mailbox_id', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('thread_visibility_pk', ['tenant_id', 'mailbox_id', 'conversation_id'])
      .addForeignKeyConstraint('thread_visibility_mailbox_fk', ['tenant_id', 'mailbox_id'], 'mailboxes', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade')),
  ).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['thread_visibility', 'sync_item_refs', 'sync_skips', 'subscriptions', 'sync_cursors', 'mailboxes']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
