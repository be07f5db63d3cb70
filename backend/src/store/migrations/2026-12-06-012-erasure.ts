// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Erasure: a per-tenant secret for keyed address hashes, and the hashes of erased addresses that no sync, log or
// import may bring back. The address itself is never stored.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_secrets')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('suppressed_addresses')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('address_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressed_addresses_pk', ['tenant_id', 'address_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('suppressed_addresses').ifExists().execute();
  await db.schema.dropTable('privacy_secrets').ifExists().execute();
}
