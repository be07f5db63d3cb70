// Frozen in time: never import application code here, and never edit once released; add a new migration.
//
// The analytics index. account_touches has one row per (colleague, interaction, account): who was in touch
// with which account, when, through which channel, for how long. Its key starts with (tenant, user,
// occurred_at), so a team's period is one range scan per member, with everything the dashboard counts in the
// row itself: no seek per interaction, never all rows read into the application.
//
// The triggers read a timeline row's account and time through interaction_accounts_interaction_ix (which covers
// them with the key) and the kind from the interaction itself, so the lookup is one seek, never a scan.
//
// Triggers keep it equal to "holders x timeline rows" whoever writes: the store's ingest, the add-in's log, the
// sync engine releasing a mailbox's items, a removal (which deletes the timeline rows), a restore. Deleted
// interactions have no timeline rows, so they have no touches either.
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);
  let table = db.schema
    .createTable('account_touches')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text')
    // Meeting and call minutes; 0 for the rest. Kept here so effort sums need no join.
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addForeignKeyConstraint('account_touches_interaction_fk', ['tenant_id', 'interaction_id'], 'interactions', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'));
  if (sqlite) {
    // Clustered on the key: a member's period is contiguous on disk.
    table = table.addPrimaryKeyConstraint('account_touches_pk', ['tenant_id', 'user_id', 'occurred_at', 'interaction_id', 'account_id']).modifyEnd(sql`without rowid`);
  }
  await table.execute();
  if (!sqlite) {
    // PostgreSQL: the key carries the counted columns, so a period is an index-only scan.
    await sql`alter table account_touches add constraint account_touches_pk primary key (tenant_id, user_id, occurred_at, interaction_id, account_id) include (kind, direction, minutes)`.execute(db);
  }

  // What idle-opportunity detection reads: the newest interaction linked to an opportunity.
  await db.schema
    .createIndex('interactions_opportunity_ix')
    .on('interactions')
    .columns(['tenant_id', 'opportunity_id', 'occurred_at'])
    .where('opportunity_id', 'is not', null)
    .execute();
  // A team's pipeline, and its won value in a period.
  await db.schema.createIndex('opportunities_owner_ix').on('opportunities').columns(['tenant_id', 'owner_id', 'stage', 'closed_at']).execute();
  await db.schema.createIndex('users_team_ix').on('users').columns(['tenant_id', 'team']).execute();

  if (sqlite) {
    await sql`create trigger account_touches_holder_added after insert on interaction_holders begin
      insert into account_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, direction, minutes)
      select new.tenant_id, new.user_id, ia.occurred_at, ia.interaction_id, ia.account_id, i.kind, i.direction, coalesce(i.duration_minutes, 0)
      from interaction_accounts ia join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
      where ia.tenant_id = new.tenant_id and ia.interaction_id = new.interaction_id
      on conflict do nothing;
    end`.execute(db);
    await sql`create trigger account_touches_timeline_added after insert on interaction_accounts begin
      insert into account_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, direction, minutes)
      select distinct h.tenant_id, h.user_id, new.occurred_at, new.interaction_id, new.account_id, new.kind, i.direction, coalesce(i.duration_minutes, 0)
      from interaction_holders h join interactions i on i.tenant_id = h.tenant_id and i.id = h.interaction_id
      where h.tenant_id = new.tenant_id and h.interaction_id = new.interaction_id
      on conflict do nothing;
    end`.execute(db);
    // A colleague stops holding it: their touches go, unless they still hold or logged it otherwise.
    await sql`create trigger account_touches_holder_removed after delete on interaction_holders
      when not exists (select 1 from interaction_holders h where h.tenant_id = old.tenant_id and h.interaction_id = old.interaction_id and h.user_id = old.user_id)
    begin
      delete from account_touches where tenant_id = old.tenant_id and user_id = old.user_id
        and occurred_at = (select ia.occurred_at from interaction_accounts ia where ia.tenant_id = old.tenant_id and ia.interaction_id = old.interaction_id limit 1)
        and interaction_id = old.interaction_id;
    end`.execute(db);
    await sql`create trigger account_touches_timeline_removed after delete on interaction_accounts begin
      delete from account_touches where tenant_id = old.tenant_id
        and user_id in (select h.user_id from interaction_holders h where h.tenant_id = old.tenant_id and h.interaction_id = old.interaction_id)
        and occurred_at = old.occurred_at and interaction_id = old.interaction_id and account_id = old.account_id;
    end`.execute(db);
  } else {
    // PostgreSQL: statement-level triggers over the transition tables, one set-based statement per write.
    await sql`create function account_touches_holder_added() returns trigger language plpgsql as $$
    begin
      insert into account_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, direction, minutes)
      select distinct h.tenant_id, h.user_id, ia.occurred_at, ia.interaction_id, ia.account_id, i.kind, i.direction, coalesce(i.duration_minutes, 0)
      from added h
      join interaction_accounts ia on ia.tenant_id = h.tenant_id and ia.interaction_id = h.interaction_id
      join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
      on conflict do nothing;
      return null;
    end $$`.execute(db);
    await sql`create trigger account_touches_holder_added after insert on interaction_holders
      referencing new table as added for each statement execute function account_touches_holder_added()`.execute(db);
    await sql`create function account_touches_timeline_added() returns trigger language plpgsql as $$
    begin
      insert into account_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, direction, minutes)
      select distinct h.tenant_id, h.user_id, a.occurred_at, a.interaction_id, a.account_id, a.kind, i.direction, coalesce(i.duration_minutes, 0)
      from added a
      join interaction_holders h on h.tenant_id = a.tenant_id and h.interaction_id = a.interaction_id
      join interactions i on i.tenant_id = a.tenant_id and i.id = a.interaction_id
      on conflict do nothing;
      return null;
    end $$`.execute(db);
    await sql`create trigger account_touches_timeline_added after insert on interaction_accounts
      referencing new table as added for each statement execute function account_touches_timeline_added()`.execute(db);
    await sql`create function account_touches_holder_removed() returns trigger language plpgsql as $$
    begin
      delete from account_touches t using removed r
      where t.tenant_id = r.tenant_id and t.user_id = r.user_id and t.interaction_id = r.interaction_id
        and t.occurred_at in (select ia.occurred_at from interaction_accounts ia where ia.tenant_id = r.tenant_id and ia.interaction_id = r.interaction_id)
        and not exists (select 1 from interaction_holders h where h.tenant_id = r.tenant_id and h.interaction_id = r.interaction_id and h.user_id = r.user_id);
      return null;
    end $$`.execute(db);
    await sql`create trigger account_touches_holder_removed after delete on interaction_holders
      referencing old table as removed for each statement execute function account_touches_holder_removed()`.execute(db);
    await sql`create function account_touches_timeline_removed() returns trigger language plpgsql as $$
    begin
      delete from account_touches t using removed r
      where t.tenant_id = r.tenant_id and t.account_id = r.account_id and t.interaction_id = r.interaction_id and t.occurred_at = r.occurred_at
        and t.user_id in (select h.user_id from interaction_holders h where h.tenant_id = r.tenant_id and h.interaction_id = r.interaction_id);
      return null;
    end $$`.execute(db);
    await sql`create trigger account_touches_timeline_removed after delete on interaction_accounts
      referencing old table as removed for each statement execute function account_touches_timeline_removed()`.execute(db);
  }

  // Existing history, once.
  await sql`insert into account_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, direction, minutes)
    select distinct h.tenant_id, h.user_id, ia.occurred_at, ia.interaction_id, ia.account_id, ia.kind, i.direction, coalesce(i.duration_minutes, 0)
    from interaction_holders h
    join interaction_accounts ia on ia.tenant_id = h.tenant_id and ia.interaction_id = h.interaction_id
    join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
    where true
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);
  for (const t of ['account_touches_holder_added', 'account_touches_timeline_added', 'account_touches_holder_removed', 'account_touches_timeline_removed']) {
    if (sqlite) await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
    else {
      const on = t.includes('holder') ? 'interaction_holders' : 'interaction_accounts';
      await sql`drop trigger if exists ${sql.raw(t)} on ${sql.raw(on)}`.execute(db);
      await sql`drop function if exists ${sql.raw(t)}()`.execute(db);
    }
  }
  await db.schema.dropIndex('users_team_ix').ifExists().execute();
  await db.schema.dropIndex('opportunities_owner_ix').ifExists().execute();
  await db.schema.dropIndex('interactions_opportunity_ix').ifExists().execute();
  await db.schema.dropTable('account_touches').ifExists().execute();
}
