// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The managers' dashboard's pipeline (store/analytics.ts teamPipeline) reads a team's live EUR opportunities by
// owner: this index holds every column it reads, so a team's 6,500 deals at 1M interactions are one index range
// instead of as many table rows. The archived accounts (few) get their own small index, which the same figure
// probes once per deal to leave out deals of archived accounts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index opportunities_pipeline_ix on opportunities (tenant_id, owner_id, stage, closed_at, value_cents, probability, account_id)
    where deleted_at is null and archived_at is null and currency = 'EUR'`.execute(db);
  await sql`create index accounts_archived_ix on accounts (tenant_id, id) where archived_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists accounts_archived_ix`.execute(db);
  await sql`drop index if exists opportunities_pipeline_ix`.execute(db);
}
