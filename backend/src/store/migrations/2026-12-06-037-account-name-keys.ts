// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The duplicate check finds the accounts a new one could repeat through indexed keys (a domain, a name word, the
// name's first three letters). A typo inside those first letters ("Viasala" for "Vaisala") shared no key, so it was
// not caught. account_name_keys holds each account's name keys that survive one typo anywhere: the name's first
// four letters, and its first five with each one left out in turn (two names one edit apart share at least one).
// The keys are built by the application (domain/duplicates.ts nameTypoKeys): this migration adds the table, and
// migrateToLatest (store/migrate.ts) fills it for every account that has no row yet. An account whose name gives
// no key holds one row with the empty key, so "has no row" means "not built".
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_name_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_name_keys_pk', ['tenant_id', 'name_key', 'account_id'])
    .execute();
  // Rewriting an account's keys deletes by account.
  await db.schema.createIndex('account_name_keys_account').on('account_name_keys').columns(['tenant_id', 'account_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_name_keys').execute();
}
