// The sync's API through app.request() with real signed tokens: health and mailbox administration (admin only),
// and the owner's per-thread visibility, on mail synced from the Graph emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { createGraphClient } from '../../backend/src/graph/index.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { runSyncPass } from '../../backend/src/sync/run-sync-pass.ts';
import type { Db } from '../../backend/src/store/connect.ts';

for (const database of testDatabases()) {
  describe(`sync routes on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let h: Harness;
    let emulator: GraphEmulator;
    let sync: () => Promise<unknown>;
    beforeAll(async () => {
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle);
      emulator = await startGraphEmulator();
      const rep = h.a.users.rep;
      emulator.addMailbox(rep.email, rep.displayName);
      await createAccount(h.a.scope, { name: 'Asiakas Oy', domains: ['asiakas.fi'], tier: 'A', lifecycle: 'customer', ownerId: rep.id, industry: null, size: null, region: null }, null, h.clock.now);
      await insertMailbox(h.a.scope, { id: 'mbx-a-rep', userId: rep.id, address: rep.email }, h.clock.now);
      const graph = createGraphClient({ baseUrl: emulator.url, authProvider: async () => 't' });
      sync = () => runSyncPass({ handle, graphFor: () => graph }, { tenantId: h.a.tenantId, mailboxId: 'mbx-a-rep', stream: 'mail:inbox' });
    });
    afterAll(async () => {
      await emulator.stop();
      await dispose();
    });
    const subjectsAndVisibility = async () =>
      (await handle.db.selectFrom('interactions').select(['subject', 'visibility']).where('tenant_id', '=', h.a.tenantId).orderBy('subject').execute());

    it('lets the mailbox owner make a whole thread private, now and for mail to come', async () => {
      const rep = h.a.users.rep;
      const thread = { conversationId: 'AAQkAGI2-thread-1', from: 'liisa@asiakas.fi', to: [rep.email] };
      emulator.store.addMessage(rep.email, { ...thread, subject: 'Palkkaneuvottelu' });
      emulator.store.addMessage(rep.email, { ...thread, subject: 'RE: Palkkaneuvottelu' });
      emulator.store.addMessage(rep.email, { conversationId: 'other', from: 'liisa@asiakas.fi', to: [rep.email], subject: 'Tilaus' });
      await sync();
      const one = await handle.db.selectFrom('interactions').select('id').where('subject', '=', 'Palkkaneuvottelu').executeTakeFirstOrThrow();
      const r = await h.call('PUT', `/api/interactions/${one.id}/thread-visibility`, { as: [h.a, rep], body: { visibility: 'private' } });
      expect(r.status).toBe(200);
      expect(r.body.interactionIds).toHaveLength(2);
      emulator.store.addMessage(rep.email, { ...thread, subject: 'RE: RE: Palkkaneuvottelu' });
      await sync();
      expect(await subjectsAndVisibility()).toEqual([
        { subject: 'Palkkaneuvottelu', visibility: 'private' },
        { subject: 'RE: Palkkaneuvottelu', visibility: 'private' },
        { subject: 'RE: RE: Palkkaneuvottelu', visibility: 'private' },
        { subject: 'Tilaus', visibility: 'metadata' },
      ]);
    });

    it('refuses the thread change to someone whose mailbox it is not from, to another tenant, and with a bad value', async () => {
      const one = await handle.db.selectFrom('interactions').select('id').where('subject', '=', 'Tilaus').executeTakeFirstOrThrow();
      const other = await h.call('PUT', `/api/interactions/${one.id}/thread-visibility`, { as: [h.a, h.a.users.rep2], body: { visibility: 'shared' } });
      expect(other.status).toBe(409);
      expect(other.body.detail).toMatch(/not synced from an email thread in your mailbox/);
      const foreign = await h.call('PUT', `/api/interactions/${one.id}/thread-visibility`, { as: [h.b, h.b.users.rep], body: { visibility: 'shared' } });
      expect(foreign.status).toBe(404);
      const bad = await h.call('PUT', `/api/interactions/${one.id}/thread-visibility`, { as: [h.a, h.a.users.rep], body: { visibility: 'everyone' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('visibility');
    });

    it('lets a rep block addresses in their own mailbox, releasing what was already captured with them', async () => {
      const rep = h.a.users.rep;
      emulator.store.addMessage(rep.email, { subject: 'Lääkäriaika', from: 'vastaanotto@terveys-asiakas.fi', to: [rep.email] });
      await handle.db.insertInto('account_domains').values({ tenant_id: h.a.tenantId, domain: 'terveys-asiakas.fi', account_id: (await handle.db.selectFrom('accounts').select('id').where('tenant_id', '=', h.a.tenantId).executeTakeFirstOrThrow()).id }).execute();
      await sync();
      const live = async () => (await handle.db.selectFrom('interactions').select('subject').where('tenant_id', '=', h.a.tenantId).where('deleted_at', 'is', null).execute()).map((r) => r.subject);
      expect(await live()).toContain('Lääkäriaika');
      const r = await h.call('PUT', '/api/sync/my-blocklist', { as: [h.a, rep], body: { blockedAddresses: [], blockedDomains: ['terveys-asiakas.fi'] } });
      expect(r.status).toBe(200);
      expect(r.body.blockedDomains).toEqual(['terveys-asiakas.fi']);
      expect(await live()).not.toContain('Lääkäriaika');
      // And the next pass does not bring it back, nor new mail from there.
      emulator.store.addMessage(rep.email, { subject: 'Muistutus', from: 'vastaanotto@terveys-asiakas.fi', to: [rep.email] });
      await sync();
      expect(await live()).not.toContain('Muistutus');
      const bad = await h.call('PUT', '/api/sync/my-blocklist', { as: [h.a, rep], body: { blockedAddresses: ['not an address'], blockedDomains: [] } });
      expect(bad.status).toBe(400);
      const nobody = await h.call('PUT', '/api/sync/my-blocklist', { as: [h.a, h.a.users.manager], body: { blockedAddresses: [], blockedDomains: [] } });
      expect(nobody.status).toBe(409);
    });

    it('shows admins the health of each mailbox, and nobody else', async () => {
      const r = await h.call('GET', '/api/sync/health', { as: [h.a, h.a.users.admin] });
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(1);
      expect(r.body.items[0]).toMatchObject({ state: 'ok', itemsSeen: 6, itemsStored: 5, skipped: { blocked: 1 }, mailbox: { address: h.a.users.rep.email }, consecutiveFailures: 0 });
      expect((await h.call('GET', '/api/sync/health', { as: [h.a, h.a.users.rep] })).status).toBe(403);
      expect((await h.call('GET', '/api/sync/health', { as: [h.b, h.b.users.admin] })).body.items).toEqual([]);
    });

    it('enables a colleague’s mailbox once, and answers clearly for unknown users, other tenants and a server without Graph', async () => {
      const admin: [typeof h.a, typeof h.a.users.admin] = [h.a, h.a.users.admin];
      const created = await h.call('POST', '/api/sync/mailboxes', { as: admin, body: { userId: h.a.users.rep2.id, folders: ['inbox', 'sentitems', 'archive'] } });
      expect(created.status).toBe(201);
      expect(created.body.address).toBe(h.a.users.rep2.email);
      expect((await h.call('POST', '/api/sync/mailboxes', { as: admin, body: { userId: h.a.users.rep2.id } })).status).toBe(409);
      const unknown = await h.call('POST', '/api/sync/mailboxes', { as: admin, body: { userId: h.b.users.rep.id } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].field).toBe('userId');
      expect((await h.call('PATCH', `/api/sync/mailboxes/${created.body.id}`, { as: [h.b, h.b.users.admin], body: { enabled: false } })).status).toBe(404);
      const off = await h.call('PATCH', `/api/sync/mailboxes/${created.body.id}`, { as: admin, body: { enabled: false, windowBackDays: 365 } });
      expect(off.body).toMatchObject({ enabled: false, folders: ['inbox', 'sentitems', 'archive'], windowBackDays: 365, windowAheadDays: 90 });
      const tooFar = await h.call('PATCH', `/api/sync/mailboxes/${created.body.id}`, { as: admin, body: { windowBackDays: 99999 } });
      expect(tooFar.status).toBe(400);
      expect(tooFar.body.errors[0]).toEqual({ field: 'windowBackDays', message: 'must be at most 3650 days' });
      expect((await h.call('POST', `/api/sync/mailboxes/${created.body.id}/run`, { as: admin })).status).toBe(409);
      const run = await h.call('POST', '/api/sync/mailboxes/mbx-a-rep/run', { as: admin });
      expect(run.status).toBe(409);
      expect(run.body.title).toBe('Sync not configured');
      const folder = await h.call('PATCH', '/api/sync/mailboxes/mbx-a-rep', { as: admin, body: { folders: ['../inbox'] } });
      expect(folder.status).toBe(400);
    });
  });
}
