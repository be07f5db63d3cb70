// Erasure sticks: once a person is erased, neither a full resync from the mailboxes nor the add-in logging the
// same emails again brings them back, and the interactions still count. On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { makeSyncWorld, type SyncWorld } from '../sync/sync-world.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const KALLE = { address: 'kalle@asiakas.fi', name: 'Kalle Asiakas' };
const LIISA = { address: 'liisa@asiakas.fi', name: 'Liisa Asiakas' };

for (const database of testDatabases()) {
  describe(`erasure sticks on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    let h: Harness;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle);
      h = await apiHarness(handle);
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });

    const tenantId = () => world.tenant.tenantId;
    const counts = async () => {
      const rows = await handle.db.selectFrom('interactions').select(['id']).where('tenant_id', '=', tenantId()).where('deleted_at', 'is', null).execute();
      const timeline = await handle.db.selectFrom('interaction_accounts').select('interaction_id').where('tenant_id', '=', tenantId()).execute();
      return { interactions: rows.length, timeline: timeline.length };
    };
    const traces = async () => {
      const t = tenantId();
      const participants = await handle.db.selectFrom('interaction_participants').select(['address', 'display_name']).where('tenant_id', '=', t).execute();
      const contacts = await handle.db.selectFrom('contacts').select(['name', 'deleted_at']).where('tenant_id', '=', t).execute();
      const emails = await handle.db.selectFrom('contact_emails').select('address').where('tenant_id', '=', t).execute();
      const subjects = await handle.db.selectFrom('interactions').select('subject').where('tenant_id', '=', t).execute();
      return {
        participant: participants.filter((p) => p.address.includes('kalle') || (p.display_name ?? '').includes('Kalle')).length,
        liveContact: contacts.filter((c) => c.deleted_at === null && c.name.includes('Kalle')).length,
        contactEmail: emails.filter((e) => e.address.includes('kalle')).length,
        soleSubjects: subjects.filter((s) => (s.subject ?? '').startsWith('Kalle only')).length,
        sharedSubjects: subjects.filter((s) => s.subject === 'With Liisa').length,
      };
    };

    it('keeps an erased person out after a full resync and a re-log from the add-in, and the counts stay', async () => {
      const rep = world.tenant.users.rep;
      const admin = world.tenant.users.admin;
      const as = { as: [world.tenant, admin] as [typeof world.tenant, typeof admin] };
      for (let i = 0; i < 3; i++) {
        world.emulator.store.addMessage(rep.email, { subject: `Kalle only ${i}`, from: KALLE, to: [rep.email], internetMessageId: `<kalle-${i}@asiakas.fi>` });
      }
      world.emulator.store.addMessage(rep.email, { subject: 'With Liisa', from: KALLE, to: [rep.email], cc: [LIISA], internetMessageId: '<shared@asiakas.fi>' });
      await world.syncMailbox(world.mailboxes.rep);
      const before = await counts();
      expect(before.interactions).toBe(4);

      const exported = await h.call('GET', `/api/contacts/${world.contactId}/data-export`, as);
      expect(exported.status).toBe(200);
      expect(exported.body.interactions).toHaveLength(4);
      const erased = await h.call('POST', `/api/contacts/${world.contactId}/erase`, as);
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ contacts: 1, interactions: 4, blanked: 3 });
      expect(await traces()).toEqual({ participant: 0, liveContact: 0, contactEmail: 0, soleSubjects: 0, sharedSubjects: 1 });
      const audit = await handle.db.selectFrom('audit_log').select(['action', 'detail']).where('tenant_id', '=', tenantId()).where('action', 'in', ['contact.erase', 'contact.export']).execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['contact.erase', 'contact.export']);
      expect(audit.every((a) => !(a.detail ?? '').includes('kalle'))).toBe(true);

      // A full resync of every mailbox, with one new email from the erased person alone.
      world.emulator.store.addMessage(rep.email, { subject: 'Kalle only again', from: KALLE, to: [rep.email], internetMessageId: '<kalle-new@asiakas.fi>' });
      world.emulator.expireDeltaTokens(rep.email);
      const passes = await world.syncMailbox(world.mailboxes.rep);
      expect(passes[0]).toMatchObject({ resynced: true, fullRound: true });
      expect(passes[0]!.skipped.suppressed).toBe(4);

      // The add-in logs the same emails again.
      const repAs = { as: [world.tenant, rep] as [typeof world.tenant, typeof rep] };
      for (let i = 0; i < 3; i++) {
        const r = await h.call('POST', '/api/interactions', {
          ...repAs,
          body: {
            kind: 'email', source: 'addin', subject: `Kalle only ${i}`, internetMessageId: `<kalle-${i}@asiakas.fi>`, accountIds: [world.accountId],
            participants: [{ role: 'from', address: KALLE.address, displayName: KALLE.name }, { role: 'to', address: rep.email }],
          },
        });
        expect(r.status).toBeLessThan(300);
      }
      // Adding them again by hand is refused, without echoing the address.
      const again = await h.call('POST', '/api/contacts', { ...repAs, body: { name: 'Kalle Asiakas', emails: ['Kalle@Asiakas.fi'], accountId: world.accountId } });
      expect(again.status).toBe(409);
      expect(JSON.stringify(again.body)).not.toContain('kalle@');

      expect(await traces()).toEqual({ participant: 0, liveContact: 0, contactEmail: 0, soleSubjects: 0, sharedSubjects: 1 });
      expect(await counts()).toEqual(before);
    });
  });
}
