// Frozen in time: never import application code here, and never edit once released; add a new migration.
//
// The weekly trend counts a team's distinct interactions as its members' counts less the copies its members share
// (store/analytics-weekly.ts): per shared interaction, how many members hold it. rollup_shared_touches (migration
// 016) held a row per colleague, interaction and account, so each colleague's rows were made distinct before the
// members were counted: two hash groupings over the team's shared touches, 17 ms of 26 on PostgreSQL at 1M.
// rollup_shared_interactions holds a row per colleague and interaction (its time, kind and minutes are the
// interaction's own), so the members are a count. Same key order, without the account.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const key = ['tenant_id', 'user_id', 'occurred_at', 'interaction_id'] as const;
  let t = db.schema.createTable('rollup_shared_interactions')
    .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull()).addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()).addColumn('minutes', 'integer', (c) => c.notNull());
  // SQLite: clustered on the key (without rowid). PostgreSQL: the key carries kind and minutes, for an index-only scan.
  if (sqlite) t = t.addPrimaryKeyConstraint('rollup_shared_interactions_pk', [...key]).modifyEnd(sql`without rowid`);
  await t.execute();
  if (!sqlite) {
    await sql`alter table rollup_shared_interactions add constraint rollup_shared_interactions_pk primary key (${sql.join(key.map((c) => sql.ref(c)))}) include (kind, minutes)`.execute(db);
  }
  // An interaction's time, kind and minutes are the same in all its touches; max() picks that one value.
  await sql`insert into rollup_shared_interactions (tenant_id, user_id, occurred_at, interaction_id, kind, minutes)
    select tenant_id, user_id, occurred_at, interaction_id, max(kind), max(minutes) from rollup_shared_touches
    group by tenant_id, user_id, occurred_at, interaction_id`.execute(db);
  await db.schema.dropTable('rollup_shared_touches').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const key = ['tenant_id', 'user_id', 'occurred_at', 'interaction_id', 'account_id'] as const;
  let t = db.schema.createTable('rollup_shared_touches')
    .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull()).addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull()).addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull());
  if (sqlite) t = t.addPrimaryKeyConstraint('rollup_shared_touches_pk', [...key]).modifyEnd(sql`without rowid`);
  await t.execute();
  if (!sqlite) {
    await sql`alter table rollup_shared_touches add constraint rollup_shared_touches_pk primary key (${sql.join(key.map((c) => sql.ref(c)))}) include (kind, minutes)`.execute(db);
  }
  // Rebuilt from account_touches, as migration 016 made it.
  await sql`insert into rollup_shared_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, minutes)
    select t.tenant_id, t.user_id, t.occurred_at, t.interaction_id, t.account_id, t.kind, t.minutes from account_touches t
    where exists (select 1 from interaction_holders h where h.tenant_id = t.tenant_id and h.interaction_id = t.interaction_id and h.user_id <> t.user_id)`.execute(db);
  await db.schema.dropTable('rollup_shared_interactions').execute();
}
