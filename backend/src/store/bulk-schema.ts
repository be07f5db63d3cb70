// For a bulk load into an empty database (store/seed-bulk.ts): the secondary indexes, triggers and (PostgreSQL)
// droppable constraints of the loaded tables are read from the catalogue, dropped, and created again afterwards
// from exactly the definitions read, so the schema after the load is the migrated one. Building an index once
// from sorted rows costs a fraction of keeping it row by row; the triggers' work is done set-based by the loader.
import { sql } from 'kysely';
import type { TenantScope } from './scope.ts';

/** What was dropped, in the order it is to be created again. */
export interface Suspended {
  statements: string[];
}

const quoteList = (tables: readonly string[]) => sql.join(tables.map((t) => sql`${t}`));

/**
 * Drops the secondary indexes and triggers (SQLite) or the indexes, primary keys and unique constraints no foreign
 * key depends on, and the foreign keys (PostgreSQL) of these tables. User triggers are dropped on SQLite and
 * disabled on PostgreSQL (enabling them again restores them as they were).
 */
export async function suspendSchema(scope: TenantScope, tables: readonly string[], opts: { triggers: boolean }): Promise<Suspended> {
  const statements: string[] = [];
  if (scope.dialect === 'sqlite') {
    const rows = await sql<{ type: string; name: string; sql: string }>`select type, name, sql from sqlite_master
      where tbl_name in (${quoteList(tables)}) and sql is not null and (type = 'index' or (type = 'trigger' and ${opts.triggers ? sql`1` : sql`0`} = 1))
      order by case type when 'index' then 0 else 1 end, rowid`.execute(scope.db);
    for (const r of rows.rows) {
      await sql`${sql.raw(`drop ${r.type} ${JSON.stringify(r.name)}`)}`.execute(scope.db);
      statements.push(r.sql);
    }
    return { statements };
  }
  // Constraints first (their indexes go with them), then the remaining indexes.
  const constraints = await sql<{ table: string; name: string; type: string; def: string }>`
    select c.conrelid::regclass::text as table, c.conname as name, c.contype as type, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where t.relnamespace = current_schema()::regnamespace and t.relname in (${quoteList(tables)}) and c.contype in ('p', 'u', 'f')
      and not exists (select 1 from pg_constraint r where r.contype = 'f' and r.confrelid = c.conrelid and c.contype in ('p', 'u')
        and r.conindid = c.conindid)
    order by case c.contype when 'f' then 1 else 0 end, c.oid`.execute(scope.db);
  const restoreConstraints: string[] = [];
  const restoreForeign: string[] = [];
  // Foreign keys go first (a primary key cannot go while one references it; none of ours do, by the filter above).
  for (const c of [...constraints.rows].sort((a, b) => (a.type === 'f' ? 0 : 1) - (b.type === 'f' ? 0 : 1))) {
    await sql`${sql.raw(`alter table ${c.table} drop constraint ${JSON.stringify(c.name)}`)}`.execute(scope.db);
    (c.type === 'f' ? restoreForeign : restoreConstraints).push(`alter table ${c.table} add constraint ${JSON.stringify(c.name)} ${c.def}`);
  }
  const indexes = await sql<{ name: string; def: string }>`select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in (${quoteList(tables)})
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
    order by i.indexname`.execute(scope.db);
  for (const i of indexes.rows) {
    await sql`${sql.raw(`drop index ${JSON.stringify(i.name)}`)}`.execute(scope.db);
  }
  statements.push(...restoreConstraints, ...indexes.rows.map((i) => i.def), ...restoreForeign);
  if (opts.triggers) {
    const triggers = await sql<{ table: string; name: string }>`select t.tgrelid::regclass::text as table, t.tgname as name from pg_trigger t
      join pg_class c on c.oid = t.tgrelid where not t.tgisinternal and t.tgenabled <> 'D'
        and c.relnamespace = current_schema()::regnamespace and c.relname in (${quoteList(tables)}) order by t.oid`.execute(scope.db);
    for (const t of triggers.rows) {
      await sql`${sql.raw(`alter table ${t.table} disable trigger ${JSON.stringify(t.name)}`)}`.execute(scope.db);
      statements.push(`alter table ${t.table} enable trigger ${JSON.stringify(t.name)}`);
    }
  }
  return { statements };
}

/** Creates again what suspendSchema dropped, from the definitions it read. */
export async function restoreSchema(scope: TenantScope, suspended: Suspended): Promise<void> {
  for (const s of suspended.statements) await sql`${sql.raw(s)}`.execute(scope.db);
}
