// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The duplicate check's typo keys (migration 037) are written with every account's search entry, and at 25k
// imported accounts those writes took 37% of the SQLite import: a rowid table with its primary key and an index
// beside it is three b-trees per row. On SQLite the table is rebuilt WITHOUT ROWID, clustered on the key lookup's
// (tenant_id, name_key, account_id), with one index by account for the per-account read and delete (an index of
// a WITHOUT ROWID table holds the key's columns, so that read never visits the table). On PostgreSQL the heap
// stays; its index by account gains name_key, so the per-account read is answered from the index alone. The rows,
// '' ones (built, no key) included, are kept as they were.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create table account_name_keys_038 (
      tenant_id text not null, name_key text not null, account_id text not null,
      constraint account_name_keys_pk primary key (tenant_id, name_key, account_id)) without rowid`.execute(db);
    await sql`insert into account_name_keys_038 (tenant_id, name_key, account_id)
      select tenant_id, name_key, account_id from account_name_keys order by tenant_id, name_key, account_id`.execute(db);
    await sql`drop table account_name_keys`.execute(db);
    await sql`alter table account_name_keys_038 rename to account_name_keys`.execute(db);
  } else {
    await db.schema.dropIndex('account_name_keys_account').execute();
  }
  await db.schema.createIndex('account_name_keys_account').on('account_name_keys').columns(['tenant_id', 'account_id', 'name_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create table account_name_keys_037 (
      tenant_id text not null, name_key text not null, account_id text not null,
      constraint account_name_keys_pk primary key (tenant_id, name_key, account_id))`.execute(db);
    await sql`insert into account_name_keys_037 (tenant_id, name_key, account_id)
      select tenant_id, name_key, account_id from account_name_keys`.execute(db);
    await sql`drop table account_name_keys`.execute(db);
    await sql`alter table account_name_keys_037 rename to account_name_keys`.execute(db);
  } else {
    await db.schema.dropIndex('account_name_keys_account').execute();
  }
  await db.schema.createIndex('account_name_keys_account').on('account_name_keys').columns(['tenant_id', 'account_id']).execute();
}
