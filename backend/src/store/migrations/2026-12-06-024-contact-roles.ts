// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Contact roles: the buying committee of an opportunity. One role per contact and opportunity (decision_maker,
// economic_buyer, influencer, user, champion); a row goes with its opportunity or contact when either is deleted.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opportunity_contacts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_contacts_pk', ['tenant_id', 'opportunity_id', 'contact_id'])
    .addForeignKeyConstraint('opportunity_contacts_opportunity_fk', ['tenant_id', 'opportunity_id'], 'opportunities', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('opportunity_contacts_contact_fk', ['tenant_id', 'contact_id'], 'contacts', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  // The contacts panel asks by contact (each person's roles in open deals); merges move rows by contact.
  await db.schema.createIndex('opportunity_contacts_contact_ix').on('opportunity_contacts').columns(['tenant_id', 'contact_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('opportunity_contacts').ifExists().execute();
}
