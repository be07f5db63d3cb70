// The dashboard reads one snapshot: on PostgreSQL its statements run on several connections (lanes) that all
// imported the first one's snapshot, so a write committed while the figures are computed is seen by none of them.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import type { TenantScope } from './scope.ts';
import { createAccount } from './accounts.ts';
import { inSnapshot, onReaders } from './analytics-snapshot.ts';
import { readersOf, type LentReader } from './sqlite-readers.ts';

describe.each(testDatabases())('the dashboard snapshot on $name', (database) => {
  const f = tenantPerSuite(database, 'snapshot.test');

  const newAccount = (name: string) => createAccount(f.scope, { name, domains: [], tier: 'A', lifecycle: 'customer', ownerId: f.users.rep.id, industry: null, size: null, region: null }, null, T0);
  const count = async (s: TenantScope) => Number((await sql<{ n: unknown }>`select count(*) as n from accounts where tenant_id = ${s.tenantId}`.execute(s.db)).rows[0]!.n);

  it('sees none of a write committed while it reads, in any statement, on several connections', async () => {
    await newAccount('Before');
    const before = await count(f.scope);
    const pg = database.name === 'postgres';
    const seen = await inSnapshot(f.scope, async (snap) => {
      const counts = [await count(snap)];
      const pids = new Set<number>();
      // Committed after the snapshot was taken: on PostgreSQL through the pool (the fourth connection: the snapshot
      // holds three), on SQLite through the server's connection while the reader threads hold the snapshot.
      await newAccount('During');
      for (let round = 0; round < 2; round++) {
        const rows = await Promise.all([0, 1, 2, 3, 4, 5].map(() => sql<{ n: unknown; pid: unknown }>`select (select count(*) from accounts where tenant_id = ${f.scope.tenantId}) as n,
          ${pg ? sql`pg_backend_pid()` : sql`0`} as pid ${pg ? sql`, pg_sleep(0.1)` : sql``}`.execute(snap.db)));
        for (const r of rows) {
          counts.push(Number(r.rows[0]!.n));
          pids.add(Number(r.rows[0]!.pid));
        }
      }
      return { counts, pids };
    });
    expect(new Set(seen.counts)).toEqual(new Set([before]));
    if (pg) expect(seen.pids.size).toBeGreaterThan(1);
    expect(await count(f.scope)).toBe(before + 1);
  });

  it("on SQLite, reads on the reader threads: the server's connection stays free for writes and the event loop turns", async () => {
    if (database.name !== 'sqlite') return;
    let turns = 0;
    const ticking = setInterval(() => turns++, 1);
    try {
      const seen = await inSnapshot(f.scope, async (snap) => {
        // A statement that takes a while: the loop keeps turning beside it only if it runs off the main thread.
        const slow = sql<{ n: unknown }>`with recursive r(i) as (select 1 union all select i + 1 from r where i < 3000000) select count(*) as n from r`.execute(snap.db);
        const written = newAccount('While reading');
        const [rows] = await Promise.all([slow, written]);
        return Number(rows.rows[0]!.n);
      });
      expect(seen).toBe(3000000);
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThan(5);
  });

  it('only reads: a write inside it fails on PostgreSQL (READ ONLY), and the next snapshot works', async () => {
    if (database.name !== 'postgres') return;
    await expect(inSnapshot(f.scope, async (snap) => sql`insert into data_versions (tenant_id, slot, n) values (${snap.tenantId}, 0, 1)`.execute(snap.db))).rejects.toThrow(/read-only/);
    expect(await inSnapshot(f.scope, count)).toBe(await count(f.scope));
  });

  it('on SQLite, reads on the one connection when every reader thread is lent', async () => {
    if (database.name !== 'sqlite') return;
    const readers = readersOf.get(f.scope.db)!;
    const lent = readers.take(readers.size);
    try {
      expect(lent.length).toBe(readers.size);
      expect(await inSnapshot(f.scope, async (snap) => ({ n: await count(snap), inTransaction: snap.db.isTransaction }))).toEqual({ n: await count(f.scope), inTransaction: true });
    } finally {
      for (const r of lent) r.release();
    }
  });
});

describe('a snapshot on reader threads', () => {
  /** Readers that answer the version query with their own version and log which statements they ran. */
  const fakeReaders = (versions: number[], ran: string[][]) => versions.map((v, k): LentReader => {
    ran[k] = [];
    return {
      release: () => ran[k]!.push('released'),
      executeQuery: async <R,>(q: { sql: string }) => {
        ran[k]!.push(q.sql.split(' ')[0]!);
        return { rows: (q.sql.includes('data_versions') ? [{ v }] : [{ n: k }]) as R[] };
      },
    };
  });
  const scope = { db: {}, tenantId: 't', dialect: 'sqlite' } as unknown as TenantScope;

  it("uses only the readers that began on the first one's data version, and ends and releases every one", async () => {
    const ran: string[][] = [];
    const out = await onReaders(scope, fakeReaders([4, 5, 4], ran), async (snap) => {
      const rows = await Promise.all([0, 1, 2, 3, 4, 5].map(() => sql<{ n: number }>`select 1 as n`.execute(snap.db)));
      return new Set(rows.map((r) => r.rows[0]!.n));
    });
    expect(out?.value).toEqual(new Set([0, 2]));
    expect(ran[1]).toEqual(['begin', 'select', 'commit', 'released']);
    for (const k of [0, 2]) expect(ran[k]!.slice(-2)).toEqual(['commit', 'released']);
  });

  it('gives up (the caller reads on the one connection) when no reader can begin', async () => {
    const broken: LentReader = { release: () => {}, executeQuery: async () => { throw new Error('thread gone'); } };
    let called = false;
    expect(await onReaders(scope, [broken], async () => { called = true; })).toBeUndefined();
    expect(called).toBe(false);
  });
});
