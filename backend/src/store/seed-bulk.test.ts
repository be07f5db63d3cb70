// The bulk seeding (store/seed-bulk.ts) writes exactly what the ordinary write path writes. One generated tenant
// (a few thousand interactions, time-ordered ids as the benchmarks give them) goes into two fresh databases of the
// same kind: through the sync's ingest (mergeInteractionCopies, batch by batch, rollups kept per write) and
// through seedTenant's bulk load. Every table's rows must be equal, the FTS5 index's postings too, and the
// schema (indexes, constraints, triggers) after the load must be the migrated one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import type { Db } from './connect.ts';
import { seedTenant } from './seed.ts';
import { tenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { loadInteractionsBulk } from './seed-bulk.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { generateTenant } from '../demo/generate-tenant.ts';
import type { Interaction } from '../domain/types.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/** Every table of the database but the migrator's own, with its rows as sorted JSON. */
async function contents(handle: Db): Promise<Map<string, string[]>> {
  const tables = handle.dialect === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'search_fts%' and name not like 'kysely_%'`.execute(handle.db)
    : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(handle.db);
  const out = new Map<string, string[]>();
  for (const { name } of tables.rows) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db)).rows;
    // The data version only has to have moved: the write path moves it once per write, into a random slot.
    if (name === 'data_versions') out.set(name, [String(rows.reduce((n, r) => n + Number(r.n), 0) > 0)]);
    else out.set(name, rows.map((r) => JSON.stringify(r)).sort());
  }
  if (handle.dialect === 'sqlite') {
    // The FTS5 index itself, posting by posting (external content: the rows above do not show it).
    await sql`create virtual table temp.fts_postings using fts5vocab(main, search_fts, instance)`.execute(handle.db);
    const postings = await sql<Record<string, unknown>>`select term, doc, col, offset from temp.fts_postings`.execute(handle.db);
    out.set('search_fts postings', postings.rows.map((r) => JSON.stringify(r)).sort());
    await sql`insert into search_fts(search_fts) values ('integrity-check')`.execute(handle.db);
  }
  return out;
}

/** Indexes, constraints and triggers as the catalogue defines them (the schema's name left out). */
async function schemaOf(handle: Db): Promise<string[]> {
  if (handle.dialect === 'sqlite') {
    const rows = await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master where type in ('index', 'trigger', 'table')`.execute(handle.db);
    return rows.rows.map((r) => `${r.type} ${r.name} ${r.sql}`).sort();
  }
  const schema = String((await sql<{ s: string }>`select current_schema() as s`.execute(handle.db)).rows[0]!.s);
  const rows = await sql<{ d: string }>`
    select 'index ' || indexname || ' ' || indexdef as d from pg_indexes where schemaname = current_schema()
    union all select 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) from pg_constraint c
      where c.connamespace = current_schema()::regnamespace
    union all select 'trigger ' || t.tgname || ' ' || t.tgenabled::text || ' ' || pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace`.execute(handle.db);
  return rows.rows.map((r) => r.d.split(`${schema}.`).join('<schema>.')).sort();
}

describe.each(testDatabases())('bulk seeding on $name', (database) => {
  let viaWrites: { handle: Db; dispose(): Promise<void> };
  let viaBulk: { handle: Db; dispose(): Promise<void> };
  let data: ReturnType<typeof generateTenant>;
  let interactions: Interaction[];

  beforeAll(async () => {
    [viaWrites, viaBulk] = await Promise.all([database.open(), database.open()]);
    data = generateTenant({ seed: 77, now: NOW, scale: { users: 24, accounts: 80, contactsPerAccount: 4, interactions: 3000, months: 6 } });
    // Time-ordered ids in write order, as the benchmarks' tenant (test/bench/bench-data.ts).
    let k = 0;
    interactions = [...data.interactions].map((i) => ({ ...i, id: newId(NOW + k++) }));
    // The ordinary path: the records, then the interactions as the sync ingests them, 500 a transaction.
    await seedTenant(viaWrites.handle, { ...data, interactions: [] }, NOW);
    const scope = tenantScope(viaWrites.handle, data.tenant.id);
    for (let at = 0; at < interactions.length; at += 500) {
      await mergeInteractionCopies(scope, interactions.slice(at, at + 500), NOW, { checkReferences: false });
    }
    // Batches of 700: several, and a short last one.
    await seedTenant(viaBulk.handle, { ...data, interactions }, NOW, { bulk: true, batchSize: 700 });
  }, 240_000);
  afterAll(async () => {
    await Promise.all([viaWrites?.dispose(), viaBulk?.dispose()]);
  });

  it('writes every table with exactly the rows the write path writes', async () => {
    const [expected, actual] = await Promise.all([contents(viaWrites.handle), contents(viaBulk.handle)]);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    // Something was written where it matters (a comparison of empty tables proves nothing).
    for (const table of ['interactions', 'interaction_participants', 'interaction_holders', 'interaction_accounts', 'timeline_rows', 'search_documents', 'account_touches', 'rollup_replies', 'rollup_contact_touch_days']) {
      expect(expected.get(table)!.length, table).toBeGreaterThan(100);
    }
    expect(expected.get('interactions')!.length).toBe(interactions.length);
    for (const [table, rows] of expected) {
      const got = actual.get(table)!;
      expect(got.length, `${table}: row count`).toBe(rows.length);
      const missing = rows.filter((r) => !got.includes(r)).slice(0, 3);
      expect(missing, `${table}: rows of the write path the bulk load lacks`).toEqual([]);
      expect(got, table).toEqual(rows);
    }
  });

  it('leaves the schema as migrated: every index, constraint and trigger back as defined', async () => {
    expect(await schemaOf(viaBulk.handle)).toEqual(await schemaOf(viaWrites.handle));
    if (database.name === 'sqlite') {
      expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(viaBulk.handle.db)).rows[0]?.foreign_keys).toBe(1);
      expect((await sql`pragma foreign_key_check`.execute(viaBulk.handle.db)).rows).toEqual([]);
    }
  });

  it('refuses a database holding another tenant', async () => {
    const other = tenantScope(viaBulk.handle, data.tenant.id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')));
    await expect(loadInteractionsBulk(other, [], [], NOW)).rejects.toThrow(/without other tenants/);
  });
});
