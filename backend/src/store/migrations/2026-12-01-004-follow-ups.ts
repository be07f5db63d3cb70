// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Follow-ups: "I will get back to them on this date", set when logging an email or meeting. One per person and
// interaction, since two colleagues may each promise something; Today lists a person's due ones.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    // A calendar date (YYYY-MM-DD) in the user's own sense of "that day", not an instant.
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_ups_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('follow_ups_user_interaction_uq', ['tenant_id', 'user_id', 'interaction_id'])
    .addForeignKeyConstraint('follow_ups_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('follow_ups_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .addForeignKeyConstraint('follow_ups_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'])
    .execute();
  // Today's query: a person's open follow-ups by date.
  await db.schema.createIndex('follow_ups_due_ix').on('follow_ups').columns(['tenant_id', 'user_id', 'done_at', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_ups').ifExists().execute();
}
