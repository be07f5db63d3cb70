// GET /api/analytics/headlines on both databases, against figures worked out by hand from a small fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import type { Db } from '../store/connect.ts';
import { createAccount } from '../store/accounts.ts';
import { createOpportunity, moveStage } from '../store/opportunities.ts';
import { addFeedback } from '../store/feedback.ts';
import { insertUsers } from '../store/users.ts';
import type { InteractionInput } from '../store/interactions.ts';
import { mergeAndLoad as ingestInteractions } from '../use-cases/interactions/merge-interaction-copies.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type Stage, type Tier, type User } from '../domain/types.ts';

// The clock stands at T0 + 30 days (31 October 2026, 11:00 in Helsinki); the period is 1-31 October, so the
// care figures are taken now. Cadences A 14, B 30, C 90 days, D none; going cold after 3/4 of the cadence.
//   Alpha   A rep    Construction  last contact d25 (5 days ago: kept)
//   Beta    A rep2   Construction  last contact d19 (11 days ago, past 10.5: going cold)
//   Gamma   B rep    Retail        last contact d-10 (40 days ago: overdue by 10 days)
//   Delta   A mgr    (none)        never contacted (overdue since created, 330 days)
//   Epsilon C rep2   Retail        last contact d2 (kept)
//   Zeta    D rep    (none)        no cadence
//   Omega   A outi (team SMB): left out of everything for the Enterprise team.
const d = (days: number) => T0 + days * DAY_MS;

