// What the Outlook add-in needs of the interactions API: "already logged by whom", one interaction however many
// colleagues log an email, meetings joined with the calendar sync's copy without an iCalUId, unlink and re-log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';
import { mergeInteractionCopies as ingestBatch } from '../use-cases/interactions/merge-interaction-copies.ts';

describe.each(testDatabases())('interactions for the add-in on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let accountId: string;
  const rep = () => [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
  const rep2 = () => [h.a, h.a.users.rep2] as [Harness['a'], Harness['a']['users']['rep']];

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    const acc = await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } });
    accountId = acc.body.id;
  });
  afterAll(async () => dispose());

  const email = (messageId: string) => ({
    kind: 'email', source: 'addin', subject: 'Tarjous: runkourakka', occurredAt: h.clock.now - 3_600_000, internetMessageId: messageId,
    participants: [
      { role: 'from', address: 'Pekka.Kallio@kallio-rakennus.fi', displayName: 'Pekka Kallio' },
      { role: 'to', address: 'rep@seller-a.fi', displayName: 'Riikka Rep' },
      { role: 'cc', address: 'rep2@seller-a.fi', displayName: null },
    ],
  });

  it('says an email is not logged (404), then who logged it and when', async () => {
    const id = '<AM0PR01MB1234.abc@kallio-rakennus.fi>';
    const before = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(id)}`, { as: rep() });
    expect(before.status).toBe(404);
    expect(before.headers.get('content-type')).toContain('application/problem+json');
    const first = await h.call('POST', '/api/interactions', { as: rep(), body: email(id) });
    expect(first.status).toBe(201);
    h.clock.now += 60_000;
    // The second colleague's copy has the Message-ID without brackets: still the same email.
    const second = await h.call('POST', '/api/interactions', { as: rep2(), body: email('AM0PR01MB1234.abc@kallio-rakennus.fi') });
    expect(second.status).toBe(200);
    expect(second.body.created).toBe(false);
    expect(second.body.interaction.id).toBe(first.body.interaction.id);
    const after = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(id)}`, { as: rep2() });
    expect(after.status).toBe(200);
    expect(after.body.holders.map((x: { userId: string }) => x.userId)).toEqual([h.a.users.rep.id, h.a.users.rep2.id]);
    expect(after.body.accountIds).toEqual([accountId]);
    const timeline = await h.call('GET', `/api/accounts/${accountId}/timeline`, { as: rep() });
    expect(timeline.body.items.filter((i: { id: string }) => i.id === first.body.interaction.id)).toHaveLength(1);
  });

  it('unlinks an email, keeps a later sync from bringing it back, and lets a person log it again', async () => {
    const id = '<unlink-1@kallio-rakennus.fi>';
    const logged = await h.call('POST', '/api/interactions', { as: rep(), body: email(id) });
    const iid = logged.body.interaction.id;
    expect((await h.call('DELETE', `/api/interactions/${iid}`, { as: rep() })).status).toBe(204);
    expect((await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(id)}`, { as: rep() })).status).toBe(404);
    const sync = await ingestBatch(h.a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: h.clock.now - 3_600_000, subject: 'Tarjous: runkourakka', snippet: null, note: null,
      durationMinutes: null, participants: [], accountIds: [accountId], opportunityId: null, source: 'sync', visibility: 'shared',
      holders: [{ userId: h.a.users.rep2.id, relation: 'holds', at: h.clock.now }], externalKey: 'msgid:unlink-1@kallio-rakennus.fi',
    }], h.clock.now);
    expect(sync[0]).toEqual({ id: iid, created: false });
    expect((await h.call('GET', `/api/interactions/${iid}`, { as: rep() })).status).toBe(404);
    const timeline = await h.call('GET', `/api/accounts/${accountId}/timeline`, { as: rep() });
    expect(timeline.body.items.some((i: { id: string }) => i.id === iid)).toBe(false);

    const again = await h.call('POST', '/api/interactions', { as: rep(), body: email(id) });
    expect(again.status).toBe(200);
    expect(again.body.interaction.id).toBe(iid);
    expect((await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(id)}`, { as: rep() })).status).toBe(200);
  });

  const meeting = (start: number, subject: string) => ({
    kind: 'meeting', source: 'addin', subject, occurredAt: start, durationMinutes: 45,
    participants: [
      { role: 'organizer', address: 'rep@seller-a.fi', displayName: 'Riikka Rep' },
      { role: 'attendee', address: 'pekka.kallio@kallio-rakennus.fi', displayName: 'Pekka Kallio' },
    ],
  });
  const syncedMeeting = (start: number, subject: string, iCalUId: string) => ({
    kind: 'meeting' as const, direction: null, occurredAt: start, subject, snippet: null, note: null, durationMinutes: 45,
    participants: [
      { role: 'organizer' as const, address: 'rep@seller-a.fi', displayName: 'Riikka Rep', userId: h.a.users.rep.id, contactId: null },
      { role: 'attendee' as const, address: 'pekka.kallio@kallio-rakennus.fi', displayName: 'Pekka Kallio', userId: null, contactId: null },
    ],
    accountIds: [accountId], opportunityId: null, source: 'sync' as const, visibility: 'shared' as const,
    holders: [{ userId: h.a.users.rep.id, relation: 'holds' as const, at: h.clock.now }], externalKey: `ical:${iCalUId}`,
  });

  it('joins a meeting the add-in logged first with the calendar sync’s copy', async () => {
    const start = Date.UTC(2026, 10, 3, 8, 0);
    const logged = await h.call('POST', '/api/interactions', { as: rep(), body: meeting(start, 'Työmaakatselmus') });
    expect(logged.status).toBe(201);
    expect(logged.body.interaction.externalKey).toMatch(/^mtgfp:[0-9a-f]{64}$/);
    const [synced] = await ingestBatch(h.a.scope, [syncedMeeting(start, 'Työmaakatselmus', '040000008200E00074C5B7101A82E008-A')], h.clock.now);
    expect(synced).toEqual({ id: logged.body.interaction.id, created: false });
    const now = await h.call('GET', `/api/interactions/${logged.body.interaction.id}`, { as: rep() });
    expect(now.body.externalKey).toBe('ical:040000008200E00074C5B7101A82E008-A');
  });

  it('finds and joins a synced meeting when the add-in logs it later, by organizer, start and subject', async () => {
    const start = Date.UTC(2026, 10, 4, 12, 30);
    const [synced] = await ingestBatch(h.a.scope, [syncedMeeting(start, 'Sopimuskatselmus', 'uid-later-1')], h.clock.now);
    const q = new URLSearchParams({ organizer: 'REP@seller-a.fi', start: String(start + 15_000), subject: 'VS: Sopimuskatselmus' });
    const found = await h.call('GET', `/api/interactions/lookup?${q}`, { as: rep() });
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(synced!.id);
    const logged = await h.call('POST', '/api/interactions', { as: rep2(), body: meeting(start, 'Sopimuskatselmus') });
    expect(logged.status).toBe(200);
    expect(logged.body.interaction.id).toBe(synced!.id);
    expect(logged.body.interaction.holders.map((x: { userId: string }) => x.userId)).toContain(h.a.users.rep2.id);
    // Another subject at the same minute is another meeting.
    const other = await h.call('POST', '/api/interactions', { as: rep(), body: meeting(start, 'Eri kokous') });
    expect(other.status).toBe(201);
  });

  it('refuses a lookup without a key, or with a bad organizer, as problem+json naming the field', async () => {
    const none = await h.call('GET', '/api/interactions/lookup', { as: rep() });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('internetMessageId');
    const bad = await h.call('GET', '/api/interactions/lookup?organizer=not-an-address&start=1', { as: rep() });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'organizer', message: 'must be an email address' }]);
    const badStart = await h.call('GET', '/api/interactions/lookup?organizer=a@b.fi&start=tomorrow', { as: rep() });
    expect(badStart.status).toBe(400);
    expect(badStart.body.errors[0].field).toBe('start');
  });
});
