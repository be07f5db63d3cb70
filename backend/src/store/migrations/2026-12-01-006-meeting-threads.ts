// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Meeting threads: the Teams chat thread of an online meeting (from its calendar event's join URL) to the
// meeting's interaction, so a Teams meeting side panel, which knows only its chat id, finds its meeting. One
// meeting in several calendars is one interaction (by iCalUId), so one row; a recurring Teams meeting has one chat
// for all its occurrences, so a thread may name several interactions.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_threads')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_threads_pk', ['tenant_id', 'thread_id', 'interaction_id'])
    .addForeignKeyConstraint('meeting_threads_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  // The foreign key's own lookups (erasing an interaction) and "which chat is this meeting's".
  await db.schema.createIndex('meeting_threads_interaction_ix').on('meeting_threads').columns(['tenant_id', 'interaction_id']).execute();
  await restartCalendarRounds(db);
}

/**
 * Meetings synced before this migration have no chat recorded, and an incremental round reads only events that
 * change: every calendar's cursor is dropped so its next pass is a full round (merged by key, as after a new
 * window), which records the chat of each online meeting already in the window.
 */
export async function restartCalendarRounds(db: Kysely<any>): Promise<void> {
  await db.updateTable('sync_cursors').set({ delta_link: null, next_link: null }).where('stream', '=', 'calendar').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_threads').ifExists().execute();
}
