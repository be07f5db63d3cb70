// Internal is known, not configured (issue 13), through the sync against the Graph emulator on both databases:
// the directory's verified domains and every user's aliases make mail internal with no admin list at all; IDN
// addresses match their account in either form.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { getTenant, updateTenantSettings } from '../../backend/src/store/tenants.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { refreshDirectory } from '../../backend/src/use-cases/directory/refresh-directory.ts';
import { checkDirectoryHealth } from '../../backend/src/use-cases/directory/check-directory-health.ts';
import { getDirectoryState } from '../../backend/src/store/directory.ts';

for (const database of testDatabases()) {
  describe(`directory and sync on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle);
      // No admin list: what is internal comes from the directory alone.
      const tenant = await getTenant(world.tenant.scope);
      await updateTenantSettings(world.tenant.scope, { ...tenant.settings, internalDomains: [] }, world.tenant.users.admin.id, Date.now());
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });
    const rep = () => world.tenant.users.rep;
    const storedSubjects = async () =>
      (await handle.db.selectFrom('interactions').select('subject').where('tenant_id', '=', world.tenant.tenantId).where('deleted_at', 'is', null).orderBy('subject').execute()).map((r) => r.subject);

    it("mail between a user's two addresses and with a colleague who is not a Suhde user is internal once the directory is read", async () => {
      // The tenant: rep has a second address at the initial domain; Pekka has a mailbox but no Suhde account.
      world.emulator.store.addAlias(rep().email, 'rep@suhde.onmicrosoft.com');
      world.emulator.addMailbox('pekka@suhde.example', 'Pekka Kollega');
      world.emulator.store.addMessage(rep().email, { subject: 'Ennen: Pekka', from: { address: 'pekka@suhde.example', name: 'Pekka Kollega' }, to: [rep().email] });
      // Before the directory is known, Pekka's mail is captured as if he were a customer (the wrong rule).
      await world.syncMailbox(world.mailboxes.rep);
      expect(await storedSubjects()).toEqual(['Ennen: Pekka']);

      const snapshot = await refreshDirectory(world.tenant.scope, world.graph, Date.now());
      expect(snapshot.domains.map((d) => d.domain).sort()).toEqual(['suhde.example', 'suhde.onmicrosoft.com']);
      expect(snapshot.addresses.map((a) => a.address)).toEqual(expect.arrayContaining(['rep@suhde.onmicrosoft.com', 'pekka@suhde.example', 'rep@suhde.example']));

      // The admin sees the earlier capture as suspicious.
      const health = await checkDirectoryHealth(world.tenant.scope, (await getTenant(world.tenant.scope)).settings);
      expect(health.refreshedAt).not.toBeNull();
      expect(health.suspicious).toEqual([expect.objectContaining({ domain: 'suhde.example', internalOnly: 1, reasons: ['internal-only'] })]);

      world.emulator.store.addMessage(rep().email, { subject: 'Itselle', from: { address: 'rep@suhde.onmicrosoft.com', name: 'Riikka' }, to: [rep().email] });
      world.emulator.store.addMessage(rep().email, { folder: 'sentitems', subject: 'Pekalle', from: rep().email, to: [{ address: 'pekka@suhde.example', name: 'Pekka' }] });
      world.emulator.store.addMessage(rep().email, { subject: 'Asiakkaalta', from: { address: 'kalle@asiakas.fi', name: 'Kalle' }, to: ['rep@suhde.onmicrosoft.com'] });
      const results = await world.syncMailbox(world.mailboxes.rep);
      expect(results.reduce((n, r) => n + (r.skipped.internal ?? 0), 0)).toBe(2);
      expect(await storedSubjects()).toEqual(['Asiakkaalta', 'Ennen: Pekka']);
      // The customer's mail to the alias knows the alias is the rep's.
      const to = await handle.db.selectFrom('interaction_participants as p').innerJoin('interactions as i', (j) => j.onRef('i.id', '=', 'p.interaction_id').onRef('i.tenant_id', '=', 'p.tenant_id'))
        .select(['p.address', 'p.user_id']).where('i.subject', '=', 'Asiakkaalta').where('p.role', '=', 'to').executeTakeFirstOrThrow();
      expect(to).toEqual({ address: 'rep@suhde.onmicrosoft.com', user_id: rep().id });
    });

    it("the mailbox owner's own address is internal even before the directory is read", async () => {
      world.emulator.store.addMessage(rep().email, { folder: 'sentitems', subject: 'Muistiinpano', from: rep().email, to: [rep().email] });
      const results = await world.syncMailbox(world.mailboxes.rep);
      expect(results[1]).toMatchObject({ stored: 0, skipped: { internal: 1 } });
      expect((await getDirectoryState(world.tenant.scope)).refreshedAt).toBeNull();
    });

    it('a message from an IDN address matches its account whichever form each side used', async () => {
      const now = Date.now();
      const jarvi = await createAccount(world.tenant.scope, { name: 'Järvi Oy', domains: ['järvi.fi'], tier: 'B', lifecycle: 'customer', ownerId: rep().id, industry: null, size: null, region: null }, null, now);
      const buch = await createAccount(world.tenant.scope, { name: 'Bücher GmbH', domains: ['XN--BCHER-KVA.de'], tier: 'B', lifecycle: 'customer', ownerId: rep().id, industry: null, size: null, region: null }, null, now);
      expect(buch.domains).toEqual(['bücher.de']);
      world.emulator.store.addMessage(rep().email, { subject: 'Punycode', from: { address: 'liisa@xn--jrvi-loa.fi', name: 'Liisa' }, to: [rep().email] });
      world.emulator.store.addMessage(rep().email, { subject: 'Unicode', from: { address: 'hans@Bücher.de', name: 'Hans' }, to: [rep().email] });
      await world.syncMailbox(world.mailboxes.rep);
      const linked = await handle.db.selectFrom('interaction_accounts as a').innerJoin('interactions as i', (j) => j.onRef('i.id', '=', 'a.interaction_id').onRef('i.tenant_id', '=', 'a.tenant_id'))
        .select(['i.subject', 'a.account_id']).where('a.tenant_id', '=', world.tenant.tenantId).orderBy('i.subject').execute();
      expect(linked).toEqual([{ subject: 'Punycode', account_id: jarvi.id }, { subject: 'Unicode', account_id: buch.id }]);
      const from = await handle.db.selectFrom('interaction_participants').select('address').where('tenant_id', '=', world.tenant.tenantId).where('role', '=', 'from').orderBy('address').execute();
      expect(from.map((r) => r.address)).toEqual(['hans@bücher.de', 'liisa@järvi.fi']);
    });
  });
}
