// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The duplicate check's typo keys (migration 037) are written with every account's search entry: a 25k-account
// CSV import on SQLite took 15.5 s with them against 9.8 s without. The rowid table was three b-trees per row
// (the table, its primary key, the index by account). On SQLite the table is rebuilt WITHOUT ROWID, clustered on
// the key lookup's (tenant_id, name_key, account_id), with one index by account for the per-account reads (the
// writer's comparison, the start-up fill's check): an index of a WITHOUT ROWID table holds the key's columns, so
// those reads never visit the table. On PostgreSQL the heap stays and both indexes are used; the one by account
// gains name_key, so the per-account read is an index-only scan. The rows ('' ones, built but keyless, too) stay.
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
