// The dashboard reads one snapshot: on PostgreSQL its statements run on several connections (lanes) that all
// imported the first one's snapshot, so a write committed while the figures are computed is seen by none of them.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import type { TenantScope } from './scope.ts';
import { createAccount } from './accounts.ts';
import { inSnapshot } from './analytics-snapshot.ts';

describe.each(testDatabases())('the dashboard snapshot on $name', (database) => {
  const f = tenantPerSuite(database, 'snapshot.test');

  const newAccount = (name: string) => createAccount(f.scope, { name, domains: [], tier: 'A', lifecycle: 'customer', ownerId: f.users.rep.id, industry: null, size: null, region: null }, null, T0);
  const count = async (s: TenantScope) => Number((await sql<{ n: unknown }>`select count(*) as n from accounts where tenant_id = ${s.tenantId}`.execute(s.db)).rows[0]!.n);

  it('sees none of a write committed while it reads, in any statement, on several connections on PostgreSQL', async () => {
    await newAccount('Before');
    const before = await count(f.scope);
    const pg = database.name === 'postgres';
    const seen = await inSnapshot(f.scope, async (snap) => {
      const counts = [await count(snap)];
      const pids = new Set<number>();
      // Committed through the pool (the fourth connection: the snapshot holds three) after the snapshot was taken. SQLite's one connection is
      // the snapshot's until it ends, so a write there waits: it is made after.
      if (pg) await newAccount('During');
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
    if (pg) {
      expect(seen.pids.size).toBeGreaterThan(1);
      expect(await count(f.scope)).toBe(before + 1);
    }
  });

  it('only reads: a write inside it fails on PostgreSQL (READ ONLY), and the next snapshot works', async () => {
    if (database.name !== 'postgres') return;
    await expect(inSnapshot(f.scope, async (snap) => sql`insert into data_versions (tenant_id, slot, n) values (${snap.tenantId}, 0, 1)`.execute(snap.db))).rejects.toThrow(/read-only/);
    expect(await inSnapshot(f.scope, count)).toBe(await count(f.scope));
  });
});
