// Frozen in time: never import application code here, and never edit once released; add a new migration.
//
// The days each colleague touched each account and each contact, linked to the pair's previous such day
// (store/rollup-touch-days.ts): "accounts touched" and "contacts touched" over a period become a count of the
// period's rows whose previous day is before it, instead of a GROUP BY over every (colleague, pair) row.
//
// - rollup_account_touch_days: per colleague, UTC day and account, a row when rollup_account_days has a touch
//   that is not a note (n > 0) that day; prev_day is the pair's previous such day (null for its first).
// - rollup_contact_touch_days: the same per contact, from rollup_contact_days.
// Kept by the write path in the writing transaction, as the day rollups they follow.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

const TABLES = [
  { table: 'rollup_account_touch_days', column: 'account_id', source: sql`rollup_account_days where kind <> 'note' and n > 0` },
  { table: 'rollup_contact_touch_days', column: 'contact_id', source: sql`rollup_contact_days where n > 0` },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);
  for (const { table, column, source } of TABLES) {
    let t = db.schema.createTable(table)
      .addColumn('tenant_id', 'text', (c) => c.notNull()).addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull()).addColumn(column, 'text', (c) => c.notNull())
      .addColumn('prev_day', 'integer');
    // SQLite: clustered on the key, so a period's rows and their prev_day are one range per colleague.
    if (sqlite) t = t.addPrimaryKeyConstraint(`${table}_pk`, ['tenant_id', 'user_id', 'day', column]).modifyEnd(sql`without rowid`);
    await t.execute();
    // PostgreSQL: the key carries prev_day, so the count is an index-only scan.
    if (!sqlite) await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_pk`)} primary key (tenant_id, user_id, day, ${sql.ref(column)}) include (prev_day)`.execute(db);
    // A pair's days in order: relinking after a write, and the edges' probes.
    await sql`create index ${sql.ref(`${table}_pair_ix`)} on ${sql.ref(table)} (tenant_id, user_id, ${sql.ref(column)}, day)`.execute(db);
    // Existing history, set-based: a pair's previous day is the one before it in day order.
    await sql`insert into ${sql.table(table)} (tenant_id, user_id, day, ${sql.ref(column)}, prev_day)
      select tenant_id, user_id, day, other, lag(day) over (partition by tenant_id, user_id, other order by day) from (
        select distinct tenant_id, user_id, day, ${sql.ref(column)} as other from ${source}) x`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of TABLES) await db.schema.dropTable(table).ifExists().execute();
}
