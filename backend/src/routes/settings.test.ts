// The tenant's settings through the HTTP API: the validation errors per field an admin's page shows, the care
// plans (kept when a client leaves them out), the audit entry, and the account's standing against its plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';
import { periodOf } from '../domain/care-plan.ts';

describe.each(testDatabases())('tenant settings and care plans on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (u: 'rep' | 'manager' | 'admin') => [h.a, h.a.users[u]] as [Harness['a'], Harness['a']['users']['rep']];
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  const settings = async () => (await h.call('GET', '/api/settings', { as: as('rep') })).body;

  it('answers each invalid field by its path, and changes nothing', async () => {
    const before = await settings();
    const bad = {
      ...before,
      cadenceDays: { ...before.cadenceDays, B: 0 },
      internalDomains: ['seller-a.fi', 'not a domain'],
      retention: { months: 0, action: 'anonymise' },
      carePlans: { ...before.carePlans, B: { ...before.carePlans.B, meetingsPerQuarter: -1 } },
    };
    const r = await h.call('PUT', '/api/settings', { as: as('admin'), body: bad });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    const fields = r.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['cadenceDays.B', 'carePlans.B.meetingsPerQuarter', 'internalDomains.1', 'retention.months']);
    expect(r.body.errors.find((e: { field: string }) => e.field === 'retention.months').message).toBe('must be at least 1 month');
    expect(await settings()).toEqual(before);
  });

  it('refuses a public mailbox provider or a blocked domain as an internal domain, on that field', async () => {
    const before = await settings();
    const r = await h.call('PUT', '/api/settings', { as: as('admin'), body: { ...before, internalDomains: ['seller-a.fi', 'gmail.com', 'union.fi'], blockedDomains: ['union.fi'] } });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { field: 'internalDomains.1', message: expect.stringMatching(/gmail\.com is a public mailbox provider/) },
      { field: 'internalDomains.2', message: expect.stringMatching(/also a blocked domain/) },
    ]);
  });

  it('lets only an admin save; the change is audited by field names and kept care plans survive an older client', async () => {
    const before = await settings();
    expect((await h.call('PUT', '/api/settings', { as: as('manager'), body: before })).status).toBe(403);
    const next = { ...before, cadenceDays: { ...before.cadenceDays, B: 21 }, carePlans: { ...before.carePlans, B: { meetingsPerQuarter: 2, businessReview: 'quarterly', npsSurvey: 'none' } } };
    const saved = await h.call('PUT', '/api/settings', { as: as('admin'), body: next });
    expect(saved.status).toBe(200);
    expect(saved.body.carePlans.B).toEqual({ meetingsPerQuarter: 2, businessReview: 'quarterly', npsSurvey: 'none' });
    const { carePlans: _omitted, ...older } = next;
    expect((await h.call('PUT', '/api/settings', { as: as('admin'), body: { ...older, minutesPerEmail: 6 } })).body.carePlans.B.meetingsPerQuarter).toBe(2);
    const audit = await h.call('GET', '/api/audit?entityType=tenant', { as: as('admin') });
    expect(audit.status).toBe(200);
    const entries = audit.body.items.filter((e: { action: string }) => e.action === 'settings.update');
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.map((e: { actorId: string }) => e.actorId)).toContain(h.a.users.admin.id);
  });

  it('shows the account its tier’s plan and where it stands: meetings, business review and NPS this period', async () => {
    const account = (await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'Kivi Logistiikka Oy', domains: ['kivilog.fi'], tier: 'B', ownerId: h.a.users.rep.id } })).body;
    const read = async () => (await h.call('GET', `/api/accounts/${account.id}`, { as: as('rep') })).body.carePlan;
    const first = await read();
    expect(first.tier).toBe('B');
    expect(first.plan).toEqual({ meetingsPerQuarter: 2, businessReview: 'quarterly', npsSurvey: 'none' });
    expect(first.items.map((i: { item: string; done: number; state: string }) => [i.item, i.done, i.state])).toEqual([['meetings', 0, 'due'], ['businessReview', 0, 'due']]);
    const meeting = (subject: string, hoursAgo: number) => ({
      kind: 'meeting', occurredAt: h.clock.now - hoursAgo * 3_600_000, durationMinutes: 45, subject, accountIds: [account.id], visibility: 'shared',
      participants: [{ role: 'organizer', address: h.a.users.rep.email }, { role: 'attendee', address: 'outi@kivilog.fi' }],
    });
    expect((await h.call('POST', '/api/interactions', { as: as('rep'), body: meeting('Q4 QBR', 5) })).status).toBe(201);
    expect((await h.call('POST', '/api/interactions', { as: as('rep'), body: meeting('Tilannekatsaus', 3) })).status).toBe(201);
    const after = await read();
    expect(after.items.map((i: { item: string; done: number; state: string }) => [i.item, i.done, i.state])).toEqual([['meetings', 2, 'done'], ['businessReview', 1, 'done']]);
    expect(after.items[0].periodEnd).toBeGreaterThan(h.clock.now);
  });

  it('measures care-plan periods in the organisation’s time zone (Helsinki unless an admin sets another), refusing an unknown zone', async () => {
    const before = await settings();
    expect(before.timeZone).toBe('Europe/Helsinki');
    const account = (await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'Aikavyöhyke Oy', domains: ['aikavyohyke.fi'], tier: 'A' } })).body;
    const periods = async () => (await h.call('GET', `/api/accounts/${account.id}`, { as: as('rep') })).body.carePlan.items.map((i: { item: string; periodStart: number }) => [i.item, i.periodStart]);
    expect(await periods()).toEqual([
      ['meetings', periodOf('quarterly', h.clock.now, 'Europe/Helsinki').start], ['businessReview', periodOf('quarterly', h.clock.now, 'Europe/Helsinki').start],
      ['npsSurvey', periodOf('yearly', h.clock.now, 'Europe/Helsinki').start],
    ]);
    // Helsinki's quarter starts two or three hours before UTC's.
    expect((await periods())[0][1]).toBeLessThan(periodOf('quarterly', h.clock.now, 'UTC').start);
    const bad = await h.call('PUT', '/api/settings', { as: as('admin'), body: { ...before, timeZone: 'Europe/Tampere' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'timeZone', message: 'must be an IANA time zone like Europe/Helsinki' }]);
    const saved = await h.call('PUT', '/api/settings', { as: as('admin'), body: { ...before, timeZone: 'UTC' } });
    expect(saved.body.timeZone).toBe('UTC');
    expect((await periods())[0][1]).toBe(periodOf('quarterly', h.clock.now, 'UTC').start);
    // A client that leaves the zone out keeps it.
    const { timeZone: _left, ...older } = before;
    expect((await h.call('PUT', '/api/settings', { as: as('admin'), body: older })).body.timeZone).toBe('UTC');
    await h.call('PUT', '/api/settings', { as: as('admin'), body: before });
  });
});
