// The rollup-based dashboard (store/analytics.ts) against the raw aggregation it replaced (test/support/
// dashboard-raw.ts) as the oracle, on generated data for several tenants, periods in several zones (one across a
// DST change, one in a half-hour zone), on both databases; and again after each writer changes the data: a merge
// adding holders, removals, a sync release, relinks, an erasure and retention. After every writer the rollup
// tables must also equal what the migration's backfill makes of account_touches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import { rawAccountActivity, rawRepActivity, rawWeeklyTrend } from '../../../test/support/dashboard-raw.ts';
import { expectRollupsRebuilt } from '../../../test/support/rollups-rebuilt.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import { createContact } from './contacts.ts';
import type { InteractionInput } from './interactions.ts';
import { inTransaction } from './scope.ts';
import { dropHolds } from './sync-items.ts';
import { liveInteractionsBefore } from './retention.ts';
import { accountActivity, repActivity, weeklyTrend, type DashboardScope } from './analytics.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { removeExpiredInteractions, removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import { linkToAccount, relinkUnmatched } from '../use-cases/interactions/relink-unmatched.ts';
import { eraseContacts } from '../use-cases/privacy/erase-contacts.ts';
import { periodOf } from '../domain/period.ts';
import * as migration016 from './migrations/2026-12-06-016-activity-rollups.ts';
import * as migration040 from './migrations/2026-12-07-040-rollup-shared-interactions.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, INTERACTION_KINDS, type Account, type Contact, type User } from '../domain/types.ts';

function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

interface Made { f: FixtureTenant; accounts: Account[]; contacts: Contact[]; users: User[]; inputs: InteractionInput[]; rnd: ReturnType<typeof prng> }

async function makeData(handle: Db, k: number): Promise<Made> {
  const rnd = prng(7000 + k);
  const f = await makeTenant(handle, `r${k}.test`);
  const users = [f.users.rep, f.users.rep2, f.users.manager, f.users.admin];
  const accounts: Account[] = [];
  for (let i = 0; i < 12; i++) {
    accounts.push(await createAccount(f.scope, { name: `Account ${k}-${i}`, domains: [`a${i}.customer${k}.test`], tier: 'B', lifecycle: 'customer', ownerId: rnd.pick(users).id, industry: null, size: null, region: null }, null, T0 - 400 * DAY_MS));
  }
  const contacts: Contact[] = [];
  for (let i = 0; i < 16; i++) {
    contacts.push(await createContact(f.scope, { name: `c${i}`, emails: [`c${i}@a${i % 12}.customer${k}.test`], phones: [], title: null, accountId: accounts[i % 12]!.id, ownerId: null }, null, T0 - 400 * DAY_MS));
  }
  const inputs: InteractionInput[] = [];
  for (let j = 0; j < 260; j++) {
    // Most on a few accounts, so the same colleague writes to the same account within the reply window.
    const a = rnd.next() < 0.6 ? accounts[rnd.int(0, 2)]! : rnd.pick(accounts);
    const kind = rnd.next() < 0.5 ? 'email' : rnd.pick(INTERACTION_KINDS);
    const who = rnd.pick(users);
    const others = users.filter((u) => u.id !== who.id && rnd.next() < 0.25);
    const cs = [rnd.pick(contacts), rnd.pick(contacts)].slice(0, rnd.int(0, 2));
    const unlinked = j % 23 === 5; // placed later by a relink
    inputs.push({
      kind, direction: kind === 'email' || kind === 'call' || kind === 'chat' ? rnd.pick(['inbound', 'outbound'] as const) : null,
      occurredAt: T0 - 150 * DAY_MS + Math.floor(rnd.next() * 200 * DAY_MS), subject: kind, snippet: null, note: kind === 'note' ? 'noted' : null,
      durationMinutes: kind === 'meeting' || kind === 'call' ? rnd.int(5, 90) : null, opportunityId: null, source: 'sync', visibility: rnd.pick(['private', 'metadata', 'shared'] as const),
      externalKey: `r${k}-${j}`,
      accountIds: unlinked ? [] : rnd.next() < 0.2 ? [...new Set([a.id, rnd.pick(accounts).id])] : [a.id],
      participants: [
        { role: 'from', address: who.email, displayName: who.displayName, userId: who.id, contactId: null },
        ...(unlinked ? [{ role: 'to' as const, address: `new${j}@a${j % 12}.customer${k}.test`, displayName: null, userId: null, contactId: null }] : []),
        ...cs.map((c) => ({ role: 'to' as const, address: c.emails[0]!, displayName: c.name, userId: null, contactId: c.id })),
      ],
      holders: [who, ...others].map((u) => ({ userId: u.id, relation: 'holds' as const, at: T0 })),
    });
  }
  // In three batches, and a fourth with copies of stored keys from other mailboxes: the merge adds holders.
  for (let b = 0; b < 3; b++) await mergeInteractionCopies(f.scope, inputs.slice(b * 87, (b + 1) * 87), T0);
  const copies = inputs.filter((_, j) => j % 5 === 0).map((i) => ({ ...i, holders: [{ userId: rnd.pick(users).id, relation: 'holds' as const, at: T0 }] }));
  await mergeInteractionCopies(f.scope, copies, T0);
  return { f, accounts, contacts, users, inputs, rnd };
}

