// Marking a meeting as a business review through PATCH /api/interactions/{id}, on both databases: the mark wins over
// the subject both ways, null gives the decision back to the subject, the care plan counts it, the answer and the
// account's timeline carry it, it is audited, and only a meeting can be marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('business review marks on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (u: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[u]] as [Harness['a'], Harness['a']['users']['rep']];
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('lets a holder mark and unmark a meeting; the care plan, the answer, the timeline and the audit follow', async () => {
    const account = (await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'Katsaus Oy', domains: ['katsaus.fi'], tier: 'B', ownerId: h.a.users.rep.id } })).body;
    const log = async (kind: 'meeting' | 'call', subject: string, hoursAgo: number) => (await h.call('POST', '/api/interactions', {
      as: as('rep'),
      body: {
        kind, occurredAt: h.clock.now - hoursAgo * 3_600_000, durationMinutes: 45, subject, accountIds: [account.id], visibility: 'shared',
        participants: [{ role: 'organizer', address: h.a.users.rep.email }, { role: 'attendee', address: 'outi@katsaus.fi' }],
      },
    })).body.interaction;
    const review = async () => (await h.call('GET', `/api/accounts/${account.id}`, { as: as('rep') })).body.carePlan.items.find((i: { item: string }) => i.item === 'businessReview');
    const plain = await log('meeting', 'Vuosipalaveri', 5);
    expect(plain.businessReview).toBeUndefined();
    expect(await review()).toMatchObject({ done: 0, state: 'due' });

    const patch = (id: string, businessReview: boolean | null, who: 'rep' | 'rep2' = 'rep') => h.call('PATCH', `/api/interactions/${id}`, { as: as(who), body: { businessReview } });
    const marked = await patch(plain.id, true);
    expect(marked.status).toBe(200);
    expect(marked.body.businessReview).toBe(true);
    expect(await review()).toMatchObject({ done: 1, state: 'done' });
    const timeline = (await h.call('GET', `/api/accounts/${account.id}/timeline`, { as: as('rep') })).body.items;
    expect(timeline.find((i: { id: string }) => i.id === plain.id).businessReview).toBe(true);

    // A subject that only looks like one, unmarked, does not count; null gives the decision back to the subject.
    const lookalike = await log('meeting', 'QBR prep (internal)', 3);
    expect(await review()).toMatchObject({ done: 2 });
    expect((await patch(lookalike.id, false)).body.businessReview).toBe(false);
    expect(await review()).toMatchObject({ done: 1 });
    expect((await patch(plain.id, null)).body.businessReview).toBeUndefined();
    expect(await review()).toMatchObject({ done: 0, state: 'due' });

    const audit = (await h.call('GET', `/api/audit?entityType=interaction&entityId=${plain.id}`, { as: as('admin') })).body.items;
    expect(audit.filter((e: { action: string }) => e.action === 'interaction.update').map((e: { detail: { fields: string[] } }) => e.detail.fields)).toEqual([['businessReview'], ['businessReview']]);

    // Only a meeting can be one, and only someone who may change the interaction may mark it.
    const call = await log('call', 'Soitto', 1);
    const refused = await patch(call.id, true);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'businessReview', message: 'only a meeting can be a business review' }]);
    expect((await patch(plain.id, true, 'rep2')).status).toBe(403);
    expect((await h.call('PATCH', `/api/interactions/${plain.id}`, { as: as('rep'), body: { businessReview: 'yes' } })).status).toBe(400);
  });
});
