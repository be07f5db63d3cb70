// The hot queries use their indexes, read from EXPLAIN on a database with statistics (ANALYZE after a bulk load of
// a generated tenant: thousands of interactions over hundreds of accounts). Without statistics SQLite planned
// `external_key IN (...)` as a scan of every interaction of the tenant; a plan that regresses so fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import type { Db } from './connect.ts';
import { seedTenant } from './seed.ts';
import { tenantScope, type TenantScope } from './scope.ts';
import { timelinePage } from './timeline-rows.ts';
import { storedByExternalKeys } from './interaction-writes.ts';
import { removedByExternalKey } from './sync-items.ts';
import { searchAccounts } from './accounts.ts';
import { listNextActions } from '../use-cases/analytics/list-next-actions.ts';
import { accountActivity } from './analytics.ts';
import { generateTenant } from '../demo/generate-tenant.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type Interaction } from '../domain/types.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const BIG = ['interactions', 'interaction_accounts', 'interaction_participants', 'interaction_holders', 'timeline_rows', 'account_touches'];

describe.each(testDatabases())('query plans on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let data: ReturnType<typeof generateTenant>;
  let interactions: Interaction[];

  /** The plans of every statement fn runs, each as one text. */
  async function plansOf(fn: (scope: TenantScope) => Promise<unknown>): Promise<{ sql: string; plan: string }[]> {
    const nodes: RootOperationNode[] = [];
    const capture: KyselyPlugin = { transformQuery: (a) => (nodes.push(a.node), a.node), transformResult: async (a) => a.result };
    await fn({ db: handle.db.withPlugin(capture), tenantId: data.tenant.id, dialect: handle.dialect });
    const out: { sql: string; plan: string }[] = [];
    for (const node of nodes) {
      const q = handle.db.getExecutor().compileQuery(node, { queryId: 'plan' });
      if (!/^\s*(select|with)/i.test(q.sql)) continue;
      const explain = handle.dialect === 'sqlite' ? `explain query plan ${q.sql}` : `explain ${q.sql}`;
      const rows = (await handle.db.executeQuery({ ...q, sql: explain })).rows as Record<string, unknown>[];
      const plan = rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n');
      out.push({ sql: q.sql, plan });
    }
    return out;
  }

  /** No statement reads a whole big table (a SQLite SCAN without an index, a PostgreSQL Seq Scan). */
  function expectNoFullScan(plans: { sql: string; plan: string }[]) {
    for (const p of plans) {
      for (const table of BIG) {
        const full = handle.dialect === 'sqlite' ? new RegExp(`\\bSCAN ${table}\\b(?! USING)`) : new RegExp(`Seq Scan on ${table}\\b`);
        expect(p.plan, `${p.sql}\n${p.plan}`).not.toMatch(full);
      }
    }
  }

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    data = generateTenant({ seed: 15, now: NOW, scale: { users: 30, accounts: 300, contactsPerAccount: 4, interactions: 5000, months: 6 } });
    interactions = [...data.interactions];
    await seedTenant(handle, data, NOW); // ends with ANALYZE, as after any bulk load
  }, 240_000);
  afterAll(async () => dispose());

  it('has realistic data and statistics', async () => {
    expect(interactions.length).toBeGreaterThan(3000);
    const stats = handle.dialect === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'interactions'`.execute(handle.db)
      : await sql<{ n: number }>`select count(*)::int as n from pg_stats where schemaname = current_schema() and tablename = 'interactions'`.execute(handle.db);
    expect(Number(stats.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('reads a timeline page, and the next one, from the timeline rows key in order', async () => {
    const busiest = [...interactions.flatMap((i) => i.accountIds).reduce((m, a) => m.set(a, (m.get(a) ?? 0) + 1), new Map<string, number>())].sort((x, y) => y[1] - x[1])[0]![0];
    const viewerId = data.users[0]!.id;
    for (const before of [undefined, { occurredAt: NOW - 30 * DAY_MS, id: 'z' }]) {
      const [page] = await plansOf((s) => timelinePage(s, { accountId: busiest, viewerId, limit: 50, ...(before ? { before } : {}) }));
      expect(page!.sql).toMatch(/from "timeline_rows"/);
      if (handle.dialect === 'sqlite') {
        expect(page!.plan).toMatch(/SEARCH timeline_rows USING INDEX timeline_rows_page_uq \(tenant_id=\? AND account_id=\?/);
        expect(page!.plan).not.toMatch(/TEMP B-TREE/);
      } else {
        expect(page!.plan).toMatch(/Index Scan Backward using timeline_rows_pk/);
        expect(page!.plan).not.toMatch(/Sort/);
      }
    }
  });

  it('looks up ingest keys and sync removals by the unique external key index', async () => {
    const keys = interactions.slice(0, 40).map((i) => i.externalKey!).filter(Boolean);
    expect(keys.length).toBeGreaterThan(20);
    for (const fn of [(s: TenantScope) => storedByExternalKeys(s, keys), (s: TenantScope) => removedByExternalKey(s, keys)]) {
      const [lookup] = await plansOf(fn);
      expect(lookup!.plan).toMatch(handle.dialect === 'sqlite' ? /SEARCH interactions USING INDEX interactions_external_key_uq \(tenant_id=\? AND external_key=\?\)/ : /interactions_external_key_uq/);
    }
  });

  it('answers the care list and Today without reading a whole big table', async () => {
    const owner = data.accounts.find((a) => a.ownerId)!.ownerId!;
    expectNoFullScan(await plansOf((s) => searchAccounts(s, { ownerId: owner, overdue: true, sort: 'lastContact', limit: 50, offset: 0 }, data.tenant.settings, NOW)));
    const rep = data.users.find((u) => u.role === 'rep')!;
    const today = await plansOf((scope) => listNextActions({ scope, settings: data.tenant.settings, userId: rep.id, idleDays: 14, timeZone: 'Europe/Helsinki', limit: 20, now: NOW }));
    expect(today.length).toBeGreaterThan(1);
    expectNoFullScan(today);
  });

  it("reads the dashboard's listed accounts' touches by account_touches' account index, not the holders", async () => {
    const team = data.users.find((u) => u.team)!.team;
    const memberIds = data.users.filter((u) => u.team === team).map((u) => u.id);
    const start = NOW - 90 * DAY_MS;
    const plans = await plansOf((scope) => accountActivity({ scope, memberIds, start, end: NOW, weekStarts: [start], asOf: NOW, settings: DEFAULT_TENANT_SETTINGS }, 5));
    const touches = plans.find((p) => /^with t as materialized \(\s*select account_id, kind, interaction_id, user_id from account_touches\s+where/.test(p.sql));
    expect(touches, plans.map((p) => p.sql).join('\n')).toBeDefined();
    expect(touches!.plan).toMatch(handle.dialect === 'sqlite'
      ? /SEARCH account_touches USING COVERING INDEX account_touches_account_ix \(tenant_id=\? AND account_id=\? AND occurred_at>\? AND occurred_at<\?\)/
      : /account_touches_account_ix/);
    expect(plans.some((p) => /interaction_holders/.test(p.sql))).toBe(false);
    expectNoFullScan(plans);
  });
});
