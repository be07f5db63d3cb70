// Frozen in time: never import application code here, and never edit once released; add a new migration.
// A person may mark a meeting as a business review, or unmark one whose subject only looks like one:
// interactions.business_review is null (decided by the subject), 1 (marked) or 0 (unmarked). An answer carries the
// mark only when set, so the timeline's stored answers (all unmarked) stay as they are: no rebuild at 1M rows.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('business_review', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('business_review').execute();
}
