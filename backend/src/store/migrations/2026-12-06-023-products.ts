// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Products: the tenant's catalogue (name, code, unit price, active), and the catalogue product an opportunity
// line was chosen from. The line keeps its own name and price (what was quoted, even after the catalogue
// changes); product_id is null for free-text lines and for every line written before this migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    // The code lower-cased: "scada-lic" and "SCADA-LIC" are the same product code.
    .addColumn('code_key', 'text', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // 1 or 0 (SQLite has no boolean).
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('products_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('products_tenant_fk', ['tenant_id'], 'tenants', ['id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('products_code_ux').on('products').columns(['tenant_id', 'code_key']).unique().execute();
  // SQLite cannot add a foreign key to an existing table; the use cases check the product exists in the tenant.
  await db.schema.alterTable('opportunity_lines').addColumn('product_id', 'text').execute();
  await db.schema
    .createIndex('opportunity_lines_product_ix')
    .on('opportunity_lines')
    .columns(['tenant_id', 'product_id'])
    .where(sql.ref('product_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('opportunity_lines_product_ix').ifExists().execute();
  await db.schema.alterTable('opportunity_lines').dropColumn('product_id').execute();
  await db.schema.dropTable('products').ifExists().execute();
}
