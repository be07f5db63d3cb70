// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Saved views of the account list: a named filter set a user keeps for themselves ('mine') or shares with their
// team ('team': the colleagues with the same team as the owner). Names are unique per owner; a view goes with
// its owner when the owner's row is deleted.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // mine | team
    .addColumn('scope', 'text', (c) => c.notNull())
    // JSON: the account list's filters
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('saved_views_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('saved_views_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('saved_views_owner_name_ux').on('saved_views').columns(['tenant_id', 'owner_id', 'name']).unique().execute();
  await db.schema.createIndex('saved_views_scope_ix').on('saved_views').columns(['tenant_id', 'scope']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_views').ifExists().execute();
}
