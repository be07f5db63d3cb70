// The sync engine against the Graph emulator over real HTTP, on SQLite and PostgreSQL: first and incremental
// passes, removals, replays, throttling, 410 resync, concurrency, dedup across mailboxes, and what is skipped.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { createGraphClient, systemClock } from '../../backend/src/graph/index.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { runSyncPass } from '../../backend/src/sync/run-sync-pass.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const CUSTOMER = { address: 'kalle@asiakas.fi', name: 'Kalle Asiakas' };
const DAY = 86_400_000;

/** Live interactions of the tenant with their holders, for comparing whole histories. */
async function history(world: SyncWorld) {
  const db = world.tenant.scope.db;
  const rows = await db.selectFrom('interactions').select(['id', 'kind', 'external_key', 'subject', 'occurred_at', 'deleted_at'])
    .where('tenant_id', '=', world.tenant.tenantId).orderBy('external_key').execute();
  const holders = await db.selectFrom('interaction_holders').select(['interaction_id', 'user_id'])
    .where('tenant_id', '=', world.tenant.tenantId).execute();
  return rows.map((r) => ({
    ...r,
    holders: holders.filter((h) => h.interaction_id === r.id).map((h) => h.user_id).sort(),
  }));
}
const live = async (world: SyncWorld) => (await history(world)).filter((r) => r.deleted_at === null);

