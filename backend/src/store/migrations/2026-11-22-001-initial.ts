// Frozen in time: never import application code here, and never edit once released; add a new migration.
import { SqliteAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * On SQLite, tables keyed by a composite text key are clustered on it (WITHOUT ROWID): a timeline page or a
 * participant lookup is then one B-tree seek per row instead of an index seek plus a rowid lookup.
 */
function clustered<T extends string, C extends string>(db: Kysely<any>, builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  return db.getExecutor().adapter instanceof SqliteAdapter ? builder.modifyEnd(sql`without rowid`) : builder;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entra_tenant_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('entra_object_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deactivated_at', 'bigint')
    .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('users_oid_uq', ['tenant_id', 'entra_object_id'])
    .execute();
  await db.schema.createIndex('users_email_ix').on('users').columns(['tenant_id', 'email']).execute();

  await db.schema
    .createTable('accounts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('lifecycle', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('industry', 'text')
    .addColumn('size', 'text')
    .addColumn('region', 'text')
    .addColumn('last_contact_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addPrimaryKeyConstraint('accounts_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('accounts_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('accounts_owner_ix').on('accounts').columns(['tenant_id', 'owner_id']).execute();
  await db.schema.createIndex('accounts_last_contact_ix').on('accounts').columns(['tenant_id', 'last_contact_at']).execute();
  await db.schema.createIndex('accounts_name_ix').on('accounts').columns(['tenant_id', 'name']).execute();

  await clustered(
    db,
    db.schema
    .createTable('account_domains')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_domains_pk', ['tenant_id', 'domain', 'account_id'])
    .addForeignKeyConstraint('account_domains_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
  ).execute();
  await db.schema.createIndex('account_domains_account_ix').on('account_domains').columns(['tenant_id', 'account_id']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('phones', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addPrimaryKeyConstraint('contacts_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('contacts_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'])
    .addForeignKeyConstraint('contacts_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('contacts_account_ix').on('contacts').columns(['tenant_id', 'account_id']).execute();
  await db.schema.createIndex('contacts_name_ix').on('contacts').columns(['tenant_id', 'name']).execute();

  await clustered(
    db,
    db.schema
    .createTable('contact_emails')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_emails_pk', ['tenant_id', 'address'])
    .addForeignKeyConstraint('contact_emails_contact_fk', ['tenant_id', 'contact_id'], 'contacts', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
  ).execute();
  await db.schema.createIndex('contact_emails_contact_ix').on('contact_emails').columns(['tenant_id', 'contact_id']).execute();

  await db.schema
    .createTable('opportunities')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('value_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text')
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('stage_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addPrimaryKeyConstraint('opportunities_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('opportunities_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'])
    .addForeignKeyConstraint('opportunities_owner_fk', ['tenant_id', 'owner_id'], 'users', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('opportunities_account_ix').on('opportunities').columns(['tenant_id', 'account_id']).execute();
  await db.schema.createIndex('opportunities_stage_ix').on('opportunities').columns(['tenant_id', 'stage']).execute();

  await db.schema
    .createTable('opportunity_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_lines_pk', ['tenant_id', 'opportunity_id', 'ordinal'])
    .addForeignKeyConstraint('opportunity_lines_opp_fk', ['tenant_id', 'opportunity_id'], 'opportunities', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('opportunity_stage_changes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .addPrimaryKeyConstraint('opportunity_stage_changes_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('opportunity_stage_changes_opp_fk', ['tenant_id', 'opportunity_id'], 'opportunities', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('opportunity_stage_changes_opp_ix').on('opportunity_stage_changes').columns(['tenant_id', 'opportunity_id', 'at']).execute();

  await clustered(
    db,
    db.schema
    .createTable('interactions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('snippet', 'text')
    .addColumn('note', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('opportunity_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('external_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('deleted_by', 'text')
    .addPrimaryKeyConstraint('interactions_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('interactions_opp_fk', ['tenant_id', 'opportunity_id'], 'opportunities', ['tenant_id', 'id'])
  ).execute();
  // One interaction per email or meeting per tenant, however many colleagues hold or log it.
  await db.schema.createIndex('interactions_external_key_uq').on('interactions').columns(['tenant_id', 'external_key']).unique().execute();
  await db.schema.createIndex('interactions_occurred_ix').on('interactions').columns(['tenant_id', 'occurred_at']).execute();

  await clustered(
    db,
    db.schema
    .createTable('interaction_accounts')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('interaction_accounts_pk', ['tenant_id', 'account_id', 'occurred_at', 'interaction_id'])
    .addForeignKeyConstraint('interaction_accounts_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('interaction_accounts_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'])
  ).execute();
  // Covering, so hydrating a page's accounts never falls back to scanning the tenant's timeline index.
  // kind too: SQLite otherwise prefers scanning the tenant's primary key for "the accounts of this interaction".
  await db.schema.createIndex('interaction_accounts_interaction_ix').on('interaction_accounts').columns(['tenant_id', 'interaction_id', 'account_id', 'kind']).execute();

  await clustered(
    db,
    db.schema
    .createTable('interaction_participants')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('user_id', 'text')
    .addColumn('contact_id', 'text')
    .addPrimaryKeyConstraint('interaction_participants_pk', ['tenant_id', 'interaction_id', 'ordinal'])
    .addForeignKeyConstraint('interaction_participants_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
  ).execute();
  await db.schema.createIndex('interaction_participants_contact_ix').on('interaction_participants').columns(['tenant_id', 'contact_id']).execute();
  await db.schema.createIndex('interaction_participants_address_ix').on('interaction_participants').columns(['tenant_id', 'address']).execute();

  await clustered(
    db,
    db.schema
    .createTable('interaction_holders')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('interaction_holders_pk', ['tenant_id', 'interaction_id', 'user_id', 'relation'])
    .addForeignKeyConstraint('interaction_holders_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
  ).execute();
  await db.schema.createIndex('interaction_holders_user_ix').on('interaction_holders').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('feedback')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('given_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('feedback_account_fk', ['tenant_id', 'account_id'], 'accounts', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('feedback_account_ix').on('feedback').columns(['tenant_id', 'account_id', 'given_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_entity_ix').on('audit_log').columns(['tenant_id', 'entity_type', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log', 'feedback', 'interaction_holders', 'interaction_participants', 'interaction_accounts', 'interactions',
    'opportunity_stage_changes', 'opportunity_lines', 'opportunities', 'contact_emails', 'contacts', 'account_domains',
    'accounts', 'users', 'tenants',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