describe.each(testDatabases())('dashboard headlines API on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let rep: User, rep2: User, manager: User, outi: User;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    ({ rep, rep2, manager } = h.a.users);
    const s = h.a.scope;
    outi = { id: randomUUID(), tenantId: h.a.tenantId, entraObjectId: randomUUID(), displayName: 'Outi Other', email: 'outi@seller-a.fi', role: 'rep', team: 'SMB', createdAt: T0 };
    await insertUsers(s, [outi]);
    const account = async (key: string, tier: Tier, owner: User, industry: string | null) => {
      id[key] = (await createAccount(s, { name: key, domains: [], tier, lifecycle: 'customer', ownerId: owner.id, industry, size: null, region: null }, owner.id, d(-300))).id;
    };
    await account('Alpha', 'A', rep, 'Construction');
    await account('Beta', 'A', rep2, 'Construction');
    await account('Gamma', 'B', rep, 'Retail');
    await account('Delta', 'A', manager, null);
    await account('Epsilon', 'C', rep2, 'Retail');
    await account('Zeta', 'D', rep, null);
    await account('Omega', 'A', outi, 'Construction');

    const settings = DEFAULT_TENANT_SETTINGS;
    const deal = async (key: string, acc: string, owner: User, stage: Stage, value: number, probability?: number, closedAt?: number) => {
      const o = await createOpportunity(s, { accountId: id[acc]!, name: key, stage: closedAt ? 'identified' : stage, value, currency: 'EUR', lines: [], expectedCloseDate: null, ownerId: owner.id, ...(probability ? { probability } : {}) }, settings, owner.id, d(-60));
      if (closedAt) await moveStage(s, o.id, stage, settings, owner.id, closedAt);
      id[key] = o.id;
    };
    await deal('D1', 'Alpha', rep, 'offer', 10_000_000, 50);
    await deal('D2', 'Beta', rep2, 'identified', 2_000_000, 10);
    await deal('D3', 'Gamma', rep, 'negotiation', 5_000_000, 80);
    await deal('D4', 'Epsilon', rep2, 'won', 3_000_000, undefined, d(10));
    await deal('D5', 'Alpha', rep, 'lost', 1_000_000, undefined, d(12));
    await deal('D6', 'Alpha', rep, 'won', 9_999_900, undefined, d(-40)); // won before the period
    await deal('D7', 'Omega', outi, 'offer', 50_000_000, 50);

    const touch = (kind: InteractionInput['kind'], at: number, who: User[], accounts: string[]): InteractionInput => ({
      kind, direction: kind === 'email' || kind === 'call' ? 'outbound' : null, occurredAt: at, subject: `${kind} ${at}`, snippet: null, note: null,
      durationMinutes: kind === 'meeting' || kind === 'call' ? 30 : null, opportunityId: null, source: 'sync', visibility: 'metadata',
      externalKey: `k:${kind}:${at}`, accountIds: accounts.map((k) => id[k]!),
      participants: [{ role: 'from', address: who[0]!.email, displayName: who[0]!.displayName, userId: who[0]!.id, contactId: null }, { role: 'to', address: `x${at}@customer.test`, displayName: 'Customer', userId: null, contactId: null }],
      holders: who.map((u) => ({ userId: u.id, relation: 'holds' as const, at })),
    });
    await ingestInteractions(s, [
      touch('email', d(25), [rep], ['Alpha']),
      touch('meeting', d(5), [rep, rep2], ['Alpha']), // two members, one interaction
      touch('note', d(6), [rep], ['Alpha']), // a note is not a contact
      touch('email', d(3), [rep], ['Alpha', 'Beta']), // one interaction, two A accounts: once for tier A
      touch('email', d(19), [rep2], ['Beta']),
      touch('email', d(-10), [rep], ['Gamma']), // before the period
      touch('email', d(1), [rep2], ['Epsilon']),
      touch('call', d(2), [rep], ['Epsilon']),
      touch('email', d(4), [outi], ['Omega']),
    ], d(26));

    const fb = (acc: string, kind: 'nps' | 'csat', score: number, at: number) => addFeedback(s, { accountId: id[acc]!, contactId: null, kind, score, comment: null, givenAt: at }, manager.id, at);
    await fb('Alpha', 'nps', 9, d(2));
    await fb('Alpha', 'nps', 6, d(4));
    await fb('Beta', 'nps', 10, d(5));
    await fb('Beta', 'csat', 4, d(6));
    await fb('Gamma', 'csat', 3, d(7));
    await fb('Gamma', 'csat', 5, d(-30)); // before the period
    await fb('Omega', 'nps', 0, d(8));
  });
  afterAll(async () => dispose());

  const get = (q: string, who: User = manager) => h.call('GET', `/api/analytics/headlines?from=2026-10-01&to=2026-10-31${q}`, { as: [h.a, who] });

  it('gives the team’s headline figures and what is behind each', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.team).toBe('Enterprise');
    expect(b.period.asOf).toBe(d(30));
    // Open: D1 + D2 + D3; weighted 10M x 50 % + 2M x 10 % + 5M x 80 % = 9.2M cents.
    expect(b.openPipeline).toMatchObject({ count: 3, valueCents: 17_000_000 });
    expect(b.openPipeline.stages).toEqual([
      { stage: 'identified', count: 1, valueCents: 2_000_000, weightedCents: 200_000 },
      { stage: 'contacted', count: 0, valueCents: 0, weightedCents: 0 },
      { stage: 'offer', count: 1, valueCents: 10_000_000, weightedCents: 5_000_000 },
      { stage: 'negotiation', count: 1, valueCents: 5_000_000, weightedCents: 4_000_000 },
    ]);
    expect(b.weightedForecastCents).toBe(9_200_000);
    expect(b.won).toEqual({ count: 1, valueCents: 3_000_000 });
    expect(b.lost).toEqual({ count: 1, valueCents: 1_000_000 });
    expect(b.behind.open.map((x: { name: string }) => x.name)).toEqual(['D1', 'D3', 'D2']);
    expect(b.behind.won.map((x: { name: string; accountName: string }) => [x.name, x.accountName])).toEqual([['D4', 'Epsilon']]);
    expect(b.behind.lost.map((x: { name: string }) => x.name)).toEqual(['D5']);
    expect(b.overdue.count).toBe(2);
    expect(b.behind.overdue.map((x: { name: string; daysOverdue: number }) => [x.name, x.daysOverdue])).toEqual([['Delta', 330], ['Gamma', 10]]);
    expect(b.goingCold.count).toBe(1);
    expect(b.behind.goingCold).toEqual([{ accountId: id.Beta, name: 'Beta', tier: 'A', ownerId: rep2.id, lastContactAt: d(19), nextDueAt: d(33), daysOverdue: 0 }]);
  });

  it('gives the figures per tier and per segment', async () => {
    const b = (await get('')).body;
    const none = { average: null, count: 0 };
    expect(b.byTier).toEqual([
      // Activity: Alpha's email d25, the meeting d5, the email to Alpha and Beta d3 (once), Beta's d19. NPS (9+6+10)/3.
      { key: 'A', accounts: 3, openPipelineCents: 12_000_000, openDeals: 2, wonCents: 0, wonDeals: 0, activity: 4, care: { withCadence: 3, within: 2, share: 2 / 3 }, nps: { average: 8.3, count: 3 }, csat: { average: 4, count: 1 } },
      { key: 'B', accounts: 1, openPipelineCents: 5_000_000, openDeals: 1, wonCents: 0, wonDeals: 0, activity: 0, care: { withCadence: 1, within: 0, share: 0 }, nps: none, csat: { average: 3, count: 1 } },
      { key: 'C', accounts: 1, openPipelineCents: 0, openDeals: 0, wonCents: 3_000_000, wonDeals: 1, activity: 2, care: { withCadence: 1, within: 1, share: 1 }, nps: none, csat: none },
      { key: 'D', accounts: 1, openPipelineCents: 0, openDeals: 0, wonCents: 0, wonDeals: 0, activity: 0, care: { withCadence: 0, within: 0, share: null }, nps: none, csat: none },
    ]);
    expect(b.bySegment.field).toBe('industry');
    expect(b.bySegment.rows).toEqual([
      { key: 'Construction', accounts: 2, openPipelineCents: 12_000_000, openDeals: 2, wonCents: 0, wonDeals: 0, activity: 4, care: { withCadence: 2, within: 2, share: 1 }, nps: { average: 8.3, count: 3 }, csat: { average: 4, count: 1 } },
      { key: 'Retail', accounts: 2, openPipelineCents: 5_000_000, openDeals: 1, wonCents: 3_000_000, wonDeals: 1, activity: 2, care: { withCadence: 2, within: 1, share: 0.5 }, nps: none, csat: { average: 3, count: 1 } },
      { key: null, accounts: 2, openPipelineCents: 0, openDeals: 0, wonCents: 0, wonDeals: 0, activity: 0, care: { withCadence: 1, within: 0, share: 0 }, nps: none, csat: none },
    ]);
  });

  it('takes the whole organisation, another segment field, and refuses what it cannot answer', async () => {
    const all = (await get('&team=all')).body;
    expect(all.team).toBeNull();
    expect(all.openPipeline).toMatchObject({ count: 4, valueCents: 67_000_000 });
    const byRegion = (await get('&segment=region')).body;
    expect(byRegion.bySegment.rows.map((r: { key: string | null; accounts: number }) => [r.key, r.accounts])).toEqual([[null, 6]]);
    expect((await get('&segment=colour')).status).toBe(400);
    expect((await get('&team=Nobody')).status).toBe(404);
    const refused = await get('', rep);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // Another tenant's manager sees none of it.
    const other = await h.call('GET', '/api/analytics/headlines?from=2026-10-01&to=2026-10-31', { as: [h.b, h.b.users.manager] });
    expect(other.status).toBe(200);
    expect(other.body.openPipeline.count).toBe(0);
    expect(other.body.byTier.map((r: { accounts: number }) => r.accounts)).toEqual([0, 0, 0, 0]);
  });
});
