// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Duplicate dismissals: a pair of accounts or contacts someone judged "not a duplicate", so it is no longer
// suggested. The pair is stored in id order (first_id < second_id), one row per pair; deleting the row undoes it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duplicate_dismissals')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    // account | contact
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('first_id', 'text', (c) => c.notNull())
    .addColumn('second_id', 'text', (c) => c.notNull())
    .addColumn('dismissed_by', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_dismissals_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('duplicate_dismissals_pair_ux').on('duplicate_dismissals').columns(['tenant_id', 'kind', 'first_id', 'second_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duplicate_dismissals').ifExists().execute();
}
