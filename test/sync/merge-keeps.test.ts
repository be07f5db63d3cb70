// A merge survives the sync, on SQLite and PostgreSQL against the Graph emulator over real HTTP: after two accounts
// with synced mail are merged, the next pass puts new mail from the merged account's domain on the survivor, a
// "log when sent" intent naming the merged id lands on the survivor too, and nothing reappears on the merged one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { addInPropertyId } from '../../backend/src/graph/index.ts';
import { DEMO_ADDIN_ID } from '../../backend/src/config.ts';
import { createAccount, getAccount } from '../../backend/src/store/accounts.ts';
import { createContact } from '../../backend/src/store/contacts.ts';
import { mergeAccounts } from '../../backend/src/use-cases/accounts/merge-accounts.ts';
import { emailExternalKey } from '../../backend/src/domain/message-id.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const CECP = addInPropertyId(DEMO_ADDIN_ID);
const MAIJA = { address: 'maija@asiakas-group.com', name: 'Maija Asiakas' };

for (const database of testDatabases()) {
  describe(`a merge kept by the sync on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    let mergedId: string;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle);
      const dup = await createAccount(world.tenant.scope, {
        name: 'Asiakas Group', domains: ['asiakas-group.com'], tier: 'C', lifecycle: 'prospect', ownerId: null, industry: null, size: null, region: null,
      }, null, Date.now());
      mergedId = dup.id;
      await createContact(world.tenant.scope, { name: MAIJA.name, emails: [MAIJA.address], phones: [], title: null, accountId: dup.id, ownerId: null }, null, Date.now());
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });

    const rep = () => world.tenant.users.rep;
    const inbox = (messageId: string, minutesAgo: number) =>
      world.emulator.store.addMessage(rep().email, { folder: 'inbox', subject: 'Kysymys', internetMessageId: messageId, from: MAIJA, to: [rep().email], sentAt: Date.now() - minutesAgo * 60_000 });
    async function accountsOf(messageId: string): Promise<string[]> {
      const key = emailExternalKey({ internetMessageId: messageId, from: null, sentAt: 0, subject: null, to: [] })!;
      const row = await handle.db.selectFrom('interactions').select('id').where('tenant_id', '=', world.tenant.tenantId).where('external_key', '=', key).executeTakeFirst();
      if (!row) return [];
      return (await handle.db.selectFrom('interaction_accounts').select('account_id').where('interaction_id', '=', row.id).execute()).map((r) => r.account_id);
    }
    const rowsOn = async (accountId: string) =>
      (await handle.db.selectFrom('interaction_accounts').select('interaction_id').where('tenant_id', '=', world.tenant.tenantId).where('account_id', '=', accountId).execute()).length;

    it('puts new mail from the merged account’s domain, and intents naming it, on the survivor', async () => {
      inbox('<before-1@asiakas-group.com>', 120);
      await world.syncAll();
      expect(await accountsOf('<before-1@asiakas-group.com>')).toEqual([mergedId]);

      const manager = { id: world.tenant.users.manager.id, role: 'manager' as const };
      const r = await mergeAccounts(world.tenant.scope, manager, world.accountId, { mergeIds: [mergedId], preview: false }, Date.now());
      expect(r.result.domains).toEqual(['asiakas-group.com', 'asiakas.fi']);
      expect(await accountsOf('<before-1@asiakas-group.com>')).toEqual([world.accountId]);

      inbox('<after-1@asiakas-group.com>', 5);
      world.emulator.store.addMessage(rep().email, {
        folder: 'sentitems', subject: 'Vastaus', internetMessageId: '<after-2@suhde.example>', from: rep().email, to: [MAIJA], sentAt: Date.now() - 60_000,
        extendedProperties: { [CECP]: JSON.stringify({ suhdeLogIntent: JSON.stringify({ note: 'Vastattu', visibility: 'shared', accountIds: [mergedId], opportunityId: null }) }) },
      });
      await world.syncAll();

      expect(await accountsOf('<after-1@asiakas-group.com>')).toEqual([world.accountId]);
      expect(await accountsOf('<after-2@suhde.example>')).toEqual([world.accountId]);
      // The intent was applied as written (its note kept), not dropped as naming an unknown account.
      const key = emailExternalKey({ internetMessageId: '<after-2@suhde.example>', from: null, sentAt: 0, subject: null, to: [] })!;
      expect(await handle.db.selectFrom('interactions').select(['note', 'source']).where('external_key', '=', key).executeTakeFirst()).toEqual({ note: 'Vastattu', source: 'addin' });
      expect(await rowsOn(mergedId)).toBe(0);
      expect(await getAccount(world.tenant.scope, mergedId)).toBeNull();
      // A full re-read of the mailbox (as after a 410) changes nothing either.
      await handle.db.updateTable('sync_cursors').set({ delta_link: null }).where('tenant_id', '=', world.tenant.tenantId).execute();
      await world.syncAll();
      expect(await rowsOn(mergedId)).toBe(0);
      expect(await rowsOn(world.accountId)).toBe(3);
      expect((await getAccount(world.tenant.scope, world.accountId))!.lastContactAt).toBeGreaterThan(Date.now() - 10 * 60_000);
    });
  });
}
