// "Log this email when sent" through the mailbox sync, on SQLite and PostgreSQL, against the Graph emulator over
// real HTTP: the add-in's custom property on the Sent Items copy (MS-OXCEXT cecp-<add-in id>) is applied as the
// add-in's own log would be, once, merged with what is already known of the email, and never at the cost of the email.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { makeTenant } from '../support/fixtures.ts';
import { addInPropertyId, createGraphClient } from '../../backend/src/graph/index.ts';
import { runSyncPass } from '../../backend/src/sync/run-sync-pass.ts';
import { up as migration007 } from '../../backend/src/store/migrations/2026-12-01-007-sent-items-log-intents.ts';
import { DEMO_ADDIN_ID } from '../../backend/src/config.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { createOpportunity } from '../../backend/src/store/opportunities.ts';
import { logInteraction } from '../../backend/src/use-cases/interactions/log-interaction.ts';
import { changeInteraction } from '../../backend/src/use-cases/interactions/change-interaction.ts';
import { updateMailbox } from '../../backend/src/store/mailboxes.ts';
import { skipCounts } from '../../backend/src/store/skip-counts.ts';
import { emailExternalKey } from '../../backend/src/domain/message-id.ts';
import { DEFAULT_TENANT_SETTINGS } from '../../backend/src/domain/types.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const CUSTOMER = { address: 'kalle@asiakas.fi', name: 'Kalle Asiakas' };
const CECP = addInPropertyId(DEMO_ADDIN_ID);

/** The add-in's custom properties as Outlook stores them: a JSON object whose suhdeLogIntent is itself JSON. */
const withIntent = (intent: unknown) => ({ [CECP]: JSON.stringify({ suhdeLogIntent: JSON.stringify(intent) }) });

