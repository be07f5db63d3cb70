// Reading an account as a colleague: share requests (ask, the holder's list, share or decline), the linked
// opportunity on timeline items, the `can` flags on accounts and deals, the "needs attention" order of the
// account list, and a follow-up set without logging. On both databases, through the HTTP API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

const DAY = 86_400_000;

describe.each(testDatabases())('share requests, can flags and the account list on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (u: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[u]] as [Harness['a'], Harness['a']['users']['rep']];
  const ids: Record<string, string> = {};
  const heldEmail = (k: number, visibility: string) => ({
    kind: 'email', occurredAt: h.clock.now - (10 - k) * DAY, subject: `Hinnoittelu ${k}`, internetMessageId: `<p${k}@kallio-rakennus.fi>`, visibility,
    participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: h.a.users.rep2.email, displayName: 'Ronja Rep' }],
  });
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    const post = async (u: 'rep' | 'rep2' | 'manager', path: string, body: unknown) => (await h.call('POST', path, { as: as(u), body })).body;
    ids.kallio = (await post('manager', '/api/accounts', { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A', ownerId: h.a.users.rep2.id })).id;
    ids.deal = (await post('rep2', '/api/opportunities', { accountId: ids.kallio, name: 'Runkourakka 2027', stage: 'offer', value: 1_000_000 })).id;
    for (const k of [1, 2, 3]) ids[`m${k}`] = (await post('rep2', '/api/interactions', heldEmail(k, 'metadata'))).interaction.id;
    ids.private = (await post('rep2', '/api/interactions', heldEmail(4, 'private'))).interaction.id;
    ids.shared = (await post('rep2', '/api/interactions', { ...heldEmail(5, 'shared'), opportunityId: ids.deal })).interaction.id;
  });
  afterAll(async () => dispose());

  it('names the linked opportunity on timeline items, and titles nothing it may not show', async () => {
    const page = await h.call('GET', `/api/accounts/${ids.kallio}/timeline`, { as: as('rep') });
    expect(page.status).toBe(200);
    const shared = page.body.items.find((i: { id: string }) => i.id === ids.shared);
    expect(shared.opportunity).toEqual({ id: ids.deal, name: 'Runkourakka 2027' });
    const redacted = page.body.items.filter((i: { redacted: boolean }) => i.redacted);
    expect(redacted.map((i: { id: string }) => i.id).sort()).toEqual([ids.m1, ids.m2, ids.m3].sort());
    expect(redacted.every((i: { subject: unknown; opportunity: unknown }) => i.subject === null && i.opportunity === null)).toBe(true);
    expect(page.body.items.some((i: { id: string }) => i.id === ids.private)).toBe(false);
  });

  it('asks once per person and item, refuses what is already readable or not visible, and lists it for the holder only', async () => {
    const first = await h.call('POST', `/api/interactions/${ids.m1}/share-requests`, { as: as('rep'), body: { message: 'For the renewal meeting' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ interactionId: ids.m1, requesterId: h.a.users.rep.id, status: 'open', subject: null, accountName: 'Kallio Rakennus Oy' });
    const again = await h.call('POST', `/api/interactions/${ids.m1}/share-requests`, { as: as('rep'), body: {} });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await h.call('POST', `/api/interactions/${ids.shared}/share-requests`, { as: as('rep'), body: {} })).status).toBe(409);
    expect((await h.call('POST', `/api/interactions/${ids.private}/share-requests`, { as: as('rep'), body: {} })).status).toBe(404);
    expect((await h.call('POST', `/api/interactions/${ids.m1}/share-requests`, { as: [h.b, h.b.users.rep], body: {} })).status).toBe(404);
    expect((await h.call('POST', `/api/interactions/${ids.m1}/share-requests`, { as: as('rep'), raw: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);

    const holder = await h.call('GET', '/api/share-requests', { as: as('rep2') });
    expect(holder.body.items).toHaveLength(1);
    expect(holder.body.items[0]).toMatchObject({ id: first.body.id, subject: 'Hinnoittelu 1', message: 'For the renewal meeting', kind: 'email' });
    expect((await h.call('GET', '/api/share-requests', { as: as('rep') })).body.items).toEqual([]);
  });

  it('shares through the visibility rule: only a holder answers, and the requester then reads it in full', async () => {
    const open = (await h.call('GET', '/api/share-requests', { as: as('rep2') })).body.items[0];
    expect((await h.call('POST', `/api/share-requests/${open.id}`, { as: as('rep'), body: { answer: 'share' } })).status).toBe(403);
    expect((await h.call('POST', `/api/share-requests/${open.id}`, { as: as('manager'), body: { answer: 'share' } })).status).toBe(404);
    expect((await h.call('POST', `/api/share-requests/${open.id}`, { as: as('rep2'), body: { answer: 'maybe' } })).status).toBe(400);
    const shared = await h.call('POST', `/api/share-requests/${open.id}`, { as: as('rep2'), body: { answer: 'share' } });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ status: 'shared', answeredBy: h.a.users.rep2.id, answeredAt: h.clock.now });
    expect((await h.call('POST', `/api/share-requests/${open.id}`, { as: as('rep2'), body: { answer: 'decline' } })).status).toBe(409);
    const read = await h.call('GET', `/api/interactions/${ids.m1}`, { as: as('rep') });
    expect(read.body).toMatchObject({ redacted: false, subject: 'Hinnoittelu 1', visibility: 'shared' });
    const audit = await h.call('GET', '/api/audit?action=share-request.&limit=10', { as: as('admin') });
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['share-request.answer', 'share-request.create']);
  });

  it('declines one request and keeps the item as it was; asking again after a decline opens a new request', async () => {
    const asked = await h.call('POST', `/api/interactions/${ids.m2}/share-requests`, { as: as('rep'), body: {} });
    const declined = await h.call('POST', `/api/share-requests/${asked.body.id}`, { as: as('rep2'), body: { answer: 'decline' } });
    expect(declined.body.status).toBe('declined');
    expect((await h.call('GET', `/api/interactions/${ids.m2}`, { as: as('rep') })).body.redacted).toBe(true);
    const again = await h.call('POST', `/api/interactions/${ids.m2}/share-requests`, { as: as('rep'), body: {} });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(asked.body.id);
  });

  it('carries can flags computed from the permission rules on accounts and opportunities', async () => {
    const byRep = await h.call('GET', `/api/accounts/${ids.kallio}`, { as: as('rep') });
    expect(byRep.body.can.edit.allowed).toBe(false);
    expect(byRep.body.can.changeTier).toMatchObject({ allowed: false, reason: expect.stringContaining('manager') });
    const byOwner = await h.call('GET', `/api/accounts/${ids.kallio}`, { as: as('rep2') });
    expect(byOwner.body.can).toMatchObject({ edit: { allowed: true, reason: null }, changeTier: { allowed: true, reason: null } });
    expect((await h.call('GET', `/api/accounts/${ids.kallio}`, { as: as('manager') })).body.can.changeOwner.allowed).toBe(true);

    const deals = await h.call('GET', `/api/accounts/${ids.kallio}/opportunities`, { as: as('rep') });
    expect(deals.body.items[0].can.moveStage).toMatchObject({ allowed: false, reason: expect.stringContaining('owner') });
    // The flag and the refusal agree.
    expect((await h.call('POST', `/api/opportunities/${ids.deal}/stage`, { as: as('rep'), body: { stage: 'negotiation' } })).status).toBe(403);
    const mine = await h.call('GET', `/api/opportunities/${ids.deal}`, { as: as('rep2') });
    expect(mine.body.can.moveStage).toEqual({ allowed: true, reason: null });
    const list = await h.call('GET', '/api/opportunities', { as: as('manager') });
    expect(list.body.items.every((o: { can: { moveStage: { allowed: boolean } } }) => o.can.moveStage.allowed)).toBe(true);
  });

  it('sorts accounts by what needs attention: overdue first (most overdue first), then soonest due, then no cadence', async () => {
    const mk = async (name: string, tier: string) => (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name, tier } })).body.id as string;
    const log = (accountId: string, daysAgo: number) =>
      h.call('POST', '/api/interactions', { as: as('rep'), body: { kind: 'call', occurredAt: h.clock.now - daysAgo * DAY, note: 'Soitto', accountIds: [accountId] } });
    const fresh = await mk('Tuore Oy', 'B');
    const late = await mk('Myöhässä Oy', 'B');
    const later = await mk('Pahasti myöhässä Oy', 'B');
    const none = await mk('Ei kadenssia Oy', 'D');
    await log(fresh, 1);
    await log(late, 100);
    await log(later, 200);
    const r = await h.call('GET', '/api/accounts?ownerId=me&sort=attention', { as: as('rep') });
    expect(r.status).toBe(200);
    const order = r.body.items.map((a: { id: string }) => a.id);
    expect(order.filter((x: string) => [fresh, late, later, none].includes(x))).toEqual([later, late, fresh, none]);
    expect(r.body.items[0].care.overdue).toBe(true);
  });

  it('sets a follow-up without logging: the promise is a note on the timeline, audited, and yours in the list', async () => {
    const r = await h.call('POST', '/api/follow-ups', { as: as('rep'), body: { accountId: ids.kallio, dueOn: '2027-01-15', note: 'Send the revised offer\nwith the new steel prices' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ accountId: ids.kallio, dueOn: '2027-01-15', doneAt: null });
    expect((await h.call('GET', '/api/follow-ups', { as: as('rep') })).body.items.map((f: { id: string }) => f.id)).toContain(r.body.id);
    const note = await h.call('GET', `/api/interactions/${r.body.interactionId}`, { as: as('rep2') });
    expect(note.body).toMatchObject({ kind: 'note', note: 'Send the revised offer\nwith the new steel prices', accountIds: [ids.kallio] });
    const audit = await h.call('GET', '/api/audit?action=follow-up.create', { as: as('admin') });
    expect(audit.body.items).toHaveLength(1);
    expect((await h.call('POST', '/api/follow-ups', { as: as('rep'), body: { accountId: 'no-such', dueOn: '2027-01-15', note: 'x' } })).status).toBe(404);
    expect((await h.call('POST', '/api/follow-ups', { as: as('rep'), body: { accountId: ids.kallio, dueOn: '2027-01-15', note: ' ' } })).status).toBe(400);
    expect((await h.call('POST', '/api/follow-ups', { as: [h.b, h.b.users.rep], body: { accountId: ids.kallio, dueOn: '2027-01-15', note: 'x' } })).status).toBe(404);
  });
});
