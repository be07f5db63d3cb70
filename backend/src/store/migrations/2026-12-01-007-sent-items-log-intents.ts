// Frozen in time: never import application code here, and never edit once released; add a new migration.
// "Log this email when sent" read by the sync: Sent Items is now read with the Outlook add-in's custom properties
// ($expand of its cecp-<id> property). Graph encodes a delta round's query options in its links ("message: delta":
// "Microsoft Graph automatically encodes any specified parameters into the token portion of the @odata.nextLink or
// @odata.deltaLink"), so a cursor from before keeps asking without them. Every Sent Items cursor is dropped: its
// next pass is a full round (merged by key, as after an expired delta token) that reads the intents.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable('sync_cursors').set({ delta_link: null, next_link: null }).where('stream', '=', 'mail:sentitems').execute();
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Nothing to undo: the cursors rebuild themselves.
}
