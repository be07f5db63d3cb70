// Follow-ups set when logging: stored for the logger, listed, due in Today in the user's time zone, done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.each(testDatabases())('follow-ups on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const rep = () => [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
  const email = (id: string, followUpOn: string | null) => ({
    kind: 'email', source: 'addin', subject: `Tarjous ${id}`, occurredAt: h.clock.now - 3_600_000, internetMessageId: `<${id}@kallio-rakennus.fi>`, followUpOn,
    participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: 'rep@seller-a.fi', displayName: null }],
  });
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'B' } });
  });
  afterAll(async () => dispose());

  it('stores the logger’s follow-up with the interaction, and a later date replaces it', async () => {
    const due = iso(h.clock.now - 86_400_000);
    const r = await h.call('POST', '/api/interactions', { as: rep(), body: email('f1', due) });
    expect(r.status).toBe(201);
    expect(r.body.followUp).toMatchObject({ dueOn: due, doneAt: null, interactionId: r.body.interaction.id });
    const again = await h.call('POST', '/api/interactions', { as: rep(), body: email('f1', iso(h.clock.now + 7 * 86_400_000)) });
    expect(again.status).toBe(200);
    const list = await h.call('GET', '/api/follow-ups', { as: rep() });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].dueOn).toBe(iso(h.clock.now + 7 * 86_400_000));
    // Back to yesterday, for Today below.
    await h.call('POST', '/api/interactions', { as: rep(), body: email('f1', due) });
    expect((await h.call('POST', '/api/interactions', { as: rep(), body: email('f2', null) })).body.followUp).toBeNull();
  });

  it('puts a due follow-up first in Today, and takes it off when done', async () => {
    const today = await h.call('GET', '/api/today?tz=Europe/Helsinki', { as: rep() });
    expect(today.status).toBe(200);
    const first = today.body.items[0];
    expect(first).toMatchObject({ type: 'follow-up-due', action: { kind: 'open-thread' }, reason: { code: 'follow-up-due', params: { daysLate: 1 } } });
    const id = (await h.call('GET', '/api/follow-ups', { as: rep() })).body.items[0].id;
    const done = await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { done: true } });
    expect(done.status).toBe(200);
    expect(done.body.doneAt).toBe(h.clock.now);
    const after = await h.call('GET', '/api/today?tz=Europe/Helsinki', { as: rep() });
    expect(after.body.items.some((a: { type: string }) => a.type === 'follow-up-due')).toBe(false);
  });

  it('keeps follow-ups personal: a colleague or another tenant gets 404, bad dates a clear 400', async () => {
    const mine = await h.call('POST', '/api/interactions', { as: rep(), body: email('f3', iso(h.clock.now)) });
    const id = mine.body.followUp.id;
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.a, h.a.users.rep2], body: { done: true } })).status).toBe(404);
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.b, h.b.users.rep], body: { done: true } })).status).toBe(404);
    expect((await h.call('GET', '/api/follow-ups', { as: [h.a, h.a.users.rep2] })).body.items).toEqual([]);
    const bad = await h.call('POST', '/api/interactions', { as: rep(), body: email('f4', '31.12.2026') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'followUpOn', message: 'must be a date like 2027-03-31' }]);
    expect((await h.call('GET', '/api/interactions/lookup?internetMessageId=%3Cf4%40kallio-rakennus.fi%3E', { as: rep() })).status).toBe(404);
  });

  it('snoozes to a later day, keeping the date first promised; the past is refused', async () => {
    const due = iso(h.clock.now - 2 * 86_400_000);
    const logged = await h.call('POST', '/api/interactions', { as: rep(), body: email('s1', due) });
    const id = logged.body.followUp.id;
    const tomorrow = iso(h.clock.now + 86_400_000);
    const snoozed = await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { dueOn: tomorrow, note: 'Send the revised offer' } });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body).toMatchObject({ dueOn: tomorrow, originalDueOn: due, note: 'Send the revised offer' });
    const again = await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { dueOn: iso(h.clock.now + 7 * 86_400_000) } });
    expect(again.body.originalDueOn).toBe(due);
    const past = await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { dueOn: iso(h.clock.now - 3 * 86_400_000) } });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('dueOn');
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: {} })).status).toBe(400);
    const today = await h.call('GET', '/api/today?tz=Europe/Helsinki', { as: rep() });
    expect(today.body.items.some((a: { action: { followUpId?: string } }) => a.action.followUpId === id)).toBe(false);
    const audit = await h.call('GET', `/api/audit?entityType=follow-up&entityId=${id}`, { as: [h.a, h.a.users.admin] });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['follow-up.snooze', 'follow-up.note']));
  });

  it('hands a follow-up to a colleague, who sees it in Today with what was promised; a stranger cannot', async () => {
    const logged = await h.call('POST', '/api/interactions', { as: rep(), body: { ...email('r1', iso(h.clock.now - 86_400_000)), note: 'Pekka wants a price for 40 units' } });
    const id = logged.body.followUp.id;
    await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { note: 'Call Pekka about the price' } });
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { assigneeId: 'no-such-user' } })).status).toBe(400);
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { assigneeId: h.b.users.rep.id } })).status).toBe(400);
    const moved = await h.call('PATCH', `/api/follow-ups/${id}`, { as: rep(), body: { assigneeId: h.a.users.rep2.id } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ assigneeId: h.a.users.rep2.id, createdBy: h.a.users.rep.id });
    const theirs = await h.call('GET', '/api/today?tz=Europe/Helsinki', { as: [h.a, h.a.users.rep2] });
    const item = theirs.body.items.find((a: { action: { followUpId?: string } }) => a.action.followUpId === id);
    expect(item.reason.params).toMatchObject({ note: 'Call Pekka about the price', assignedBy: h.a.users.rep.displayName });
    const mine = await h.call('GET', '/api/today?tz=Europe/Helsinki', { as: rep() });
    expect(mine.body.items.some((a: { action: { followUpId?: string } }) => a.action.followUpId === id)).toBe(false);
    // The colleague marks it done; the one who set it may still see and reopen it; the manager may hand it on but not mark it.
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.a, h.a.users.manager], body: { done: true } })).status).toBe(403);
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.a, h.a.users.manager], body: { assigneeId: h.a.users.rep.id } })).status).toBe(200);
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.a, h.a.users.admin], body: { assigneeId: h.a.users.rep2.id } })).status).toBe(200);
    expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.b, h.b.users.manager], body: { assigneeId: h.b.users.rep.id } })).status).toBe(404);
    const done = await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.a, h.a.users.rep2], body: { done: true } });
    expect(done.body.doneAt).toBe(h.clock.now);
  });

  it('lists an account’s open follow-ups with who holds them and what may be done', async () => {
    const accountId = (await h.call('GET', '/api/follow-ups', { as: rep() })).body.items[0].accountId;
    const panel = await h.call('GET', `/api/accounts/${accountId}/follow-ups`, { as: [h.a, h.a.users.manager] });
    expect(panel.status).toBe(200);
    expect(panel.body.items.length).toBeGreaterThan(0);
    expect(panel.body.items[0]).toMatchObject({ accountName: 'Kallio Rakennus Oy', assigneeName: h.a.users.rep.displayName, may: { edit: false, reassign: true } });
    const asRep = await h.call('GET', `/api/accounts/${accountId}/follow-ups`, { as: rep() });
    expect(asRep.body.items[0].may).toEqual({ edit: true, reassign: true });
    expect(asRep.body.items[0].item.subject).toMatch(/^Tarjous /);
    expect((await h.call('GET', `/api/accounts/no-such/follow-ups`, { as: rep() })).status).toBe(404);
    const one = asRep.body.items[0];
    const byItem = await h.call('GET', `/api/follow-ups?interactionId=${one.interactionId}`, { as: rep() });
    expect(byItem.body.items.map((f: { id: string }) => f.id)).toEqual([one.id]);
  });
});