/** Periods the figures are compared over: 90 days in Helsinki, one across the DST change, a half-hour zone, one day. */
const PERIODS = [
  periodOf('2026-07-03', '2026-09-30', 'Europe/Helsinki'),
  periodOf('2026-09-01', '2026-11-29', 'Europe/Helsinki'),
  periodOf('2026-08-10', '2026-10-20', 'Asia/Kolkata'),
  periodOf('2026-09-15', '2026-09-15', 'America/New_York'),
];

async function expectSameFigures(m: Made) {
  const teams = [m.users.slice(0, 3).map((u) => u.id), [m.users[0]!.id], m.users.map((u) => u.id)];
  for (const p of PERIODS) {
    for (const memberIds of teams) {
      const d: DashboardScope = { scope: m.f.scope, memberIds, start: p.start, end: p.end, weekStarts: p.weekStarts, asOf: Math.min(p.end, T0), settings: DEFAULT_TENANT_SETTINGS };
      expect(await repActivity(d)).toEqual(await rawRepActivity(d));
      expect(await accountActivity(d, 5)).toEqual(await rawAccountActivity(d, 5));
      expect(await accountActivity(d, 100)).toEqual(await rawAccountActivity(d, 100));
      expect(await weeklyTrend(d)).toEqual(await rawWeeklyTrend(d));
    }
  }
}

