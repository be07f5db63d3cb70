// Concurrent writers keep the rollups exact: several sync passes at once merge copies of the same interactions
// (each adding its mailbox's holder, so the same rollup rows are incremented by every transaction) and store new
// emails between the same colleague and account (so each one's replies depend on the others' emails). On
// PostgreSQL they run on separate pooled connections at the same time; SQLite takes them one by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import { expectRollupsRebuilt } from '../../../test/support/rollups-rebuilt.ts';
import { rawRepActivity, rawWeeklyTrend } from '../../../test/support/dashboard-raw.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import type { InteractionInput } from './interactions.ts';
import { repActivity, weeklyTrend, type DashboardScope } from './analytics.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type User } from '../domain/types.ts';

describe.each(testDatabases())('rollups under concurrent writers on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let f: FixtureTenant;
  let users: User[];
  let accounts: string[];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    f = await makeTenant(handle, 'concurrent.test');
    users = [f.users.rep, f.users.rep2, f.users.manager, f.users.admin];
    accounts = [];
    for (let i = 0; i < 3; i++) accounts.push((await createAccount(f.scope, { name: `C${i}`, domains: [], tier: 'A', lifecycle: 'customer', ownerId: f.users.rep.id, industry: null, size: null, region: null }, null, T0 - 100 * DAY_MS)).id);
  });
  afterAll(async () => dispose());

  const email = (key: string, at: number, dir: 'inbound' | 'outbound', holder: User, account: string): InteractionInput => ({
    kind: 'email', direction: dir, occurredAt: at, subject: null, snippet: null, note: null, durationMinutes: null, opportunityId: null, source: 'sync',
    visibility: 'metadata', externalKey: key, accountIds: [account],
    participants: [{ role: 'from', address: holder.email, displayName: null, userId: holder.id, contactId: null }],
    holders: [{ userId: holder.id, relation: 'holds', at: T0 }],
  });

  it('loses no increment and no reply when eight passes write the same rows at once', async () => {
    const base = T0 - 30 * DAY_MS;
    const shared = Array.from({ length: 40 }, (_, j) => email(`shared-${j}`, base + j * 3_600_000 + 17, j % 2 ? 'inbound' : 'outbound', f.users.rep, accounts[j % 3]!));
    await mergeInteractionCopies(f.scope, shared, T0);
    const passes = Array.from({ length: 8 }, (_, p) => {
      const holder = users[p % 4]!;
      const copies = shared.map((s) => ({ ...s, holders: [{ userId: holder.id, relation: 'holds' as const, at: T0 }] }));
      // Each pass's own emails fall between the others' in time: the replies interleave across transactions.
      const own = Array.from({ length: 12 }, (_, j) => email(`pass-${p}-${j}`, base + (j * 8 + p) * 1_800_000 + 31, (j + p) % 2 ? 'inbound' : 'outbound', f.users.rep2, accounts[0]!));
      return mergeInteractionCopies(f.scope, [...copies, ...own], T0);
    });
    await Promise.all(passes);
    expect(await expectRollupsRebuilt(f.scope)).toBeGreaterThan(10);
    const d: DashboardScope = { scope: f.scope, memberIds: users.map((u) => u.id), start: base - DAY_MS, end: T0, weekStarts: [0, 1, 2, 3, 4].map((k) => base - DAY_MS + k * 7 * DAY_MS), asOf: T0, settings: DEFAULT_TENANT_SETTINGS };
    expect(await repActivity(d)).toEqual(await rawRepActivity(d));
    expect(await weeklyTrend(d)).toEqual(await rawWeeklyTrend(d));
    // Every pass's holder is counted: each user holds all 40 shared emails.
    expect((await repActivity({ ...d, memberIds: [f.users.admin.id] }))[0]!.emailsSent + (await repActivity({ ...d, memberIds: [f.users.admin.id] }))[0]!.emailsReceived).toBe(40);
  }, 120_000);
});
