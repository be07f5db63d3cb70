import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import type { Db } from './connect.ts';
import { createAccount, getAccount, searchAccounts, accountIdsByDomains, updateAccount } from './accounts.ts';
import { createContact, contactsByAddresses, searchContacts } from './contacts.ts';
import { timelinePage } from './timeline-rows.ts';
import { getInteraction, lastContactByUser, type InteractionInput } from './interactions.ts';
// The merge and removal are use cases; these suites use them to put rows in.
import { mergeAndLoad as ingestInteractions } from '../use-cases/interactions/merge-interaction-copies.ts';
import { logInteraction } from '../use-cases/interactions/log-interaction.ts';
import { removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import { createOpportunity, moveStage, pipelineSummary } from './opportunities.ts';
import { addFeedback, listFeedback } from './feedback.ts';
import { auditTrail } from './audit.ts';
import { getTenant } from './tenants.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS } from '../domain/types.ts';
import { migrationsApplied } from './migrate.ts';
import { isUniqueViolation } from './scope.ts';

const settings = DEFAULT_TENANT_SETTINGS;

function email(f: FixtureTenant, accountId: string, key: string, at: number, extra: Partial<InteractionInput> = {}): InteractionInput {
  return {
    kind: 'email', direction: 'inbound', occurredAt: at, subject: `Subject ${key}`, snippet: null, note: null, durationMinutes: null,
    participants: [
      { role: 'from', address: 'Buyer@Customer.fi', displayName: 'Buyer', userId: null, contactId: null },
      { role: 'to', address: f.users.rep.email, displayName: 'Rep', userId: f.users.rep.id, contactId: null },
    ],
    accountIds: [accountId], opportunityId: null, source: 'sync', visibility: 'metadata',
    holders: [{ userId: f.users.rep.id, relation: 'holds', at }], externalKey: `msgid:${key}@customer.fi`, ...extra,
  };
}

describe.each(testDatabases())('store on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let a: FixtureTenant;
  let b: FixtureTenant;

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    a = await makeTenant(handle, 'seller-a.fi');
    b = await makeTenant(handle, 'seller-b.fi');
  });
  afterAll(async () => dispose());

  it('applies every migration', async () => {
    expect(await migrationsApplied(handle.db)).toBe(true);
  });

  it('opens connections with the store’s settings: JIT off on PostgreSQL, FULL durability on SQLite', async () => {
    if (handle.dialect === 'postgres') {
      const r = await sql<{ jit: string }>`show jit`.execute(handle.db);
      expect(r.rows[0]?.jit).toBe('off');
    } else {
      const r = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
      expect(Number(r.rows[0]?.synchronous)).toBe(2);
    }
  });

  it('keeps tenants apart: an account of one tenant is invisible to the other', async () => {
    const acc = await createAccount(a.scope, { name: 'Kivimäki Oy', domains: ['kivimaki.fi'], tier: 'A', lifecycle: 'customer', ownerId: a.users.rep.id, industry: null, size: null, region: null }, a.users.rep.id, T0);
    expect((await getAccount(a.scope, acc.id))?.name).toBe('Kivimäki Oy');
    expect(await getAccount(b.scope, acc.id)).toBeNull();
    expect((await searchAccounts(b.scope, { q: 'kivi', limit: 10, offset: 0 }, settings, T0)).total).toBe(0);
    expect((await accountIdsByDomains(b.scope, ['kivimaki.fi'])).size).toBe(0);
  });

  it('searches and filters accounts, including overdue by tier cadence', async () => {
    const now = T0 + 100 * DAY_MS;
    const mk = (name: string, tier: 'A' | 'B' | 'C' | 'D', domain: string) =>
      createAccount(a.scope, { name, domains: [domain], tier, lifecycle: 'customer', ownerId: a.users.rep2.id, industry: 'Logistics', size: 'medium', region: 'Uusimaa' }, null, T0);
    const fresh = await mk('Fresh A', 'A', 'fresh-a.fi');
    const stale = await mk('Stale A', 'A', 'stale-a.fi');
    const dAcc = await mk('Dormant D', 'D', 'dormant-d.fi');
    await ingestInteractions(a.scope, [email(a, fresh.id, 'f1', now - 2 * DAY_MS), email(a, stale.id, 's1', now - 40 * DAY_MS)], now);
    const overdue = await searchAccounts(a.scope, { ownerId: a.users.rep2.id, overdue: true, limit: 50, offset: 0 }, settings, now);
    expect(overdue.items.map((x) => x.name)).toEqual(['Stale A']);
    const notOverdue = await searchAccounts(a.scope, { ownerId: a.users.rep2.id, overdue: false, limit: 50, offset: 0 }, settings, now);
    expect(notOverdue.items.map((x) => x.name).sort()).toEqual(['Dormant D', 'Fresh A']);
    const byDomain = await searchAccounts(a.scope, { q: 'stale-a', limit: 10, offset: 0 }, settings, now);
    expect(byDomain.items.map((x) => x.id)).toEqual([stale.id]);
    const sorted = await searchAccounts(a.scope, { ownerId: a.users.rep2.id, sort: 'lastContact', limit: 10, offset: 0 }, settings, now);
    expect(sorted.items.map((x) => x.name)).toEqual(['Fresh A', 'Stale A', 'Dormant D']);
    expect(sorted.items[0]!.lastContactAt).toBe(now - 2 * DAY_MS);
    expect((await searchAccounts(a.scope, { q: '100%_', limit: 10, offset: 0 }, settings, now)).total).toBe(0);
    void dAcc;
  });

  it('keeps an address to one contact by the (tenant, address) key, case-insensitively', async () => {
    const c = await createContact(a.scope, { name: 'Liisa Ostaja', emails: ['Liisa.Ostaja@Kivimaki.fi'], phones: ['+358401234567'], title: 'Hankintapäällikkö', accountId: null, ownerId: null }, a.users.rep.id, T0);
    expect(c.emails).toEqual(['liisa.ostaja@kivimaki.fi']);
    await expect(createContact(a.scope, { name: 'Dup', emails: ['liisa.ostaja@kivimaki.fi'], phones: [], title: null, accountId: null, ownerId: null }, null, T0)).rejects.toSatisfy(isUniqueViolation);
    // The failed create left nothing behind.
    expect((await searchContacts(a.scope, { q: 'Dup', limit: 10, offset: 0 })).total).toBe(0);
    expect((await contactsByAddresses(a.scope, ['liisa.ostaja@kivimaki.fi'])).get('liisa.ostaja@kivimaki.fi')?.contactId).toBe(c.id);
    // Another tenant may know the same person independently.
    await createContact(b.scope, { name: 'Liisa', emails: ['liisa.ostaja@kivimaki.fi'], phones: [], title: null, accountId: null, ownerId: null }, null, T0);
  });

  it('stores one interaction per external key however many colleagues hold or log it', async () => {
    const acc = await createAccount(a.scope, { name: 'Dedup Oy', domains: ['dedup.fi'], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const first = await ingestInteractions(a.scope, [email(a, acc.id, 'same', T0), email(a, acc.id, 'same', T0, { holders: [{ userId: a.users.rep2.id, relation: 'holds', at: T0 }] })], T0);
    expect(first[0]!.created).toBe(true);
    expect(first[0]!.interaction.id).toBe(first[1]!.interaction.id);
    const logged = await logInteraction(a.scope, email(a, acc.id, 'same', T0, { source: 'addin', visibility: 'shared', note: 'Asked for a quote', holders: [{ userId: a.users.manager.id, relation: 'logged', at: T0 + 1 }] }), T0 + 1);
    expect(logged.created).toBe(false);
    expect(logged.interaction.id).toBe(first[0]!.interaction.id);
    // The manager holds no copy: logging it joins without widening who sees it (only holders widen).
    expect(logged.interaction.visibility).toBe('metadata');
    expect(logged.interaction.note).toBe('Asked for a quote');
    expect(logged.interaction.holders.map((h) => h.userId).sort()).toEqual([a.users.rep.id, a.users.rep2.id, a.users.manager.id].sort());
    const page = await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep.id, limit: 10 });
    expect(page.items).toHaveLength(1);
    // Another tenant holding the same Message-ID gets its own interaction.
    const accB = await createAccount(b.scope, { name: 'Dedup B', domains: ['dedup.fi'], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const inB = await ingestInteractions(b.scope, [email(b, accB.id, 'same', T0)], T0);
    expect(inB[0]!.created).toBe(true);
  });

  it('pages the timeline newest first by (occurred at, id), respecting visibility and filters', async () => {
    const acc = await createAccount(a.scope, { name: 'Timeline Oy', domains: ['timeline.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const inputs: InteractionInput[] = [];
    for (let i = 0; i < 25; i++) inputs.push(email(a, acc.id, `t${i}`, T0 + Math.floor(i / 2) * 1000)); // pairs share a time
    inputs.push(email(a, acc.id, 'private', T0 + 99_000, { visibility: 'private', holders: [{ userId: a.users.rep2.id, relation: 'holds', at: T0 }] }));
    inputs.push({ ...email(a, acc.id, 'call', T0 + 98_000), kind: 'call', externalKey: null, source: 'manual', visibility: 'shared' });
    await ingestInteractions(a.scope, inputs, T0);
    const seen: string[] = [];
    let before: { occurredAt: number; id: string } | undefined;
    for (;;) {
      const page = await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep.id, limit: 7, ...(before ? { before } : {}) });
      seen.push(...page.items.map((x) => x.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toHaveLength(26); // the private item of rep2 is not rep's to see
    expect(new Set(seen).size).toBe(26);
    const all = await Promise.all(seen.map((id) => getInteraction(a.scope, id)));
    const keys = all.map((x) => [x!.occurredAt, x!.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [t0, id0] = keys[i - 1]!;
      const [t1, id1] = keys[i]!;
      expect(t0 > t1 || (t0 === t1 && id0 > id1)).toBe(true);
    }
    const rep2View = await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep2.id, limit: 100 });
    expect(rep2View.items).toHaveLength(27);
    const calls = await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep.id, limit: 100, kinds: ['call'] });
    expect(calls.items.map((x) => x.kind)).toEqual(['call']);
    const byColleague = await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep2.id, limit: 100, userId: a.users.rep2.id });
    expect(await Promise.all(byColleague.items.map(async (x) => (await getInteraction(a.scope, x.id))!.externalKey))).toEqual(['msgid:private@customer.fi']);
    // A timeline asked for with another tenant's scope is empty.
    expect((await timelinePage(b.scope, { accountId: acc.id, viewerId: b.users.rep.id, limit: 10 })).items).toHaveLength(0);
  });

  it('removes softly: off the timeline, last contact recomputed, audited', async () => {
    const acc = await createAccount(a.scope, { name: 'Remove Oy', domains: ['remove.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const [older, newer] = await ingestInteractions(a.scope, [email(a, acc.id, 'r1', T0), email(a, acc.id, 'r2', T0 + DAY_MS)], T0);
    expect((await getAccount(a.scope, acc.id))!.lastContactAt).toBe(T0 + DAY_MS);
    await removeInteraction(a.scope, { userId: a.users.rep.id, role: 'rep' }, { id: newer!.interaction.id, reason: 'logged by mistake' }, T0 + 2 * DAY_MS);
    expect((await getAccount(a.scope, acc.id))!.lastContactAt).toBe(T0);
    expect(await getInteraction(a.scope, newer!.interaction.id)).toBeNull();
    const trail = await auditTrail(a.scope, 'interaction', newer!.interaction.id);
    expect(trail.map((t) => t.action)).toEqual(['interaction.remove']);
    expect((await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep.id, limit: 10 })).items.map((x) => x.id)).toEqual([older!.interaction.id]);
    expect((await lastContactByUser(a.scope, acc.id))[0]).toMatchObject({ userId: a.users.rep.id, lastContactAt: T0, interactions: 1 });
  });

  it('writes nothing of a batch that fails part-way', async () => {
    const acc = await createAccount(a.scope, { name: 'Atomic Oy', domains: ['atomic.fi'], tier: 'C', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const good = email(a, acc.id, 'atomic-good', T0);
    const bad = email(a, 'no-such-account', 'atomic-bad', T0);
    await expect(ingestInteractions(a.scope, [good, bad], T0)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await timelinePage(a.scope, { accountId: acc.id, viewerId: a.users.rep.id, limit: 10 })).items).toHaveLength(0);
    expect((await getAccount(a.scope, acc.id))!.lastContactAt).toBeNull();
  });

  it('moves opportunities through the pipeline and sums it by stage', async () => {
    const acc = await createAccount(a.scope, { name: 'Pipeline Oy', domains: ['pipeline.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    const opp = await createOpportunity(a.scope, {
      accountId: acc.id, name: 'Licences 2027', stage: 'identified', value: 0, currency: 'EUR',
      lines: [{ product: 'Licence', quantity: 10, unitPrice: 120_00 }, { product: 'Training', quantity: 1.5, unitPrice: 900_00 }],
      expectedCloseDate: '2027-03-31', ownerId: a.users.rep.id,
    }, settings, a.users.rep.id, T0);
    expect(opp.value).toBe(10 * 120_00 + 1350_00);
    expect(opp.probability).toBe(10);
    const moved = await moveStage(a.scope, opp.id, 'offer', settings, a.users.rep.id, T0 + DAY_MS);
    expect(moved).toMatchObject({ stage: 'offer', probability: 50, stageChangedAt: T0 + DAY_MS });
    const summary = await pipelineSummary(a.scope, { accountId: acc.id });
    expect(summary.find((s) => s.stage === 'offer')).toEqual({ stage: 'offer', count: 1, valueCents: opp.value, weightedCents: Math.round(opp.value * 0.5) });
    await expect(moveStage(b.scope, opp.id, 'won', settings, b.users.rep.id, T0)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(createOpportunity(b.scope, { accountId: acc.id, name: 'x', stage: 'identified', value: 1, currency: 'EUR', lines: [], expectedCloseDate: null, ownerId: null }, settings, null, T0)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('records feedback per account and updates accounts with an audit trail', async () => {
    const acc = await createAccount(a.scope, { name: 'Feedback Oy', domains: ['feedback.fi'], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    await addFeedback(a.scope, { accountId: acc.id, contactId: null, kind: 'nps', score: 9, comment: 'Hyvä palvelu', givenAt: T0 }, a.users.rep.id, T0);
    expect((await listFeedback(a.scope, acc.id))[0]).toMatchObject({ kind: 'nps', score: 9 });
    const updated = await updateAccount(a.scope, acc.id, { tier: 'A', domains: ['feedback.fi', 'feedback.com'] }, a.users.manager.id, T0 + 1);
    expect(updated).toMatchObject({ tier: 'A', domains: ['feedback.com', 'feedback.fi'] });
    expect((await auditTrail(a.scope, 'account', acc.id)).map((x) => x.action)).toEqual(['account.create', 'account.update']);
    expect((await getTenant(a.scope)).settings.cadenceDays.A).toBe(14);
  });
});
