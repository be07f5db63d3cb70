// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Retention: an interaction past the tenant's retention that is anonymised keeps its row (kind, time, accounts,
// holders, so the dashboard's counts still add up) with its words and addresses blanked. anonymised_at marks it,
// so the daily job passes over what it already did; the index finds the next old rows by time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('anonymised_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('anonymised_at').execute();
}
