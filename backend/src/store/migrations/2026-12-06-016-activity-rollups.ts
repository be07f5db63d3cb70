// Frozen in time: never import application code here, and never edit once released; add a new migration.
//
// The dashboard's rollups, kept by the write path (store/rollups.ts) in the transaction that writes the
// interactions, so every server instance reads the same figures the moment a write commits. All of them are
// derived from account_touches (one row per colleague, interaction and account, migration 003); day is the UTC
// day, floor(occurred_at / 86400000). A period's edges that are not UTC midnight are read from account_touches
// (a few night hours for European zones), so figures over any period stay exact.
//
// - rollup_activity: per colleague, day, kind and direction ('' for none), the distinct interactions and their
//   minutes (each interaction once, however many accounts it has).
// - rollup_account_days: per colleague, day, account and kind, the touches and their minutes; the
//   (colleague, day, account) pairs make "accounts touched" over any period an exact small GROUP BY.
// - rollup_contact_days: per colleague, day and contact, the interactions (notes left out) with that contact.
// - rollup_shared_touches: the touches of interactions two or more colleagues hold, at their exact time: a team's
//   distinct interactions are its members' counts less the copies its members share.
// - rollup_replies: per customer email (colleague, account), how long until that colleague's next email to the
//   account, when one came within 14 days.
// - data_versions: a per-tenant counter in a few slots (so concurrent writers rarely wait on one row), bumped by
//   every write the dashboard reads; its sum keys the shared dashboards.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;
const DAY = 86_400_000;
const REPLY_WINDOW = 14 * DAY;

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);
  // SQLite: clustered on the key (without rowid). PostgreSQL: the key carries the counted columns, so a team's
  // period is an index-only scan, as account_touches' is.
  const included: Record<string, string[]> = {
    rollup_activity: ['n', 'minutes'], rollup_account_days: ['n', 'minutes'], rollup_contact_days: ['n'],
    rollup_shared_touches: ['kind', 'minutes'], rollup_replies: ['reply_ms'],
  };
  const pgKeys: [string, string[]][] = [];
  const keyed = (name: string, columns: string[]) => (t: any) => {
    if (sqlite) return t.addPrimaryKeyConstraint(`${name}_pk`, columns).modifyEnd(sql`without rowid`);
    pgKeys.push([name, columns]);
    return t;
  };
  await keyed('rollup_activity', ['tenant_id', 'user_id', 'day', 'kind', 'direction'])(
    db.schema.createTable('rollup_activity')
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull()).addColumn('kind', 'text', (c) => c.notNull()).addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull()).addColumn('minutes', 'bigint', (c) => c.notNull()),
  ).execute();
  await keyed('rollup_account_days', ['tenant_id', 'user_id', 'day', 'account_id', 'kind'])(
    db.schema.createTable('rollup_account_days')
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull()).addColumn('account_id', 'text', (c) => c.notNull()).addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull()).addColumn('minutes', 'bigint', (c) => c.notNull()),
  ).execute();
  await keyed('rollup_contact_days', ['tenant_id', 'user_id', 'day', 'contact_id'])(
    db.schema.createTable('rollup_contact_days')
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull()).addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull()),
  ).execute();
  await keyed('rollup_shared_touches', ['tenant_id', 'user_id', 'occurred_at', 'interaction_id', 'account_id'])(
    db.schema.createTable('rollup_shared_touches')
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'bigint', (c) => c.notNull()).addColumn('interaction_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull()).addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull()),
  ).execute();
  await keyed('rollup_replies', ['tenant_id', 'user_id', 'inbound_at', 'account_id', 'interaction_id'])(
    db.schema.createTable('rollup_replies')
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('inbound_at', 'bigint', (c) => c.notNull()).addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('interaction_id', 'text', (c) => c.notNull()).addColumn('reply_ms', 'bigint', (c) => c.notNull()),
  ).execute();
  for (const [name, columns] of pgKeys) {
    await sql`alter table ${sql.table(name)} add constraint ${sql.ref(`${name}_pk`)} primary key (${sql.join(columns.map((c) => sql.ref(c)))}) include (${sql.join(included[name]!.map((c) => sql.ref(c)))})`.execute(db);
  }
  await db.schema.createTable('data_versions')
    .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_versions_pk', ['tenant_id', 'slot'])
    .execute();
  // A colleague's emails with one account in time order: the replies around a changed email are one range.
  await sql`create index account_touches_email_ix on account_touches (tenant_id, user_id, account_id, occurred_at, direction) where kind = 'email'`.execute(db);

  // Existing history, once, set-based (a million interactions is a few statements, not a loop).
  const day = sqlite ? sql`occurred_at / ${sql.lit(DAY)}` : sql`cast(occurred_at / ${sql.lit(DAY)} as integer)`;
  await sql`insert into rollup_activity (tenant_id, user_id, day, kind, direction, n, minutes)
    select tenant_id, user_id, ${day}, kind, coalesce(direction, ''), count(*), sum(minutes)
    from (select tenant_id, user_id, interaction_id, max(occurred_at) as occurred_at, max(kind) as kind, max(direction) as direction, max(minutes) as minutes
          from account_touches group by tenant_id, user_id, interaction_id) x
    group by tenant_id, user_id, ${day}, kind, coalesce(direction, '')`.execute(db);
  await sql`insert into rollup_account_days (tenant_id, user_id, day, account_id, kind, n, minutes)
    select tenant_id, user_id, ${day}, account_id, kind, count(*), sum(minutes) from account_touches
    group by tenant_id, user_id, ${day}, account_id, kind`.execute(db);
  const tday = sqlite ? sql`t.occurred_at / ${sql.lit(DAY)}` : sql`cast(t.occurred_at / ${sql.lit(DAY)} as integer)`;
  await sql`insert into rollup_contact_days (tenant_id, user_id, day, contact_id, n)
    select t.tenant_id, t.user_id, ${tday}, p.contact_id, count(distinct t.interaction_id)
    from account_touches t join interaction_participants p on p.tenant_id = t.tenant_id and p.interaction_id = t.interaction_id
    where t.kind <> 'note' and p.contact_id is not null
    group by t.tenant_id, t.user_id, ${tday}, p.contact_id`.execute(db);
  await sql`insert into rollup_shared_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, minutes)
    select t.tenant_id, t.user_id, t.occurred_at, t.interaction_id, t.account_id, t.kind, t.minutes from account_touches t
    where exists (select 1 from interaction_holders h where h.tenant_id = t.tenant_id and h.interaction_id = t.interaction_id and h.user_id <> t.user_id)`.execute(db);
  await sql`insert into rollup_replies (tenant_id, user_id, inbound_at, account_id, interaction_id, reply_ms)
    select tenant_id, user_id, occurred_at, account_id, interaction_id, next_out - occurred_at from (
      select i.tenant_id, i.user_id, i.occurred_at, i.account_id, i.interaction_id,
        (select min(o.occurred_at) from account_touches o where o.tenant_id = i.tenant_id and o.user_id = i.user_id and o.account_id = i.account_id
          and o.kind = 'email' and o.direction = 'outbound' and o.occurred_at > i.occurred_at and o.occurred_at <= i.occurred_at + ${sql.lit(REPLY_WINDOW)}) as next_out
      from account_touches i where i.kind = 'email' and i.direction = 'inbound'
    ) x where next_out is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists account_touches_email_ix`.execute(db);
  for (const t of ['data_versions', 'rollup_replies', 'rollup_shared_touches', 'rollup_contact_days', 'rollup_account_days', 'rollup_activity']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
