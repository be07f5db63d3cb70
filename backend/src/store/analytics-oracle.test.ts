// The dashboard's SQL against the domain's rules as the oracle: generated data (accounts of every tier with
// last contacts on both sides of their cadence, several tenants with their own cadences, interactions of every
// kind, notes included, which are not contact) must give the same figures from the store as from the domain
// functions over the same data, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import { createContact } from './contacts.ts';
import type { InteractionInput } from './interactions.ts';
import { mergeAndLoad as ingestInteractions } from '../use-cases/interactions/merge-interaction-copies.ts';
import { careCompliance, repActivity, type DashboardScope } from './analytics.ts';
import { colleagueStatsForAccounts } from './colleague-stats.ts';
import { careComplianceByTier, careStatus } from '../domain/care-model.ts';
import { relationshipStrength } from '../domain/relationship-strength.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, INTERACTION_KINDS, TIERS, type Account, type TenantSettings, type Tier, type User } from '../domain/types.ts';

/** A small deterministic PRNG (mulberry32): the same data on every run and both databases. */
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

interface Made {
  f: FixtureTenant;
  settings: TenantSettings;
  accounts: Account[];
  members: User[];
  inputs: InteractionInput[];
}

const AS_OF = T0;
const START = T0 - 90 * DAY_MS;

/** Each tenant's own cadences: the defaults, every tier with one, and a tenant where A has none. */
const CADENCES: Record<Tier, number | null>[] = [
  DEFAULT_TENANT_SETTINGS.cadenceDays,
  { A: 7, B: 21, C: 60, D: 180 },
  { A: null, B: 14, C: 45, D: 365 },
];

async function makeData(handle: Db, k: number): Promise<Made> {
  const rnd = prng(1000 + k);
  const f = await makeTenant(handle, `t${k}.test`);
  const settings: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, internalDomains: [`t${k}.test`], cadenceDays: CADENCES[k]! };
  const members = [f.users.rep, f.users.rep2, f.users.manager];
  const owners = [...members, f.users.admin, null];
  const accounts: Account[] = [];
  for (let i = 0; i < 40; i++) {
    const tier = TIERS[i % 4]!;
    const created = i % 10 === 9 ? AS_OF + DAY_MS : AS_OF - rnd.int(1, 500) * DAY_MS; // some created after asOf
    accounts.push(await createAccount(f.scope, { name: `Account ${k}-${i}`, domains: [], tier, lifecycle: 'customer', ownerId: rnd.pick(owners)?.id ?? null, industry: null, size: null, region: null }, null, created));
  }
  const contacts = [];
  for (let i = 0; i < 30; i++) {
    contacts.push(await createContact(f.scope, { name: `c${i}`, emails: [`c${i}@customer${k}.test`], phones: [], title: null, accountId: accounts[i % accounts.length]!.id, ownerId: null }, null, START - 400 * DAY_MS));
  }
  const inputs: InteractionInput[] = [];
  for (const [i, a] of accounts.entries()) {
    if (i % 7 === 3) continue; // never contacted
    const cadence = settings.cadenceDays[a.tier];
    const n = rnd.int(0, 6);
    for (let j = 0; j < n; j++) {
      const kind = rnd.pick(INTERACTION_KINDS);
      // Around the cadence's edge, exactly on it, after asOf, and anywhere in the last 400 days.
      const r = rnd.next();
      const at = r < 0.15 && cadence ? AS_OF - cadence * DAY_MS + rnd.int(-1, 1) * (r < 0.05 ? 0 : 3_600_000)
        : r < 0.2 ? AS_OF + rnd.int(0, 5) * DAY_MS
        : AS_OF - rnd.int(1, 400 * 24) * 3_600_000;
      const who = rnd.pick([...members, f.users.admin]);
      const also = rnd.next() < 0.3 ? [rnd.pick(members)].filter((u) => u.id !== who.id) : [];
      const cs = [rnd.pick(contacts), rnd.pick(contacts)].slice(0, rnd.int(0, 2));
      const direction = kind === 'email' || kind === 'call' || kind === 'chat' ? rnd.pick(['inbound', 'outbound'] as const) : null;
      inputs.push({
        kind, direction, occurredAt: at, subject: kind, snippet: null, note: kind === 'note' ? 'noted' : null,
        durationMinutes: kind === 'meeting' || kind === 'call' ? rnd.int(5, 90) : null, opportunityId: null, source: 'sync', visibility: rnd.pick(['private', 'metadata', 'shared'] as const),
        externalKey: `k${k}-${i}-${j}`,
        accountIds: rnd.next() < 0.2 ? [a.id, rnd.pick(accounts).id].filter((x, p, xs) => xs.indexOf(x) === p) : [a.id],
        participants: [
          { role: 'from', address: who.email, displayName: who.displayName, userId: who.id, contactId: null },
          ...cs.map((c) => ({ role: 'to' as const, address: c.emails[0]!, displayName: c.name, userId: null, contactId: c.id })),
        ],
        holders: [who, ...also].map((u) => ({ userId: u.id, relation: 'holds' as const, at: T0 })),
      });
    }
  }
  await ingestInteractions(f.scope, inputs, T0);
  return { f, settings, accounts, members, inputs };
}

