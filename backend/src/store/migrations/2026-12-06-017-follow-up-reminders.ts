// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Follow-ups that close the loop: who set one (created_by: the assignee may change when it is handed to a
// colleague), what was promised (note), the date first promised when it has been snoozed since (original_due_on).
// Reminders in the Teams activity feed: each person's choice per kind (notification_settings, no row = all on)
// and what was sent (notification_log), so one item reminds at most once a day and a digest once a week.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('follow_ups').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('follow_ups').addColumn('note', 'text').execute();
  await db.schema.alterTable('follow_ups').addColumn('original_due_on', 'text').execute();
  await db.schema.alterTable('follow_ups').addColumn('snoozed_at', 'bigint').execute();
  // Every follow-up so far was set by the person it belongs to.
  await sql`update follow_ups set created_by = user_id where created_by is null`.execute(db);
  await db.schema
    .createTable('notification_settings')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // 1 on, 0 off (integers read the same on SQLite and PostgreSQL).
    .addColumn('follow_ups_due', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('overdue_cadences', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('idle_deals', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('weekly_digest', 'integer', (c) => c.notNull().defaultTo(1))
    // The language reminders are written in (the Teams app's, when the person last saved their choice).
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en-US'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_settings_pk', ['tenant_id', 'user_id'])
    .addForeignKeyConstraint('notification_settings_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createTable('notification_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // follow-up-due, overdue-cadence, idle-deal, weekly-digest
    .addColumn('kind', 'text', (c) => c.notNull())
    // The follow-up, account or opportunity id; the week's Monday for a digest.
    .addColumn('item_key', 'text', (c) => c.notNull())
    // The recipient's calendar day (YYYY-MM-DD) it was sent for: the key of "once a day".
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_log_pk', ['tenant_id', 'user_id', 'kind', 'item_key', 'sent_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_log').ifExists().execute();
  await db.schema.dropTable('notification_settings').ifExists().execute();
  for (const column of ['created_by', 'note', 'original_due_on', 'snoozed_at']) {
    await db.schema.alterTable('follow_ups').dropColumn(column).execute();
  }
}
