// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Record aliases: when accounts or contacts are merged, each merged record's id keeps pointing at the survivor, so
// deep links, bookmarks, a Teams channel tab pinned to the old account and add-in log intents that name it still
// reach the record the merge kept.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, target] of [['account_aliases', 'account_id'], ['contact_aliases', 'contact_id']] as const) {
    await db.schema
      .createTable(table)
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('alias_id', 'text', (c) => c.notNull())
      .addColumn(target, 'text', (c) => c.notNull())
      .addColumn('merged_at', 'bigint', (c) => c.notNull())
      .addColumn('merged_by', 'text')
      .addPrimaryKeyConstraint(`${table}_pk`, ['tenant_id', 'alias_id'])
      .execute();
    // Re-pointing the aliases of a record that is itself merged later.
    await db.schema.createIndex(`${table}_target_ix`).on(table).columns(['tenant_id', target]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_aliases').ifExists().execute();
  await db.schema.dropTable('account_aliases').ifExists().execute();
}