describe.each(testDatabases())('dashboard from rollups against the raw aggregation on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  const made: Made[] = [];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    for (let k = 0; k < 3; k++) made.push(await makeData(handle, k));
  }, 120_000);
  afterAll(async () => dispose());

  it('gives the same figures for every tenant, team and period after ingest and merges', async () => {
    for (const m of made) {
      expect(await expectRollupsRebuilt(m.f.scope)).toBeGreaterThan(5); // replies exist, or the median proves little
      await expectSameFigures(m);
    }
    // The data has shared interactions and multi-account ones, or the team-distinct counts prove little.
    const shared = await sql<{ n: unknown }>`select count(*) as n from rollup_shared_interactions where tenant_id = ${made[0]!.f.tenantId}`.execute(handle.db);
    expect(Number(shared.rows[0]!.n)).toBeGreaterThan(20);
  }, 120_000);

  it('follows removals by a person, a sync release and retention', async () => {
    const m = made[0]!;
    const ids = (await sql<{ id: string }>`select id from interactions where tenant_id = ${m.f.tenantId} and deleted_at is null and visibility = 'shared' order by id`.execute(handle.db)).rows.map((r) => r.id);
    for (const id of ids.slice(0, 6)) await removeInteraction(m.f.scope, { userId: m.f.users.admin.id, role: 'admin' }, { id, reason: null }, T0);
    // A mailbox stops holding some (a shared one loses a copy; one held only by it loses all its touches).
    await inTransaction(m.f.scope, (tx) => dropHolds(tx, m.users[1]!.id, ids.slice(6, 60)));
    await inTransaction(m.f.scope, async (tx) => removeExpiredInteractions(tx, await liveInteractionsBefore(tx, T0 - 120 * DAY_MS, 500), T0));
    await expectRollupsRebuilt(m.f.scope);
    await expectSameFigures(m);
  }, 120_000);

  it('follows relinks (an account gets a domain, an address becomes a contact, an item placed by hand) and an erasure', async () => {
    const m = made[1]!;
    const before = await repActivity({ scope: m.f.scope, memberIds: m.users.map((u) => u.id), start: T0 - 200 * DAY_MS, end: T0 + 100 * DAY_MS, weekStarts: [T0 - 200 * DAY_MS], asOf: T0, settings: DEFAULT_TENANT_SETTINGS });
    await inTransaction(m.f.scope, (tx) => relinkUnmatched(tx, { domains: ['a1.customer1.test'] }));
    const fresh = await createContact(m.f.scope, { name: 'New', emails: ['new28@a4.customer1.test'], phones: [], title: null, accountId: m.accounts[4]!.id, ownerId: null }, null, T0);
    await inTransaction(m.f.scope, (tx) => relinkUnmatched(tx, { addresses: fresh.emails }));
    const unlinked = (await sql<{ id: string }>`select i.id from interactions i where i.tenant_id = ${m.f.tenantId} and i.deleted_at is null
      and not exists (select 1 from interaction_accounts ia where ia.tenant_id = i.tenant_id and ia.interaction_id = i.id) order by i.id`.execute(handle.db)).rows.map((r) => r.id);
    expect(unlinked.length).toBeGreaterThan(0);
    await inTransaction(m.f.scope, (tx) => linkToAccount(tx, unlinked, m.accounts[7]!.id));
    await expectRollupsRebuilt(m.f.scope);
    await expectSameFigures(m);
    await inTransaction(m.f.scope, (tx) => eraseContacts(tx, [m.contacts[0]!.id, m.contacts[3]!.id], T0));
    await expectRollupsRebuilt(m.f.scope);
    await expectSameFigures(m);
    const after = await repActivity({ scope: m.f.scope, memberIds: m.users.map((u) => u.id), start: T0 - 200 * DAY_MS, end: T0 + 100 * DAY_MS, weekStarts: [T0 - 200 * DAY_MS], asOf: T0, settings: DEFAULT_TENANT_SETTINGS });
    // The writers changed what the figures count.
    expect(after.map((r) => r.accountsTouched + r.contactsTouched)).not.toEqual(before.map((r) => r.accountsTouched + r.contactsTouched));
  }, 120_000);

  it('backfills from existing interactions what the write path kept (the migrations run again on this data)', async () => {
    const rows = async () => {
      const out: string[] = [];
      for (const table of ['rollup_activity', 'rollup_account_days', 'rollup_contact_days']) {
        const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where n <> 0`.execute(handle.db);
        out.push(...r.rows.map((x) => `${table} ${Object.values(x).map(String).join('|')}`));
      }
      for (const table of ['rollup_shared_interactions', 'rollup_replies']) {
        const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
        out.push(...r.rows.map((x) => `${table} ${Object.values(x).map(String).join('|')}`));
      }
      return out.sort();
    };
    const kept = await rows();
    expect(kept.length).toBeGreaterThan(1000);
    // 016 built the shared touches per account; 040 made them a row per colleague and interaction.
    await migration040.down(handle.db);
    await migration016.down(handle.db);
    await migration016.up(handle.db);
    await migration040.up(handle.db);
    expect(await rows()).toEqual(kept);
    for (const m of made) await expectSameFigures(m);
  }, 120_000);
});