const contact = (i: InteractionInput) => i.kind !== 'note';

describe.each(testDatabases())('analytics SQL against the domain on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  const made: Made[] = [];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    for (let k = 0; k < CADENCES.length; k++) made.push(await makeData(handle, k));
  }, 60_000);
  afterAll(async () => dispose());

  const scopeOf = (m: Made): DashboardScope => ({
    scope: m.f.scope, memberIds: m.members.map((u) => u.id), start: START, end: AS_OF + DAY_MS, weekStarts: [START], asOf: AS_OF, settings: m.settings,
  });

  it('care compliance per tier is careStatus over the portfolio, tenant by tenant', async () => {
    for (const m of made) {
      const memberIds = new Set(m.members.map((u) => u.id));
      const portfolio = m.accounts.filter((a) => a.ownerId !== null && memberIds.has(a.ownerId) && a.createdAt < AS_OF);
      const statuses = portfolio.map((a) => {
        const times = m.inputs.filter((i) => contact(i) && i.accountIds.includes(a.id) && i.occurredAt < AS_OF).map((i) => i.occurredAt);
        const lastContactAt = times.length ? Math.max(...times) : null;
        return { tier: a.tier, status: careStatus({ tier: a.tier, lastContactAt, createdAt: a.createdAt, cadenceDays: m.settings.cadenceDays, now: AS_OF }) };
      });
      const expected = careComplianceByTier(statuses);
      const got = await careCompliance(scopeOf(m));
      expect(got.map((t) => t.tier)).toEqual([...TIERS]);
      for (const t of got) {
        const e = expected[t.tier];
        expect({ tier: t.tier, cadenceDays: t.cadenceDays, accounts: t.accounts, withinCadence: t.withinCadence, overdue: t.overdue, share: t.share })
          .toEqual({ tier: t.tier, cadenceDays: m.settings.cadenceDays[t.tier], accounts: e.accounts, withinCadence: e.withinCadence, overdue: e.overdue, share: e.share });
      }
      // The data reaches both sides of the rule, or the comparison proves little.
      expect(Object.values(expected).some((e) => e.overdue > 0) && Object.values(expected).some((e) => e.withinCadence > 0)).toBe(true);
    }
  });

  it('relationship strength reads the same exchange from SQL as from the interactions', async () => {
    for (const m of made) {
      const since = AS_OF - 180 * DAY_MS;
      const ids = m.accounts.map((a) => a.id);
      const got = await colleagueStatsForAccounts(m.f.scope, ids, since);
      const expected = new Map<string, { lastAt: number; emailsIn: number; emailsOut: number; meetings: number; calls: number }>();
      for (const i of m.inputs) {
        if (!contact(i) || i.occurredAt < since) continue;
        for (const accountId of i.accountIds) for (const h of i.holders) {
          const key = `${accountId} ${h.userId}`;
          const s = expected.get(key) ?? { lastAt: 0, emailsIn: 0, emailsOut: 0, meetings: 0, calls: 0 };
          s.lastAt = Math.max(s.lastAt, i.occurredAt);
          if (i.kind === 'email' && i.direction === 'inbound') s.emailsIn++;
          if (i.kind === 'email' && i.direction === 'outbound') s.emailsOut++;
          if (i.kind === 'meeting') s.meetings++;
          if (i.kind === 'call') s.calls++;
          expected.set(key, s);
        }
      }
      expect(got.length).toBe(expected.size);
      for (const s of got) {
        const e = expected.get(`${s.accountId} ${s.userId}`)!;
        expect(s).toMatchObject(e);
        expect(relationshipStrength(s, AS_OF)).toBe(relationshipStrength(e, AS_OF));
      }
    }
  });

  it('accounts and contacts touched count each member’s distinct non-note contacts in the period', async () => {
    for (const m of made) {
      const d = scopeOf(m);
      const got = await repActivity(d);
      for (const u of m.members) {
        const mine = m.inputs.filter((i) => contact(i) && i.occurredAt >= d.start && i.occurredAt < d.end && i.holders.some((h) => h.userId === u.id));
        const accounts = new Set(mine.flatMap((i) => i.accountIds));
        const contacts = new Set(mine.flatMap((i) => i.participants.map((p) => p.contactId).filter((c) => c !== null)));
        expect(got.find((r) => r.userId === u.id)).toMatchObject({ accountsTouched: accounts.size, contactsTouched: contacts.size });
      }
    }
  });
});
