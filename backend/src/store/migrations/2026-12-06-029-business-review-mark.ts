// Frozen in time: never import application code here, and never edit once released; add a new migration.
// A person may mark a meeting as a business review, or unmark one whose subject only looks like one:
// interactions.business_review is null (decided by the subject), 1 (marked) or 0 (unmarked). The timeline's stored
// answers gain the field, so every item is emptied here and rebuilt by migrateToLatest before anything is served
// (store/migrate.ts, as after 028).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('business_review', 'integer').execute();
  await sql`update timeline_rows set item = null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('business_review').execute();
}