for (const database of testDatabases()) {
  describe(`sync engine on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle);
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });
    const rep = () => world.tenant.users.rep;
    const rep2 = () => world.tenant.users.rep2;

    it('stores customer mail on the first pass and new mail on the next, from Inbox and Sent Items', async () => {
      for (let i = 0; i < 7; i++) world.emulator.store.addMessage(rep().email, { subject: `Tarjous ${i}`, from: CUSTOMER, to: [rep().email], receivedAt: Date.now() - i * DAY });
      world.emulator.store.addMessage(rep().email, { folder: 'sentitems', subject: 'Vastaus', from: rep().email, to: [CUSTOMER], sentAt: Date.now() });
      const first = await world.syncMailbox(world.mailboxes.rep);
      expect(first.map((r) => r.stream)).toEqual(['mail:inbox', 'mail:sentitems', 'calendar']);
      expect(first[0]).toMatchObject({ status: 'done', fullRound: true, stored: 7, created: 7 });
      expect(first[0]!.pages).toBe(3); // 7 items at a page size of 3
      expect(first[1]).toMatchObject({ stored: 1 });
      const rows = await live(world);
      expect(rows).toHaveLength(8);
      const outbound = await handle.db.selectFrom('interactions').select('direction').where('subject', '=', 'Vastaus').executeTakeFirstOrThrow();
      expect(outbound.direction).toBe('outbound');

      world.emulator.store.addMessage(rep().email, { subject: 'Uusi tilaus', from: CUSTOMER, to: [rep().email] });
      world.emulator.clearLog();
      const second = await world.syncMailbox(world.mailboxes.rep);
      expect(second[0]).toMatchObject({ fullRound: false, seen: 1, stored: 1, created: 1 });
      expect(await live(world)).toHaveLength(9);
      // Every request asked for immutable ids, and the incremental pass made one request per stream.
      expect(world.emulator.requests.every((r) => r.immutableIds)).toBe(true);
      expect(world.emulator.requests.filter((r) => !r.inBatch)).toHaveLength(3);
    });

    it('links the account and the contact, and keeps the subject out of sight by the default visibility', async () => {
      world.emulator.store.addMessage(rep().email, { subject: 'Sopimus', from: CUSTOMER, to: [rep().email] });
      await world.syncMailbox(world.mailboxes.rep);
      const [row] = await live(world);
      const links = await handle.db.selectFrom('interaction_accounts').select('account_id').where('interaction_id', '=', row!.id).execute();
      expect(links.map((l) => l.account_id)).toEqual([world.accountId]);
      const participants = await handle.db.selectFrom('interaction_participants').selectAll().where('interaction_id', '=', row!.id).execute();
      expect(participants.find((p) => p.address === 'kalle@asiakas.fi')?.contact_id).toBe(world.contactId);
      const stored = await handle.db.selectFrom('interactions').select(['visibility', 'source', 'snippet']).where('id', '=', row!.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ visibility: 'metadata', source: 'sync', snippet: null });
    });

    it('releases a removed message: its only holder gone, the interaction is soft-removed; another holder keeps it', async () => {
      const shared = '<shared-1@asiakas.fi>';
      const m1 = world.emulator.store.addMessage(rep().email, { subject: 'Kaksi', internetMessageId: shared, from: CUSTOMER, to: [rep().email, rep2().email] });
      world.emulator.store.addMessage(rep2().email, { subject: 'Kaksi', internetMessageId: shared, from: CUSTOMER, to: [rep().email, rep2().email] });
      const solo = world.emulator.store.addMessage(rep().email, { subject: 'Yksi', from: CUSTOMER, to: [rep().email] });
      await world.syncAll();
      expect(await live(world)).toHaveLength(2);

      world.emulator.store.deleteMessage(rep().email, solo.id);
      world.emulator.store.deleteMessage(rep().email, m1.id);
      const after = await world.syncMailbox(world.mailboxes.rep);
      expect(after[0]!.released).toBe(2);
      const rows = await live(world);
      expect(rows.map((r) => r.subject)).toEqual(['Kaksi']);
      expect(rows[0]!.holders).toEqual([rep2().id]);
      // Soft: the removal is recorded, not a hole in the table.
      expect((await history(world)).find((r) => r.subject === 'Yksi')?.deleted_at).not.toBeNull();
    });

    it('makes one interaction of the same email in three mailboxes and of the same meeting in five calendars', async () => {
      const extra = ['manager', 'admin'] as const;
      const boxes = [world.mailboxes.rep, world.mailboxes.rep2];
      for (const key of extra) {
        const u = world.tenant.users[key];
        world.emulator.addMailbox(u.email, u.displayName);
        boxes.push(await insertMailbox(world.tenant.scope, { id: `mbx-${key}`, userId: u.id, address: u.email }, Date.now()));
      }
      const fifth = { email: 'sales@suhde.example', name: 'Myynti' };
      const users = [rep(), rep2(), world.tenant.users.manager];
      const email = { subject: 'Kolmelle', internetMessageId: '<three@asiakas.fi>', from: CUSTOMER, to: users.map((u) => u.email), receivedAt: Date.now() - DAY };
      for (const u of users) world.emulator.store.addMessage(u.email, email);
      const attendees = [...Object.values(world.tenant.users).map((u) => u.email), fifth.email, CUSTOMER.address];
      const meeting = { subject: 'Kvartaalikatsaus', iCalUId: '040000008200E00074C5B7101A82E008-5', start: Date.now() + DAY, end: Date.now() + DAY + 3_600_000, organizer: CUSTOMER, attendees };
      for (const u of Object.values(world.tenant.users)) world.emulator.store.addEvent(u.email, meeting);
      // A fifth calendar whose owner is not a Suhde user: its mailbox is not synced, so four holders from four calendars.
      world.emulator.addMailbox(fifth.email, fifth.name);
      world.emulator.store.addEvent(fifth.email, meeting);
      const salesUser = { ...world.tenant.users.admin, id: 'user-sales', email: fifth.email, entraObjectId: 'oid-sales', displayName: fifth.name };
      await handle.db.insertInto('users').values({
        tenant_id: world.tenant.tenantId, id: salesUser.id, entra_object_id: salesUser.entraObjectId, display_name: salesUser.displayName,
        email: salesUser.email, role: 'rep', team: 'Enterprise', created_at: Date.now(),
      }).execute();
      boxes.push(await insertMailbox(world.tenant.scope, { id: 'mbx-sales', userId: salesUser.id, address: fifth.email }, Date.now()));
      for (const box of boxes) await world.syncMailbox(box);

      const rows = await live(world);
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.kind === 'email')!.holders).toEqual(users.map((u) => u.id).sort());
      expect(rows.find((r) => r.kind === 'meeting')!.holders).toHaveLength(5);
    });

    it('never stores private, internal-only, personal, automated or draft mail, and counts why', async () => {
      const box = rep().email;
      world.emulator.store.addMessage(box, { subject: 'Yksityinen', from: CUSTOMER, to: [box], sensitivity: 'private' });
      world.emulator.store.addMessage(box, { subject: 'Sisäinen', from: rep2().email, to: [box] });
      world.emulator.store.addMessage(box, { subject: 'Uutiskirje', from: 'newsletter@asiakas.fi', to: [box] });
      world.emulator.store.addMessage(box, { subject: 'Äiti', from: 'aiti@gmail.com', to: [box] });
      world.emulator.store.addMessage(box, { folder: 'sentitems', subject: 'Luonnos', from: box, to: [CUSTOMER], isDraft: true });
      world.emulator.store.addEvent(box, { subject: 'Lääkäri', start: Date.now(), end: Date.now() + 1_800_000, organizer: box, attendees: [CUSTOMER.address], sensitivity: 'private' });
      world.emulator.store.addMessage(box, { subject: 'Oikea asiakas', from: CUSTOMER, to: [box] });
      const results = await world.syncMailbox(world.mailboxes.rep);
      const rows = await live(world);
      expect(rows.map((r) => r.subject)).toEqual(['Oikea asiakas']);
      const skipped: Record<string, number> = {};
      for (const r of results) for (const [k, n] of Object.entries(r.skipped)) skipped[k] = (skipped[k] ?? 0) + n;
      expect(skipped).toMatchObject({ private: 2, internal: 1, automated: 1, personal: 1, draft: 1 });
      const subjects = await handle.db.selectFrom('interactions').select('subject').execute();
      expect(subjects.map((s) => s.subject)).toEqual(['Oikea asiakas']);
    });

    it('starts over after 410 syncStateNotFound without making duplicates', async () => {
      for (let i = 0; i < 5; i++) world.emulator.store.addMessage(rep().email, { subject: `Viesti ${i}`, from: CUSTOMER, to: [rep().email] });
      await world.syncMailbox(world.mailboxes.rep);
      const before = await live(world);
      world.emulator.expireDeltaTokens(rep().email);
      world.emulator.store.addMessage(rep().email, { subject: 'Viesti 5', from: CUSTOMER, to: [rep().email] });
      const again = await world.syncMailbox(world.mailboxes.rep);
      expect(again[0]).toMatchObject({ resynced: true, fullRound: true, seen: 6, created: 1 });
      const after = await live(world);
      expect(after).toHaveLength(6);
      expect(after.filter((r) => before.some((b) => b.id === r.id))).toHaveLength(5);
    });

    it('takes a page delivered twice (a pass that died after its commit) as one', async () => {
      for (let i = 0; i < 4; i++) world.emulator.store.addMessage(rep().email, { subject: `Sivu ${i}`, from: CUSTOMER, to: [rep().email] });
      await world.syncMailbox(world.mailboxes.rep);
      // Forget the cursor: Graph delivers every page of the round again, and each merges by its key.
      await handle.db.updateTable('sync_cursors').set({ next_link: null, delta_link: null }).where('stream', '=', 'mail:inbox').execute();
      const full = await runSyncPass(world.deps, { tenantId: world.tenant.tenantId, mailboxId: 'mbx-rep', stream: 'mail:inbox' });
      expect(full).toMatchObject({ fullRound: true, seen: 4, created: 0 });
      const rows = await live(world);
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.holders.length === 1)).toBe(true);
    });

    it('waits out Retry-After on 429 (decimal seconds) and backs off on 503 without one', async () => {
      world.emulator.store.addMessage(rep().email, { subject: 'Hidas', from: CUSTOMER, to: [rep().email] });
      world.emulator.inject({ status: 429, retryAfter: '2.5', count: 1, mailboxId: rep().email });
      world.emulator.inject({ status: 503, retryAfter: null, count: 1, mailboxId: rep().email });
      await world.syncMailbox(world.mailboxes.rep);
      // Counted from when the 429 arrived: what is left of 2.5 s by the time the client sleeps.
      expect(world.clock.sleeps[0]).toBeGreaterThan(2400);
      expect(world.clock.sleeps[0]).toBeLessThanOrEqual(2500);
      expect(world.clock.sleeps[1]).toBeGreaterThan(0);
      expect(await live(world)).toHaveLength(1);
    });

    it('sends no request before Retry-After has passed (real clock)', async () => {
      const graph = createGraphClient({ baseUrl: world.emulator.url, authProvider: async () => 't', clock: systemClock });
      const deps = { ...world.deps, graphFor: () => graph };
      world.emulator.store.addMessage(rep().email, { subject: 'Odota', from: CUSTOMER, to: [rep().email] });
      world.emulator.inject({ status: 429, retryAfter: '0.4', count: 1, mailboxId: rep().email });
      world.emulator.clearLog();
      await runSyncPass(deps, { tenantId: world.tenant.tenantId, mailboxId: 'mbx-rep', stream: 'mail:inbox' });
      const [refused, next] = world.emulator.requests.filter((r) => !r.inBatch);
      expect(refused!.status).toBe(429);
      expect(next!.at - refused!.at).toBeGreaterThanOrEqual(400);
    });

    it('keeps at most 4 requests in flight per mailbox, as the emulator observes', async () => {
      world.emulator.setLatency(15);
      for (let i = 0; i < 12; i++) world.emulator.store.addMessage(rep().email, { subject: `Rinnakkain ${i}`, from: CUSTOMER, to: [rep().email] });
      for (let i = 0; i < 6; i++) world.emulator.store.addEvent(rep().email, { subject: `Tapaaminen ${i}`, start: Date.now() + i * DAY, end: Date.now() + i * DAY + 1_800_000, organizer: rep().email, attendees: [CUSTOMER.address] });
      const streams = ['mail:inbox', 'mail:sentitems', 'calendar', 'mail:inbox', 'calendar', 'mail:sentitems'];
      // Many passes of one mailbox at once: the leases let one pass per stream run; the client caps the rest.
      await Promise.all([
        ...streams.map((stream) => runSyncPass(world.deps, { tenantId: world.tenant.tenantId, mailboxId: 'mbx-rep', stream })),
        world.graph.batch(Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${rep().email}/mailFolders/inbox` }))),
      ]);
      expect(world.emulator.maxConcurrency(rep().email)).toBeLessThanOrEqual(4);
      expect(world.emulator.maxConcurrency(rep().email)).toBeGreaterThan(1);
      expect(world.emulator.concurrencyRefusals).toBe(0);
      expect(await live(world)).toHaveLength(18);
    });
  });
}