for (const database of testDatabases()) {
  describe(`"log this email when sent" in the sync on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    let otherAccountId: string;
    let opportunityId: string;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle);
      const other = await createAccount(world.tenant.scope, {
        name: 'Toinen Oy', domains: ['toinen.fi'], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null,
      }, null, Date.now());
      otherAccountId = other.id;
      const opp = await createOpportunity(world.tenant.scope, {
        accountId: world.accountId, name: 'Huoltosopimus', stage: 'offer', value: 1_200_000, currency: 'EUR', lines: [], expectedCloseDate: null, ownerId: null,
      }, DEFAULT_TENANT_SETTINGS, null, Date.now());
      opportunityId = opp.id;
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });
    const rep = () => world.tenant.users.rep;
    const rep2 = () => world.tenant.users.rep2;
    const sent = (messageId: string, extendedProperties?: Record<string, string>, to: (string | typeof CUSTOMER)[] = [CUSTOMER]) =>
      world.emulator.store.addMessage(rep().email, {
        folder: 'sentitems', subject: 'Tarjous', internetMessageId: messageId, from: rep().email, to, sentAt: Date.now() - 60_000,
        ...(extendedProperties ? { extendedProperties } : {}),
      });
    const sentItems = async () => (await world.syncMailbox(world.mailboxes.rep)).find((r) => r.stream === 'mail:sentitems')!;

    /** The email's row, its accounts and its holders, by Message-ID. */
    async function stored(messageId: string) {
      const db = handle.db;
      const key = emailExternalKey({ internetMessageId: messageId, from: null, sentAt: 0, subject: null, to: [] })!;
      const rows = await db.selectFrom('interactions').select(['id', 'note', 'visibility', 'source', 'opportunity_id', 'created_by', 'deleted_at'])
        .where('tenant_id', '=', world.tenant.tenantId).where('external_key', '=', key).execute();
      const row = rows[0];
      if (!row) return { count: 0 } as const;
      const accounts = await db.selectFrom('interaction_accounts').select('account_id').where('interaction_id', '=', row.id).execute();
      const holders = await db.selectFrom('interaction_holders').select(['user_id', 'relation']).where('interaction_id', '=', row.id).execute();
      return {
        count: rows.length, ...row,
        accountIds: accounts.map((a) => a.account_id).sort(),
        holders: holders.map((h) => `${h.user_id === rep().id ? 'rep' : h.user_id === rep2().id ? 'rep2' : h.user_id}:${h.relation}`).sort(),
      };
    }

    it('logs the sent copy as its sender chose: note, chosen accounts instead of the matched, opportunity, visibility, logged by them', async () => {
      sent('<intent-1@suhde.example>', withIntent({ note: 'Tarjous lähetetty, soitto perjantaina', visibility: 'shared', accountIds: [otherAccountId, world.accountId], opportunityId }));
      sent('<plain-1@suhde.example>');
      const r = await sentItems();
      expect(r).toMatchObject({ stored: 2, created: 2, logIntents: 1 });
      expect(r.skipped).toEqual({});
      expect(await stored('<intent-1@suhde.example>')).toMatchObject({
        count: 1, note: 'Tarjous lähetetty, soitto perjantaina', visibility: 'shared', source: 'addin', opportunity_id: opportunityId, created_by: rep().id,
        accountIds: [world.accountId, otherAccountId].sort(), holders: ['rep:holds', 'rep:logged'],
      });
      // The email without an intent is synced as before.
      expect(await stored('<plain-1@suhde.example>')).toMatchObject({ note: null, visibility: 'metadata', source: 'sync', accountIds: [world.accountId], holders: ['rep:holds'] });

      // Only the chosen accounts, even when the recipients match another one.
      sent('<intent-2@suhde.example>', withIntent({ note: null, visibility: 'metadata', accountIds: [otherAccountId], opportunityId: null }));
      await sentItems();
      expect(await stored('<intent-2@suhde.example>')).toMatchObject({ accountIds: [otherAccountId], visibility: 'metadata', holders: ['rep:holds', 'rep:logged'] });
    });

    it('still logs the email when the property is malformed, oversized or not an intent, and counts each', async () => {
      sent('<bad-json@suhde.example>', { [CECP]: '{"suhdeLogIntent": "{oops' });
      sent('<oversized@suhde.example>', { [CECP]: JSON.stringify({ suhdeLogIntent: JSON.stringify({ note: 'x'.repeat(3000), accountIds: [] }) }) });
      sent('<not-an-intent@suhde.example>', { [CECP]: JSON.stringify({ suhdeLogIntent: '"shared"' }) });
      sent('<other-props@suhde.example>', { [CECP]: JSON.stringify({ somethingElse: 1 }) });
      // Another add-in's properties are not asked for at all.
      sent('<foreign-addin@suhde.example>', { 'String {00020329-0000-0000-C000-000000000046} Name cecp-11111111-2222-3333-4444-555555555555': '{"suhdeLogIntent":"{}"}' });
      const r = await sentItems();
      expect(r).toMatchObject({ status: 'done', stored: 5, logIntents: 0, skipped: { 'log-intent-unreadable': 3 } });
      for (const id of ['<bad-json@suhde.example>', '<oversized@suhde.example>', '<not-an-intent@suhde.example>', '<other-props@suhde.example>', '<foreign-addin@suhde.example>']) {
        expect(await stored(id)).toMatchObject({ count: 1, note: null, visibility: 'metadata', source: 'sync', accountIds: [world.accountId], holders: ['rep:holds'] });
      }
      // Reported in the mailbox's health like the skip reasons.
      expect(await skipCounts(world.tenant.scope, world.mailboxes.rep.id)).toContainEqual({ mailboxId: world.mailboxes.rep.id, reason: 'log-intent-unreadable', count: 3 });
    });

    it('ignores an account or opportunity that is not the tenant\'s, and a visibility it does not know, and honours the rest', async () => {
      const stranger = await makeTenant(handle, 'muu.example');
      const foreign = await createAccount(stranger.scope, {
        name: 'Vieras Oy', domains: ['vieras.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null,
      }, null, Date.now());
      const foreignOpp = await createOpportunity(stranger.scope, {
        accountId: foreign.id, name: 'Vieras kauppa', stage: 'offer', value: 1, currency: 'EUR', lines: [], expectedCloseDate: null, ownerId: null,
      }, DEFAULT_TENANT_SETTINGS, null, Date.now());
      sent('<foreign-account@suhde.example>', withIntent({ note: 'Vain vieras', visibility: 'shared', accountIds: [foreign.id], opportunityId: foreignOpp.id }));
      sent('<mixed@suhde.example>', withIntent({ note: 'Sekaisin', visibility: 'everyone', accountIds: [foreign.id, otherAccountId], opportunityId }));
      const r = await sentItems();
      expect(r).toMatchObject({ stored: 2, logIntents: 2, skipped: { 'log-intent-partly-ignored': 2 } });
      // Only a foreign account: the matched account, as if none had been chosen; the foreign opportunity is dropped.
      expect(await stored('<foreign-account@suhde.example>')).toMatchObject({
        note: 'Vain vieras', visibility: 'shared', opportunity_id: null, accountIds: [world.accountId], holders: ['rep:holds', 'rep:logged'],
      });
      // The tenant's account stays; the opportunity is of an account not chosen, so it is dropped; the unknown
      // visibility leaves the sync's default.
      expect(await stored('<mixed@suhde.example>')).toMatchObject({ note: 'Sekaisin', visibility: 'metadata', opportunity_id: null, accountIds: [otherAccountId] });
      const leaked = await handle.db.selectFrom('interaction_accounts').select('interaction_id').where('account_id', '=', foreign.id).execute();
      expect(leaked).toEqual([]);
    });

    it('applies the intent once: a replayed page, an updated copy and a full round leave the note the owner edited alone', async () => {
      sent('<once@suhde.example>', withIntent({ note: 'Alkuperäinen', visibility: 'shared', accountIds: [world.accountId], opportunityId: null }));
      const copy = world.emulator.store.addMessage(rep().email, { folder: 'sentitems', subject: 'Toinen', internetMessageId: '<twice@suhde.example>', from: rep().email, to: [CUSTOMER], extendedProperties: withIntent({ note: 'Toinen', accountIds: [world.accountId] }) });
      expect(await sentItems()).toMatchObject({ logIntents: 2 });
      const first = await stored('<once@suhde.example>');
      if (!('id' in first)) throw new Error('not stored');
      await changeInteraction(world.tenant.scope, { userId: rep().id, role: 'rep' }, first.id, { note: 'Muokattu käsin' }, Date.now());

      // The same round again from its start (as after a crash before the cursor moved) ...
      await handle.db.updateTable('sync_cursors').set({ next_link: null, delta_link: null }).where('mailbox_id', '=', world.mailboxes.rep.id).where('stream', '=', 'mail:sentitems').execute();
      expect(await sentItems()).toMatchObject({ fullRound: true, stored: 2, created: 0, logIntents: 0 });
      // ... an incremental round that sees the copy changed (read, flagged) ...
      world.emulator.store.updateMessage(rep().email, copy.id, { isRead: true });
      expect(await sentItems()).toMatchObject({ fullRound: false, seen: 1, logIntents: 0 });
      // ... and an expired delta token.
      world.emulator.expireDeltaTokens(rep().email);
      expect(await sentItems()).toMatchObject({ resynced: true, logIntents: 0 });

      expect(await stored('<once@suhde.example>')).toMatchObject({ count: 1, note: 'Muokattu käsin', visibility: 'shared', holders: ['rep:holds', 'rep:logged'] });
      expect(await stored('<twice@suhde.example>')).toMatchObject({ count: 1, note: 'Toinen', holders: ['rep:holds', 'rep:logged'] });
      const live = await handle.db.selectFrom('interactions').select('id').where('tenant_id', '=', world.tenant.tenantId).where('deleted_at', 'is', null).execute();
      expect(live).toHaveLength(2);
    });

    it('merges with the add-in\'s own log made first: one interaction, the note once, what the person chose kept', async () => {
      const messageId = '<addin-first@suhde.example>';
      const now = Date.now();
      // What POST /api/interactions stores when the read pane logs the sent copy (the owner picked another note).
      await logInteraction(world.tenant.scope, {
        kind: 'email', direction: 'outbound', occurredAt: now - 60_000, subject: 'Tarjous', snippet: null, note: 'Kirjattu lukuruudusta',
        durationMinutes: null, participants: [], accountIds: [otherAccountId], opportunityId: null, source: 'addin', visibility: 'private',
        holders: [{ userId: rep().id, relation: 'logged', at: now }],
        externalKey: emailExternalKey({ internetMessageId: messageId, from: null, sentAt: 0, subject: null, to: [] }),
      }, now);
      sent(messageId, withIntent({ note: 'Luonnoksen muistiinpano', visibility: 'shared', accountIds: [world.accountId], opportunityId }));
      expect(await sentItems()).toMatchObject({ stored: 1, created: 0, logIntents: 0 });
      expect(await stored(messageId)).toMatchObject({
        count: 1, note: 'Kirjattu lukuruudusta', visibility: 'private', opportunity_id: null, accountIds: [world.accountId, otherAccountId].sort(),
        holders: ['rep:holds', 'rep:logged'],
      });
    });

    it('adds the sender\'s log to the copy a colleague\'s mailbox synced first, and ignores the intent in the colleague\'s copy', async () => {
      const messageId = '<colleague-first@suhde.example>';
      const intent = withIntent({ note: 'Tarjous lähetetty', visibility: 'shared', accountIds: [world.accountId], opportunityId });
      // rep2 is cc'd: internal mail may carry the sender's named properties into rep2's Inbox copy.
      world.emulator.store.addMessage(rep2().email, { subject: 'Tarjous', internetMessageId: messageId, from: rep().email, to: [CUSTOMER], cc: [rep2().email], extendedProperties: intent });
      const colleague = await world.syncMailbox(world.mailboxes.rep2);
      expect(colleague.find((r) => r.stream === 'mail:inbox')).toMatchObject({ stored: 1, logIntents: 0 });
      expect(await stored(messageId)).toMatchObject({ note: null, visibility: 'metadata', holders: ['rep2:holds'] });

      sent(messageId, intent, [CUSTOMER, rep2().email]);
      expect(await sentItems()).toMatchObject({ stored: 1, created: 0, logIntents: 1 });
      expect(await stored(messageId)).toMatchObject({
        count: 1, note: 'Tarjous lähetetty', visibility: 'shared', opportunity_id: opportunityId, accountIds: [world.accountId],
        holders: ['rep2:holds', 'rep:holds', 'rep:logged'],
      });
    });

    it('reads the intent of mail synced before migration 007 once Sent Items has run the full round the migration asks for', async () => {
      const messageId = '<before-007@suhde.example>';
      sent(messageId, withIntent({ note: 'Ennen päivitystä', visibility: 'shared', accountIds: [world.accountId], opportunityId: null }));
      // As before 007: the Graph client asked for the sensitivity only, and the deltaLink encodes that query.
      const before = createGraphClient({ baseUrl: world.emulator.url, authProvider: async () => 't', clock: world.clock });
      const pass = (deps: typeof world.deps) => runSyncPass(deps, { tenantId: world.tenant.tenantId, mailboxId: world.mailboxes.rep.id, stream: 'mail:sentitems' });
      expect(await pass({ ...world.deps, graphFor: () => before })).toMatchObject({ stored: 1, logIntents: 0 });
      expect(await pass(world.deps)).toMatchObject({ fullRound: false, seen: 0 });
      expect(await stored(messageId)).toMatchObject({ note: null, holders: ['rep:holds'] });
      await migration007(handle.db);
      expect(await pass(world.deps)).toMatchObject({ fullRound: true, stored: 1, created: 0, logIntents: 1 });
      expect(await stored(messageId)).toMatchObject({ count: 1, note: 'Ennen päivitystä', visibility: 'shared', holders: ['rep:holds', 'rep:logged'] });
    });

    it('lets a blocked address win over the intent', async () => {
      await updateMailbox(world.tenant.scope, world.mailboxes.rep.id, { blockedAddresses: [CUSTOMER.address] });
      sent('<blocked@suhde.example>', withIntent({ note: 'Ei saa näkyä', visibility: 'shared', accountIds: [world.accountId], opportunityId: null }));
      const r = await sentItems();
      expect(r).toMatchObject({ stored: 0, logIntents: 0, skipped: { blocked: 1 } });
      expect(await stored('<blocked@suhde.example>')).toEqual({ count: 0 });
    });
  });
}
