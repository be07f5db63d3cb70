// Poison items, stream health and restarting a stream, against the Graph emulator on SQLite and PostgreSQL: an
// unreadable item is skipped and recorded while its page, removals and cursor go on; each stream keeps its own
// failures with Graph's status and code; a permanent error asks for an admin and backs off; a restart or a
// cursor from another Graph host starts a full round merged by key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { runSyncPass } from '../../backend/src/sync/run-sync-pass.ts';
import { getCursor, restartStream } from '../../backend/src/store/sync-cursors.ts';
import { getMailbox } from '../../backend/src/store/mailboxes.ts';
import { syncHealth } from '../../backend/src/store/sync-health.ts';
import { MAX_FIELD_CHARS } from '../../backend/src/graph/payload-readers.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const CUSTOMER = { address: 'kalle@asiakas.fi', name: 'Kalle Asiakas' };
const DAY = 86_400_000;

/** Each way Graph could send an item Suhde cannot read, as a rewrite of a good one. */
const POISON: [string, (json: Record<string, unknown>) => unknown, RegExp][] = [
  ['missing receivedDateTime', (m) => ({ ...m, receivedDateTime: undefined }), /receivedDateTime" is missing/],
  ['missing receivedDateTime and sentDateTime', (m) => ({ ...m, receivedDateTime: null, sentDateTime: null }), /receivedDateTime" is missing/],
  ['a bad date', (m) => ({ ...m, receivedDateTime: '31.12.2024 klo 9' }), /not a timestamp/],
  ['a malformed from', (m) => ({ ...m, from: 'kalle@asiakas.fi' }), /not a JSON object/],
  ['malformed recipients', (m) => ({ ...m, toRecipients: { emailAddress: { address: 'x@y.fi' } } }), /not an array/],
  ['an oversized subject', (m) => ({ ...m, subject: 'x'.repeat(MAX_FIELD_CHARS + 1) }), /oversized/],
  ['no id', (m) => ({ ...m, id: undefined }), /"id" is missing/],
  ['not an object', () => 'message', /not a JSON object/],
];

for (const database of testDatabases()) {
  describe(`stream health on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle, { pageSize: 10, maxRetries: 0 });
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });
    const rep = () => world.tenant.users.rep;
    const pass = (stream: string, extra: { honourBackoff?: boolean } = {}) =>
      runSyncPass(world.deps, { tenantId: world.tenant.tenantId, mailboxId: 'mbx-rep', stream, ...extra });
    const health = async () => (await syncHealth(world.tenant.scope, Date.now())).find((h) => h.mailbox.id === 'mbx-rep')!;
    const stream = async (name: string) => (await health()).streams.find((s) => s.stream === name)!;
    const subjects = async () =>
      (await handle.db.selectFrom('interactions').select('subject').where('tenant_id', '=', world.tenant.tenantId).where('deleted_at', 'is', null).orderBy('subject').execute()).map((r) => r.subject);

    for (const [name, rewrite, reason] of POISON) {
      it(`skips a message with ${name}, records it, and the page, its removals and the cursor go on`, async () => {
        const gone = world.emulator.store.addMessage(rep().email, { subject: 'Vanha', from: CUSTOMER, to: [rep().email], receivedAt: Date.now() - 3 * DAY });
        await pass('mail:inbox');
        expect(await subjects()).toEqual(['Vanha']);
        world.emulator.store.deleteMessage(rep().email, gone.id);
        const bad = world.emulator.store.addMessage(rep().email, { subject: 'Myrkky', from: CUSTOMER, to: [rep().email], receivedAt: Date.now() - DAY });
        world.emulator.store.addMessage(rep().email, { subject: 'Hyvä', from: CUSTOMER, to: [rep().email], receivedAt: Date.now() });
        world.emulator.faults.corruptItem(bad.id, rewrite);

        const result = await pass('mail:inbox');
        expect(result).toMatchObject({ status: 'done', unreadable: 1 });
        // The good item is stored, the removal on the same page applied, and the stream is healthy.
        expect(await subjects()).toEqual(['Hyvä']);
        const h = await health();
        expect(h.skipped.unreadable).toBe(1);
        expect(h.unreadable).toHaveLength(1);
        expect(h.unreadable[0]!.reason).toMatch(reason);
        expect(h.unreadable[0]!.graphId).toBe(name === 'no id' || name === 'not an object' ? null : bad.id);
        expect(h.state).not.toMatch(/failing|needs-admin/);
        expect((await getCursor(world.tenant.scope, 'mbx-rep', 'mail:inbox'))!.deltaLink).not.toBeNull();
        // The next pass is incremental: the poison item is not met again, and nothing fails.
        expect(await pass('mail:inbox')).toMatchObject({ status: 'done', seen: 0, unreadable: 0 });
      });
    }

    it('reads an event in a Windows time zone and skips one in a zone it does not know', async () => {
      const start = Date.parse('2026-12-01T07:00:00Z');
      const known = world.emulator.store.addEvent(rep().email, { subject: 'Palaveri FLE', start, end: start + 3_600_000, organizer: rep().email, attendees: [CUSTOMER.address] });
      const unknown = world.emulator.store.addEvent(rep().email, { subject: 'Palaveri Mars', start, end: start + 3_600_000, organizer: rep().email, attendees: [CUSTOMER.address] });
      world.emulator.faults.corruptItem(known.id, (e) => ({ ...e, start: { dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'FLE Standard Time' }, end: { dateTime: '2026-12-01T10:00:00.0000000', timeZone: 'FLE Standard Time' } }));
      world.emulator.faults.corruptItem(unknown.id, (e) => ({ ...e, start: { dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'Mars Standard Time' } }));
      const result = await pass('calendar');
      expect(result).toMatchObject({ status: 'done', unreadable: 1 });
      const rows = await handle.db.selectFrom('interactions').select(['subject', 'occurred_at']).where('tenant_id', '=', world.tenant.tenantId).execute();
      expect(rows.map((r) => [r.subject, Number(r.occurred_at)])).toEqual([['Palaveri FLE', start]]);
      expect((await health()).unreadable[0]).toMatchObject({ stream: 'calendar', graphId: unknown.id, reason: expect.stringMatching(/unknown time zone "Mars Standard Time"/) });
    });

    it('keeps failures per stream: a failing Inbox is not hidden by a calendar that succeeds', async () => {
      world.emulator.inject({ status: 500, code: 'generalException', message: 'Something went wrong.', mailboxId: rep().email, path: /mailFolders\/inbox/, count: 2 });
      for (let i = 0; i < 2; i++) {
        await expect(pass('mail:inbox')).rejects.toThrow(/Something went wrong/);
        await pass('calendar');
      }
      const h = await health();
      expect(h.state).toBe('failing');
      expect(h.consecutiveFailures).toBe(2);
      expect(h.lastError).toBe('500 generalException: Something went wrong.');
      expect(await stream('mail:inbox')).toMatchObject({ state: 'failing', consecutiveFailures: 2, lastErrorStatus: 500, lastErrorCode: 'generalException', adminAction: null });
      expect(await stream('calendar')).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
      // A scheduled pass waits out the back-off; a direct one runs and clears the failure.
      expect(await pass('mail:inbox', { honourBackoff: true })).toMatchObject({ status: 'backoff' });
      await pass('mail:inbox');
      expect(await stream('mail:inbox')).toMatchObject({ state: 'ok', consecutiveFailures: 0, nextAttemptAt: null });
      expect((await health()).state).toBe('ok');
    });

    it('asks for an admin on a permanent error, backs off for an hour, and a restart clears it', async () => {
      world.emulator.inject({ status: 403, code: 'ErrorAccessDenied', message: 'Access to OData is disabled.', mailboxId: rep().email, path: /mailFolders\/inbox/ });
      const before = Date.now();
      await expect(pass('mail:inbox')).rejects.toThrow(/OData/);
      const s = await stream('mail:inbox');
      expect(s).toMatchObject({ state: 'needs-admin', lastError: '403 ErrorAccessDenied: Access to OData is disabled.', lastErrorStatus: 403, lastErrorCode: 'ErrorAccessDenied' });
      expect(s.adminAction).toMatch(/Mail.Read/);
      expect(s.nextAttemptAt! - before).toBeGreaterThanOrEqual(3_600_000);
      expect((await health()).state).toBe('needs-admin');
      expect(await restartStream(world.tenant.scope, 'mbx-rep', 'mail:inbox', Date.now())).toBe(true);
      expect(await pass('mail:inbox', { honourBackoff: true })).toMatchObject({ status: 'done', fullRound: true });
      expect(await stream('mail:inbox')).toMatchObject({ state: 'ok', adminAction: null });
    });

    it('names an application access policy and a mailbox without Exchange Online', async () => {
      world.emulator.inject({ status: 403, code: 'ErrorAccessDenied', message: 'Access to OData is disabled: blocked by tenant configured AppOnly AccessPolicy settings (application access policy).', path: /mailFolders\/inbox/ });
      world.emulator.inject({ status: 404, code: 'MailboxNotEnabledForRESTAPI', message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.', path: /calendarView/ });
      await expect(pass('mail:inbox')).rejects.toThrow();
      await expect(pass('calendar')).rejects.toThrow();
      expect((await stream('mail:inbox')).adminAction).toMatch(/application access policy/);
      expect((await stream('calendar')).adminAction).toMatch(/Exchange Online licence/);
    });

    it('shows a 410 resync, and counts each interaction stored once however often it is re-saved', async () => {
      for (let i = 0; i < 5; i++) world.emulator.store.addMessage(rep().email, { subject: `Viesti ${i}`, from: CUSTOMER, to: [rep().email], receivedAt: Date.now() - i * DAY });
      await pass('mail:inbox');
      world.emulator.expireDeltaTokens(rep().email);
      expect(await pass('mail:inbox')).toMatchObject({ resynced: true });
      expect((await stream('mail:inbox')).lastResyncAt).not.toBeNull();
      await restartStream(world.tenant.scope, 'mbx-rep', 'mail:inbox', Date.now());
      await pass('mail:inbox');
      expect(await subjects()).toHaveLength(5);
      expect((await getMailbox(world.tenant.scope, 'mbx-rep'))!.itemsStored).toBe(5);
    });

    it('starts a full round on its own when the stored cursor points to another Graph host', async () => {
      world.emulator.store.addMessage(rep().email, { subject: 'Ennen', from: CUSTOMER, to: [rep().email], receivedAt: Date.now() - DAY });
      await pass('mail:inbox');
      await handle.db.updateTable('sync_cursors').set({ delta_link: 'https://graph.old-host.example/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=abc' })
        .where('tenant_id', '=', world.tenant.tenantId).where('mailbox_id', '=', 'mbx-rep').where('stream', '=', 'mail:inbox').execute();
      world.emulator.store.addMessage(rep().email, { subject: 'Jälkeen', from: CUSTOMER, to: [rep().email], receivedAt: Date.now() });
      expect(await pass('mail:inbox')).toMatchObject({ status: 'done', fullRound: true });
      expect(await subjects()).toEqual(['Ennen', 'Jälkeen']);
      expect((await stream('mail:inbox')).state).toBe('ok');
      expect((await getCursor(world.tenant.scope, 'mbx-rep', 'mail:inbox'))!.deltaLink).toContain(world.emulator.url);
    });
  });
}
