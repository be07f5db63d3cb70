// Teams meeting chats to meetings, end to end through the sync and the API (app.request() with real signed
// tokens), on SQLite and PostgreSQL: the calendar sync reads onlineMeeting.joinUrl from the Graph emulator and
// records the chat thread; GET /api/meetings/by-chat/{chatId} answers the meeting and its accounts, one
// interaction for the same meeting in two calendars, the current occurrence of a recurring meeting, visibility
// and tenants respected, and 404 once the meeting is removed from every calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { teamsThreadIdFor } from '../../backend/src/graph/emulator/teams-meeting.ts';
import { createGraphClient } from '../../backend/src/graph/index.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { runSyncPass } from '../../backend/src/sync/run-sync-pass.ts';
import { restartCalendarRounds } from '../../backend/src/store/migrations/2026-12-01-006-meeting-threads.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const H = 3_600_000;
const byChat = (chatId: string) => `/api/meetings/by-chat/${encodeURIComponent(chatId)}`;

for (const database of testDatabases()) {
  describe(`meeting chats on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let h: Harness;
    let emulator: GraphEmulator;
    let accounts: { asiakas: string; kumppani: string };
    let syncCalendars: () => Promise<void>;
    const start = Math.floor(Date.now() / H) * H + 24 * H; // tomorrow, inside the sync's calendar window
    const ical = '040000008200E00074C5B7101A82E00800000000TEAMS1';
    const meeting = (over: Record<string, unknown> = {}) => ({
      subject: 'Huoltosopimus', start, end: start + H, isOnlineMeeting: true, iCalUId: ical,
      organizer: { address: 'rep@seller-a.fi', name: 'Riikka Rep' },
      attendees: [{ address: 'rep2@seller-a.fi' }, { address: 'liisa@asiakas.fi' }, { address: 'pekka@kumppani.fi' }],
      ...over,
    });

    beforeAll(async () => {
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle);
      emulator = await startGraphEmulator();
      const { rep, rep2 } = h.a.users;
      emulator.addMailbox(rep.email, rep.displayName);
      emulator.addMailbox(rep2.email, rep2.displayName);
      const account = (name: string, domain: string) =>
        createAccount(h.a.scope, { name, domains: [domain], tier: 'A', lifecycle: 'customer', ownerId: rep.id, industry: null, size: null, region: null }, null, h.clock.now);
      accounts = { asiakas: (await account('Asiakas Oy', 'asiakas.fi')).id, kumppani: (await account('Kumppani Oy', 'kumppani.fi')).id };
      await insertMailbox(h.a.scope, { id: 'mbx-rep', userId: rep.id, address: rep.email }, h.clock.now);
      await insertMailbox(h.a.scope, { id: 'mbx-rep2', userId: rep2.id, address: rep2.email }, h.clock.now);
      const graph = createGraphClient({ baseUrl: emulator.url, authProvider: async () => 't' });
      syncCalendars = async () => {
        for (const mailboxId of ['mbx-rep', 'mbx-rep2']) await runSyncPass({ handle, graphFor: () => graph }, { tenantId: h.a.tenantId, mailboxId, stream: 'calendar' });
      };
      h.clock.now = start + 10 * 60_000; // ten minutes into the meeting
    });
    afterAll(async () => {
      await emulator.stop();
      await dispose();
    });

    it('finds a meeting synced from two calendars by its chat: one interaction, its accounts, redacted for a non-holder', async () => {
      const { rep, rep2, manager } = h.a.users;
      const mine = emulator.store.addEvent(rep.email, meeting());
      emulator.store.addEvent(rep2.email, meeting());
      emulator.store.addEvent(rep.email, meeting({ subject: 'Paikan päällä', iCalUId: `${ical}-onsite`, isOnlineMeeting: false }));
      await syncCalendars();
      const thread = teamsThreadIdFor(ical);
      expect(mine.teamsThreadId).toBe(thread);
      const rows = await handle.db.selectFrom('meeting_threads').selectAll().where('tenant_id', '=', h.a.tenantId).execute();
      expect(rows.map((r) => r.thread_id)).toEqual([thread]);

      const r = await h.call('GET', byChat(thread), { as: [h.a, rep] });
      expect(r.status).toBe(200);
      expect(r.body.meeting).toMatchObject({ id: rows[0]!.interaction_id, kind: 'meeting', subject: 'Huoltosopimus', occurredAt: start, durationMinutes: 60, redacted: false });
      expect(r.body.meeting.holders.map((x: { userId: string }) => x.userId).sort()).toEqual([rep.id, rep2.id].sort());
      expect(r.body.accounts.map((a: { id: string; name: string }) => a.name)).toEqual(['Asiakas Oy', 'Kumppani Oy']);
      expect(r.body.accounts[0]).toMatchObject({ id: accounts.asiakas, owner: { id: rep.id, displayName: rep.displayName }, care: { overdue: false } });
      expect(r.body.occurrences).toBe(1);
      expect(r.body.meeting).not.toHaveProperty('tenantId');

      // A manager holds nothing: synced items are metadata-only by default, so the subject is withheld.
      const m = await h.call('GET', byChat(thread), { as: [h.a, manager] });
      expect(m.status).toBe(200);
      expect(m.body.meeting).toMatchObject({ subject: null, note: null, redacted: true });

      // Notes go onto that interaction through the existing PATCH.
      const p = await h.call('PATCH', `/api/interactions/${r.body.meeting.id}`, { as: [h.a, rep2], body: { note: 'Sovittiin katselmointi' } });
      expect(p.status).toBe(200);
      expect((await h.call('GET', byChat(thread), { as: [h.a, rep] })).body.meeting.note).toBe('Sovittiin katselmointi');
    });

    it('answers the occurrence of a recurring meeting under way, all sharing one chat', async () => {
      const { rep } = h.a.users;
      const series = '19:meeting_c2VyaWVzLXRocmVhZA@thread.v2';
      for (const w of [-1, 0, 1]) {
        emulator.store.addEvent(rep.email, meeting({ subject: `Viikkopalaveri ${w}`, iCalUId: `${ical}-w${w}`, teamsThreadId: series, type: 'occurrence', start: start + w * 168 * H, end: start + w * 168 * H + H }));
      }
      await syncCalendars();
      const r = await h.call('GET', byChat(series), { as: [h.a, rep] });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ occurrences: 3, meeting: { subject: 'Viikkopalaveri 0', occurredAt: start } });
      h.clock.now = start + 160 * H; // the day before next week's
      expect((await h.call('GET', byChat(series), { as: [h.a, rep] })).body.meeting.subject).toBe('Viikkopalaveri 1');
      h.clock.now = start + 10 * 60_000;
    });

    it('is a clear 404 problem for an unknown chat and another tenant, and 400 for what is not a chat id', async () => {
      const thread = teamsThreadIdFor(ical);
      const unknown = await h.call('GET', byChat('19:meeting_bm90LXN5bmNlZA@thread.v2'), { as: [h.a, h.a.users.rep] });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(unknown.body).toMatchObject({ status: 404, title: 'Meeting not known' });
      expect(unknown.body.detail).toContain('not have synced yet');
      const other = await h.call('GET', byChat(thread), { as: [h.b, h.b.users.rep] });
      expect(other.status).toBe(404);
      expect(other.body.detail).toBe(unknown.body.detail);
      const bad = await h.call('GET', byChat('not a chat'), { as: [h.a, h.a.users.rep] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('chatId');
      // A control character is refused before the store: PostgreSQL would fail on a NUL in a text parameter.
      for (const odd of ['19:meeting_a\u0000b@thread.v2', '19:meeting_a\u0001b@thread.v2', '19:meeting_\u00e4@thread.v2']) {
        const r = await h.call('GET', byChat(odd), { as: [h.a, h.a.users.rep] });
        expect(r.status).toBe(400);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        expect(r.body.errors[0].field).toBe('chatId');
      }
      expect((await h.call('GET', byChat(thread))).status).toBe(401);
    });

    it('hides a private meeting from those who do not hold it', async () => {
      const { rep, rep2, manager } = h.a.users;
      const thread = teamsThreadIdFor(ical);
      const r = await h.call('GET', byChat(thread), { as: [h.a, rep] });
      const id = r.body.meeting.id as string;
      expect((await h.call('PATCH', `/api/interactions/${id}`, { as: [h.a, rep], body: { visibility: 'private' } })).status).toBe(200);
      expect((await h.call('GET', byChat(thread), { as: [h.a, manager] })).status).toBe(404);
      expect((await h.call('GET', byChat(thread), { as: [h.a, rep2] })).status).toBe(200);
      expect((await h.call('PATCH', `/api/interactions/${id}`, { as: [h.a, rep], body: { visibility: 'metadata' } })).status).toBe(200);
    });

    it('stops answering once the meeting is removed from every calendar, and answers again when it comes back', async () => {
      const { rep, rep2 } = h.a.users;
      const thread = teamsThreadIdFor(ical);
      const events = (mailbox: string) => emulator.store.mailbox(mailbox).events;
      const find = (mailbox: string) => [...events(mailbox).values()].find((e) => e.iCalUId === ical && !e.deleted)!;
      emulator.store.deleteEvent(rep.email, find(rep.email).id);
      await syncCalendars();
      // rep2 still has it in their calendar: still the meeting of that chat.
      expect((await h.call('GET', byChat(thread), { as: [h.a, rep2] })).status).toBe(200);
      emulator.store.deleteEvent(rep2.email, find(rep2.email).id);
      await syncCalendars();
      const gone = await h.call('GET', byChat(thread), { as: [h.a, rep] });
      expect(gone.status).toBe(404);
      expect(gone.body.title).toBe('Meeting not known');
      emulator.store.addEvent(rep.email, meeting());
      await syncCalendars();
      const back = await h.call('GET', byChat(thread), { as: [h.a, rep] });
      expect(back.status).toBe(200);
      expect(back.body.meeting.note).toBe('Sovittiin katselmointi');
    });

    it('finds a meeting synced before migration 006 once its calendar has run the full round the migration asks for', async () => {
      const { rep } = h.a.users;
      const early = '19:meeting_ZWFybGllci1zeW5jZWQ@thread.v2';
      emulator.store.addEvent(rep.email, meeting({ subject: 'Ennen päivitystä', iCalUId: `${ical}-early`, teamsThreadId: early, start: start + 2 * H, end: start + 3 * H }));
      await syncCalendars();
      expect((await h.call('GET', byChat(early), { as: [h.a, rep] })).status).toBe(200);
      // As it was before 006: the meeting stored, its chat not recorded, the calendar's delta token kept.
      await handle.db.deleteFrom('meeting_threads').where('tenant_id', '=', h.a.tenantId).where('thread_id', '=', early).execute();
      await syncCalendars();
      expect((await h.call('GET', byChat(early), { as: [h.a, rep] })).status).toBe(404); // an incremental round does not see it again
      await restartCalendarRounds(handle.db);
      const cursors = await handle.db.selectFrom('sync_cursors').select(['stream', 'delta_link']).where('tenant_id', '=', h.a.tenantId).execute();
      expect(cursors.filter((c) => c.stream === 'calendar').map((c) => c.delta_link)).toEqual([null, null]);
      await syncCalendars();
      const r = await h.call('GET', byChat(early), { as: [h.a, rep] });
      expect(r.status).toBe(200);
      expect(r.body.meeting.subject).toBe('Ennen päivitystä');
    });

    it('is in the OpenAPI description', async () => {
      const doc = await h.call('GET', '/api/openapi.json');
      const op = doc.body.paths['/meetings/by-chat/{chatId}'].get;
      expect(op.parameters[0]).toMatchObject({ name: 'chatId', in: 'path', required: true });
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
      expect(doc.body.components.schemas.MeetingByChat.required).toEqual(['meeting', 'accounts', 'occurrences']);
    });
  });
}
