import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import type { Db } from '../store/connect.ts';
import { createAccount } from '../store/accounts.ts';
import { createContact } from '../store/contacts.ts';
import { createOpportunity, moveStage } from '../store/opportunities.ts';
import type { InteractionInput } from '../store/interactions.ts';
import { mergeAndLoad as ingestInteractions } from '../use-cases/interactions/merge-interaction-copies.ts';
import { logInteraction } from '../use-cases/interactions/log-interaction.ts';
import { removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import { dropHolds } from '../store/sync-items.ts';
import { inTransaction } from '../store/scope.ts';
import { DAY_MS, DEFAULT_TENANT_SETTINGS, type Participant, type User } from '../domain/types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

// The fixture, in days after T0 (Thursday 1 October 2026, 12:00 in Helsinki); the clock stands at T0 + 30 days.
// Alpha (A, rep): inbound d1, reply d1+90 min, note d3, inbound d5, reply d5+30 min, meeting d10 (rep, rep2,
// 60 min, linked to the offer), an email to Alpha and Beta d17; a removed email d8; an inbound d-5 (before).
// Beta (B, rep2): call d12 (rep, 20 min), private inbound to rep2 d20, inbound to rep d25 (unanswered).
// Gamma (C, rep): one email 200 days ago. Delta (A, manager): never contacted. Epsilon (B, rep2): four emails
// with rep 80 days ago (a cooling relationship).
describe.each(testDatabases())('analytics API on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let rep: User, rep2: User, manager: User;
  const id: Record<string, string> = {};

  const user = (u: User, role: Participant['role']): Participant => ({ role, address: u.email, displayName: u.displayName, userId: u.id, contactId: null });
  const contact = (key: string, role: Participant['role']): Participant => ({ role, address: `${key}@customer.test`, displayName: key, userId: null, contactId: id[key]! });
  const item = (p: Partial<InteractionInput> & Pick<InteractionInput, 'kind' | 'occurredAt' | 'accountIds' | 'participants' | 'holders'>): InteractionInput => ({
    direction: null, subject: `Subject ${p.occurredAt}`, snippet: null, note: null, durationMinutes: null, opportunityId: null,
    source: 'sync', visibility: 'metadata', externalKey: null, ...p,
  });
  const holds = (...users: User[]) => users.map((u) => ({ userId: u.id, relation: 'holds' as const, at: T0 }));
  const email = (dir: 'inbound' | 'outbound', at: number, who: User, accounts: string[], contacts: string[], extra: Partial<InteractionInput> = {}) =>
    item({
      kind: 'email', direction: dir, occurredAt: at, accountIds: accounts, holders: holds(who), externalKey: `msgid:${at}-${who.id}@test`,
      participants: dir === 'inbound'
        ? [contact(contacts[0]!, 'from'), user(who, 'to'), ...contacts.slice(1).map((c) => contact(c, 'cc'))]
        : [user(who, 'from'), ...contacts.map((c, i) => contact(c, i ? 'cc' : 'to'))],
      ...extra,
    });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    ({ rep, rep2, manager } = h.a.users);
    const s = h.a.scope;
    const account = (name: string, tier: 'A' | 'B' | 'C', owner: User) =>
      createAccount(s, { name, domains: [], tier, lifecycle: 'customer', ownerId: owner.id, industry: null, size: null, region: null }, owner.id, T0 - 300 * DAY_MS);
    id.alpha = (await account('Alpha Oy', 'A', rep)).id;
    id.beta = (await account('Beta Ab', 'B', rep2)).id;
    id.gamma = (await account('Gamma Ltd', 'C', rep)).id;
    id.delta = (await account('Delta Oyj', 'A', manager)).id;
    id.epsilon = (await account('Epsilon Oy', 'B', rep2)).id;
    for (const [key, acc] of [['alpha1', 'alpha'], ['alpha2', 'alpha'], ['beta1', 'beta'], ['gamma1', 'gamma'], ['eps1', 'epsilon']] as const) {
      id[key] = (await createContact(s, { name: key, emails: [`${key}@customer.test`], phones: [], title: null, accountId: id[acc]!, ownerId: null }, rep.id, T0 - 300 * DAY_MS)).id;
    }
    const settings = DEFAULT_TENANT_SETTINGS;
    const opp = (name: string, acc: string, owner: User, value: number, at: number) =>
      createOpportunity(s, { accountId: acc, name, stage: 'identified', value, currency: 'EUR', lines: [], expectedCloseDate: null, ownerId: owner.id }, settings, owner.id, at);
    id.offer = (await opp('Alpha line', id.alpha!, rep, 1_000_000, T0 - 40 * DAY_MS)).id;
    await moveStage(s, id.offer!, 'offer', settings, rep.id, T0 - 40 * DAY_MS);
    id.won = (await opp('Beta service', id.beta!, rep2, 500_000, T0 - 60 * DAY_MS)).id;
    await moveStage(s, id.won!, 'won', settings, rep2.id, T0 + 9 * DAY_MS);
    id.lost = (await opp('Alpha spare parts', id.alpha!, rep, 200_000, T0 - 50 * DAY_MS)).id;
    await moveStage(s, id.lost!, 'lost', settings, rep.id, T0 - 45 * DAY_MS);

    const d = (days: number) => T0 + days * DAY_MS;
    const made = await ingestInteractions(s, [
      email('inbound', d(1), rep, [id.alpha!], ['alpha1']),
      email('outbound', d(1) + 90 * MIN, rep, [id.alpha!], ['alpha1']),
      item({ kind: 'note', occurredAt: d(3), accountIds: [id.alpha!], participants: [user(rep, 'from')], holders: [{ userId: rep.id, relation: 'logged', at: d(3) }], source: 'manual', visibility: 'shared', note: 'Budget in Q1' }),
      email('inbound', d(5), rep, [id.alpha!], ['alpha1']),
      email('outbound', d(5) + 30 * MIN, rep, [id.alpha!], ['alpha1']),
      email('outbound', d(8), rep, [id.alpha!], ['alpha1']),
      item({
        kind: 'meeting', occurredAt: d(10), durationMinutes: 60, accountIds: [id.alpha!], holders: holds(rep, rep2), externalKey: 'ical:m1', opportunityId: id.offer!,
        participants: [user(rep, 'organizer'), contact('alpha1', 'attendee'), contact('alpha2', 'attendee'), user(rep2, 'attendee')],
      }),
      item({ kind: 'call', direction: 'outbound', occurredAt: d(12), durationMinutes: 20, accountIds: [id.beta!], participants: [user(rep, 'from'), contact('beta1', 'to')], holders: [{ userId: rep.id, relation: 'logged', at: d(12) }], source: 'manual', visibility: 'shared' }),
      email('outbound', d(17), rep, [id.alpha!, id.beta!], ['alpha1', 'beta1']),
      email('inbound', d(20), rep2, [id.beta!], ['beta1'], { visibility: 'private', subject: 'Private matter' }),
      email('inbound', d(25), rep, [id.beta!], ['beta1'], { subject: 'Can you send the quote?' }),
      email('inbound', d(-5), rep, [id.alpha!], ['alpha1']),
      email('outbound', d(-170), rep, [id.gamma!], ['gamma1']),
      ...[0, 1, 2, 3].map((k) => email(k % 2 ? 'outbound' : 'inbound', d(-50) + k * HOUR, rep, [id.epsilon!], ['eps1'])),
    ], T0);
    id.removed = made[5]!.interaction.id;
    id.unanswered = made[10]!.interaction.id;
    id.copied = made[1]!.interaction.id;
    await removeInteraction(s, { userId: rep.id, role: 'rep' }, { id: id.removed!, reason: 'logged by mistake' }, d(9));
    // The manager logs the rep's reply from their own mailbox: the same interaction, one more colleague on it.
    await logInteraction(s, { ...email('outbound', d(1) + 90 * MIN, manager, [id.alpha!], ['alpha1']), externalKey: `msgid:${d(1) + 90 * MIN}-${rep.id}@test`, source: 'addin', holders: [{ userId: manager.id, relation: 'logged', at: d(2) }] }, d(2));

    // Another tenant's activity must never show.
    const b = h.b.scope;
    const other = await createAccount(b, { name: 'Alpha Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: h.b.users.rep.id, industry: null, size: null, region: null }, null, T0);
    await ingestInteractions(b, [item({ kind: 'meeting', occurredAt: d(4), durationMinutes: 600, accountIds: [other.id], participants: [], holders: holds(h.b.users.rep) })], T0);
  });
  afterAll(async () => dispose());

  const asManager = () => [h.a, h.a.users.manager] as [Harness['a'], User];
  const PERIOD = '/api/analytics/dashboard?from=2026-10-01&to=2026-10-31&team=Enterprise';

  it('gives a manager each rep’s activity in the period', async () => {
    const r = await h.call('GET', PERIOD, { as: asManager() });
    expect(r.status).toBe(200);
    expect(r.body.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/Helsinki', start: Date.UTC(2026, 8, 30, 21), end: Date.UTC(2026, 9, 31, 22) });
    const byName = Object.fromEntries(r.body.reps.map((x: any) => [x.displayName, x]));
    expect(byName['Riikka Rep']).toEqual({
      userId: rep.id, displayName: 'Riikka Rep', role: 'rep',
      emailsSent: 3, emailsReceived: 3, meetings: 1, meetingMinutes: 60, calls: 1, callMinutes: 20, chats: 0, notes: 1,
      accountsTouched: 2, contactsTouched: 3, effortMinutes: 60 + 20 + 6 * 5, medianReplyMinutes: 60, repliedEmails: 2,
    });
    expect(byName['Ronja Rep']).toMatchObject({ emailsSent: 0, emailsReceived: 1, meetings: 1, meetingMinutes: 60, accountsTouched: 2, contactsTouched: 3, effortMinutes: 65, medianReplyMinutes: null });
    expect(byName['Matti Manager']).toMatchObject({ emailsSent: 1, accountsTouched: 1, contactsTouched: 1, effortMinutes: 5 });
    expect(byName['Aino Admin']).toMatchObject({ emailsSent: 0, meetings: 0, accountsTouched: 0, medianReplyMinutes: null });
  });

  it('holds each account’s effort against its pipeline, touches by channel and by rep', async () => {
    const r = await h.call('GET', PERIOD, { as: asManager() });
    expect(r.body.accounts.total).toBe(2);
    const [alpha, beta] = r.body.accounts.items;
    expect(alpha).toMatchObject({
      accountId: id.alpha, name: 'Alpha Oy', tier: 'A', touches: 6, byChannel: { email: 5, meeting: 1, call: 0, chat: 0, note: 1 },
      effortMinutes: 6 * 5 + 2 * 60, openPipelineCents: 1_000_000, wonCents: 0,
    });
    expect(alpha.byRep).toEqual([{ userId: rep.id, touches: 6 }, ...[{ userId: rep2.id, touches: 1 }, { userId: manager.id, touches: 1 }].sort((x, y) => x.userId.localeCompare(y.userId))]);
    expect(beta).toMatchObject({ accountId: id.beta, touches: 4, byChannel: { email: 3, call: 1 }, effortMinutes: 20 + 3 * 5, openPipelineCents: 0, wonCents: 500_000 });
  });

  it('measures care compliance per tier, accounts going cold, the pipeline and the weekly trend', async () => {
    const r = await h.call('GET', PERIOD, { as: asManager() });
    const care = Object.fromEntries(r.body.care.map((c: any) => [c.tier, c]));
    expect(care.A).toEqual({ tier: 'A', cadenceDays: 14, accounts: 2, withinCadence: 1, overdue: 1, share: 0.5 });
    expect(care.B).toEqual({ tier: 'B', cadenceDays: 30, accounts: 2, withinCadence: 1, overdue: 1, share: 0.5 });
    expect(care.C).toEqual({ tier: 'C', cadenceDays: 90, accounts: 1, withinCadence: 0, overdue: 1, share: 0 });
    expect(care.D).toEqual({ tier: 'D', cadenceDays: null, accounts: 0, withinCadence: 0, overdue: 0, share: null });
    expect(r.body.goingCold).toEqual({ total: 1, items: [expect.objectContaining({ accountId: id.alpha, earlierTouches: 5, recentTouches: 1, lastContactAt: T0 + 17 * DAY_MS })] });
    const stages = Object.fromEntries(r.body.pipeline.stages.map((s: any) => [s.stage, s]));
    expect(stages.offer).toEqual({ stage: 'offer', count: 1, valueCents: 1_000_000, weightedCents: 500_000 });
    expect(stages.lost.count).toBe(1);
    expect(r.body.pipeline).toMatchObject({ openValueCents: 1_000_000, weightedForecastCents: 500_000, wonInPeriod: { count: 1, valueCents: 500_000 } });
    // Weeks from Monday 28 September; the reply the manager also logged counts once, the removed email not at all.
    // The last Monday is after summer time ended (25 October): its midnight is 22:00 UTC, 169 hours after the one before.
    expect(r.body.weekly.map((w: any) => w.weekStart)).toEqual([...[0, 1, 2, 3].map((k) => Date.UTC(2026, 8, 27, 21) + k * 7 * DAY_MS), Date.UTC(2026, 9, 25, 22)]);
    expect(r.body.weekly.map((w: any) => [w.emails, w.meetings, w.calls, w.notes])).toEqual([[2, 0, 0, 1], [2, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 0], [1, 0, 0, 0]]);
    expect(r.body.weekly[1].meetingMinutes).toBe(60);
  });

  it('keeps the analytics index in step when a colleague stops holding an item', async () => {
    // What the sync engine does when rep2's mailbox no longer has the private email (store/sync-items.ts).
    const [item] = await handle.db.selectFrom('interactions').select('id').where('tenant_id', '=', h.a.tenantId).where('subject', '=', 'Private matter').execute();
    await inTransaction(h.a.scope, (tx) => dropHolds(tx, rep2.id, [item!.id]));
    // The change moved the tenant's data version: the figures shared a moment ago are not answered again.
    const fresh = await h.call('GET', PERIOD, { as: asManager() });
    expect(fresh.body.cached).toBe(false);
    expect(fresh.body.reps.find((x: any) => x.userId === rep2.id)).toMatchObject({ emailsReceived: 0, meetings: 1, accountsTouched: 1 });
    // Without a change they are shared, and say when they were computed.
    const r = await h.call('GET', PERIOD, { as: asManager() });
    expect(r.body).toMatchObject({ cached: true, computedAt: h.clock.now });
    expect(r.body.reps.find((x: any) => x.userId === rep2.id)).toMatchObject({ emailsReceived: 0, meetings: 1, accountsTouched: 1 });
  });

  it('computes the figures again once they are a minute old, answering the older ones meanwhile', async () => {
    const first = await h.call('GET', `${PERIOD}&limit=7`, { as: asManager() });
    expect(first.body.cached).toBe(false);
    const start = h.clock.now;
    try {
      h.clock.now = start + 59_000;
      expect((await h.call('GET', `${PERIOD}&limit=7`, { as: asManager() })).body).toMatchObject({ cached: true, computedAt: first.body.computedAt });
      h.clock.now = start + 60_000;
      // A minute old: answered at once, and computed again behind the answer for the next request.
      expect((await h.call('GET', `${PERIOD}&limit=7`, { as: asManager() })).body).toMatchObject({ cached: true, computedAt: first.body.computedAt });
      await expect.poll(async () => (await h.call('GET', `${PERIOD}&limit=7`, { as: asManager() })).body.computedAt).toBe(start + 60_000);
      // Older than a quarter of an hour: computed before answering.
      h.clock.now = start + 60_000 + 15 * 60_000;
      const again = await h.call('GET', `${PERIOD}&limit=7`, { as: asManager() });
      expect(again.body).toMatchObject({ cached: false, computedAt: h.clock.now });
      expect(again.body.reps).toEqual(first.body.reps);
    } finally {
      h.clock.now = start;
    }
  });

  it('shows a change made through the API at once, without waiting for the minute', async () => {
    const before = (await h.call('GET', PERIOD, { as: asManager() })).body.reps.find((x: any) => x.userId === rep.id);
    const logged = await h.call('POST', '/api/interactions', { as: [h.a, rep], body: { kind: 'call', occurredAt: T0 + 20 * DAY_MS, durationMinutes: 15, accountIds: [id.alpha], subject: 'Soitto' } });
    expect(logged.status).toBe(201);
    const after = await h.call('GET', PERIOD, { as: asManager() });
    expect(after.body.cached).toBe(false);
    expect(after.body.reps.find((x: any) => x.userId === rep.id)).toMatchObject({ calls: before.calls + 1, callMinutes: before.callMinutes + 15 });
    const removed = await h.call('DELETE', `/api/interactions/${logged.body.interaction.id}`, { as: [h.a, rep] });
    expect(removed.status).toBe(204);
    expect((await h.call('GET', PERIOD, { as: asManager() })).body.reps.find((x: any) => x.userId === rep.id).calls).toBe(before.calls);
  });

  it('shows another tenant nothing of this one, and a rep no dashboard', async () => {
    const other = await h.call('GET', '/api/analytics/dashboard?from=2026-10-01&to=2026-10-31&team=all', { as: [h.b, h.b.users.manager] });
    expect(other.status).toBe(200);
    expect(other.body.accounts.items.map((a: any) => a.effortMinutes)).toEqual([600]);
    expect(other.body.reps.map((x: any) => x.userId)).not.toContain(rep.id);
    const refused = await h.call('GET', PERIOD, { as: [h.a, rep] });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers bad input with problem details, never a 500', async () => {
    const cases: [string, number, string][] = [
      ['from=2026-10-31&to=2026-10-01', 400, 'from'],
      ['from=2026-10-01', 400, 'to'],
      ['from=2025-01-01&to=2026-10-01', 400, 'from'],
      ['from=2026-13-01&to=2026-12-01', 400, 'from'],
      ['tz=Mars/Olympus', 400, 'tz'],
      ['days=0', 400, 'days'],
      ['limit=5000', 400, 'limit'],
    ];
    for (const [query, status, field] of cases) {
      const r = await h.call('GET', `/api/analytics/dashboard?${query}`, { as: asManager() });
      expect(r.status, query).toBe(status);
      expect(r.body.errors.map((e: any) => e.field), query).toContain(field);
    }
    const unknown = await h.call('GET', '/api/analytics/dashboard?team=Nobody', { as: asManager() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('Nobody');
  });

  it('defaults to the manager’s own team over the last 90 days', async () => {
    const r = await h.call('GET', '/api/analytics/dashboard', { as: asManager() });
    expect(r.status).toBe(200);
    expect(r.body.team).toBe('Enterprise');
    expect(r.body.period).toMatchObject({ to: '2026-10-31', from: '2026-08-03' });
    // Epsilon's emails (80 days ago) are inside 90 days.
    expect(r.body.reps.find((x: any) => x.userId === rep.id).emailsReceived).toBe(3 + 1 + 2);
  });

  it('rates relationship strength for a page of accounts, and leaves out ids it does not know', async () => {
    const r = await h.call('GET', `/api/relationship-strength?accountIds=${id.alpha},${id.delta},nope`, { as: [h.a, rep2] });
    expect(r.status).toBe(200);
    const [alpha, delta] = r.body.items;
    expect(r.body.items).toHaveLength(2);
    expect(alpha).toMatchObject({ accountId: id.alpha, strongest: { userId: rep.id } });
    expect(alpha.strongest.strength).toBeGreaterThan(alpha.mine.strength);
    expect(alpha.mine.strength).toBeGreaterThan(0);
    expect(delta).toEqual({ accountId: id.delta, mine: { strength: 0, label: 'none' }, strongest: { userId: null, strength: 0, label: 'none' } });
    expect((await h.call('GET', '/api/relationship-strength?accountIds=', { as: [h.a, rep2] })).status).toBe(400);
  });

  it('gives a rep their next-best actions with reasons and one-click actions', async () => {
    const r = await h.call('GET', '/api/today', { as: [h.a, rep] });
    expect(r.status).toBe(200);
    expect(r.body.items.map((a: any) => [a.type, a.accountName])).toEqual([
      ['unanswered-email', 'Beta Ab'],
      ['overdue-cadence', 'Gamma Ltd'],
      ['cooling-relationship', 'Epsilon Oy'],
    ]);
    const [unanswered, overdue] = r.body.items;
    expect(unanswered.reason).toEqual({ code: 'unanswered-email', params: { workingDays: 4, from: 'beta1', subject: 'Can you send the quote?' } });
    expect(unanswered.action).toEqual({ kind: 'open-thread', interactionId: id.unanswered });
    expect(overdue.reason.params).toMatchObject({ cadenceDays: 90, daysOverdue: 110 });
    expect(overdue.action.kind).toBe('log-call');
    // The offer's meeting was 20 days ago: idle after 14 days, not after 21.
    const strict = await h.call('GET', '/api/today?idleDays=14', { as: [h.a, rep] });
    expect(strict.body.items.find((a: any) => a.type === 'idle-opportunity')).toMatchObject({
      accountName: 'Alpha Oy', action: { kind: 'schedule-follow-up', opportunityId: id.offer }, reason: { params: { days: 20, stage: 'offer' } },
    });
    const bad = await h.call('GET', '/api/today?idleDays=-1', { as: [h.a, rep] });
    expect(bad.status).toBe(400);
  });
});
