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
});
