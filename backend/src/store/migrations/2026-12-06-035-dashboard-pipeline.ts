// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The managers' dashboard's pipeline (store/analytics.ts teamPipeline) reads a team's live EUR opportunities by
// owner: this index holds every column it reads, so a team's 6,500 deals at 1M interactions are one index range
// instead of as many table rows. The archived accounts (few) get their own small index, which the same figure
// probes once per deal to leave out deals of archived accounts.
// PostgreSQL: care and going-cold (store/analytics-portfolio.ts) count each portfolio account's contacts (not
// notes) in the period and find its last one; the primary key's range then visits a heap row per contact for its
// kind (74k random rows for a team's 3,000 accounts at 1M). Without the notes, an index-only range. SQLite's
// timeline table is its primary key (WITHOUT ROWID), which holds the kind already.
import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index opportunities_pipeline_ix on opportunities (tenant_id, owner_id, stage, closed_at, value_cents, probability, account_id)
    where deleted_at is null and archived_at is null and currency = 'EUR'`.execute(db);
  await sql`create index accounts_archived_ix on accounts (tenant_id, id) where archived_at is not null`.execute(db);
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`create index interaction_accounts_contacts_ix on interaction_accounts (tenant_id, account_id, occurred_at) where kind <> 'note'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists interaction_accounts_contacts_ix`.execute(db);
  await sql`drop index if exists accounts_archived_ix`.execute(db);
  await sql`drop index if exists opportunities_pipeline_ix`.execute(db);
}
