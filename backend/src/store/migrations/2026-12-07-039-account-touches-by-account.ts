// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The managers' dashboard lists the accounts the team spent most effort on, each with its touches by channel and
// by colleague (store/analytics.ts accountActivity): the listed accounts' touches over the period. account_touches
// is keyed by colleague, so those were read from the accounts' timelines joined to every interaction's holders,
// a random holders lookup per interaction (29 ms on PostgreSQL, 12 on SQLite for 50 accounts at 1M). By account
// and time they are one index range per account: SQLite's index carries the key's colleague and interaction
// (a WITHOUT ROWID table's index holds its primary key), PostgreSQL's includes them for an index-only scan.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create index account_touches_account_ix on account_touches (tenant_id, account_id, occurred_at, kind)`.execute(db);
  } else {
    await sql`create index account_touches_account_ix on account_touches (tenant_id, account_id, occurred_at) include (user_id, interaction_id, kind)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists account_touches_account_ix`.execute(db);
}
