import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount, getAccount } from '../../store/accounts.ts';
import { getInteraction, type InteractionInput } from '../../store/interactions.ts';
import { auditTrail } from '../../store/audit.ts';
import { insertMailbox, type Mailbox } from '../../store/mailboxes.ts';
import { removedByExternalKey, upsertItemRefs } from '../../store/sync-items.ts';
import { DAY_MS } from '../../domain/types.ts';
import { mergeInteractionCopies } from './merge-interaction-copies.ts';
import { releaseBlockedItems, releaseSyncedItems, removeInteraction } from './remove-interaction.ts';

describe.each(testDatabases())('remove interaction on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-remove.fi');
  let mailbox: Mailbox;
  let n = 0;
  const account = async () =>
    (await createAccount(a.scope, { name: `Remove ${++n}`, domains: [], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;
  const email = (accountId: string, at: number, extra: Partial<InteractionInput> = {}): InteractionInput => ({
    kind: 'email', direction: 'inbound', occurredAt: at, subject: 'Tarjous', snippet: null, note: null, durationMinutes: null,
    participants: [{ role: 'from', address: 'ostaja@estetty.fi', displayName: null, userId: null, contactId: null }],
    accountIds: [accountId], opportunityId: null, source: 'sync', visibility: 'shared',
    holders: [{ userId: a.users.rep.id, relation: 'holds', at }], externalKey: `msgid:remove-${++n}@asiakas.fi`, ...extra,
  });
  /** Stores the email as synced from the rep's mailbox under this Graph id. */
  const synced = async (input: InteractionInput, graphId: string) => {
    const [r] = await mergeInteractionCopies(a.scope, [input], T0);
    await upsertItemRefs(a.scope, mailbox.id, 'mail:inbox', 1, [{ graphId, interactionId: r!.id }]);
    return r!.id;
  };

  beforeAll(async () => {
    mailbox = await insertMailbox(a.scope, { id: 'mbx-rep', userId: a.users.rep.id, address: a.users.rep.email }, T0);
  });

  it('a holder, a manager or an admin unlinks; another rep may not', async () => {
    const acc = await account();
    const [r] = await mergeInteractionCopies(a.scope, [email(acc, T0)], T0);
    await expect(removeInteraction(a.scope, { userId: a.users.rep2.id, role: 'rep' }, { id: r!.id, reason: null }, T0)).rejects.toMatchObject({ kind: 'forbidden' });
    await removeInteraction(a.scope, { userId: a.users.manager.id, role: 'manager' }, { id: r!.id, reason: 'väärä asiakas' }, T0 + 1);
    expect(await getInteraction(a.scope, r!.id)).toBeNull();
    expect((await getAccount(a.scope, acc))!.lastContactAt).toBeNull();
    const [entry] = await auditTrail(a.scope, 'interaction', r!.id);
    expect(entry).toMatchObject({ action: 'interaction.remove', actorId: a.users.manager.id });
    await expect(removeInteraction(a.scope, { userId: a.users.manager.id, role: 'manager' }, { id: r!.id, reason: null }, T0 + 2)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('the sync releases its item: soft-removed by the sync when nobody else holds it, the same way as an unlink', async () => {
    const acc = await account();
    await mergeInteractionCopies(a.scope, [email(acc, T0)], T0);
    const input = email(acc, T0 + DAY_MS);
    const id = await synced(input, 'g-1');
    expect((await getAccount(a.scope, acc))!.lastContactAt).toBe(T0 + DAY_MS);
    expect(await releaseSyncedItems(a.scope, { mailboxId: mailbox.id, userId: a.users.rep.id, stream: 'mail:inbox', graphIds: ['g-1'], now: T0 + 2 * DAY_MS }))
      .toEqual({ released: 1, softRemoved: 1 });
    expect(await getInteraction(a.scope, id)).toBeNull();
    expect((await getAccount(a.scope, acc))!.lastContactAt).toBe(T0);
    expect((await removedByExternalKey(a.scope, [input.externalKey!])).get(input.externalKey!)).toEqual({ id, deletedBy: 'sync' });
    expect((await auditTrail(a.scope, 'interaction', id))[0]).toMatchObject({ action: 'interaction.sync_remove', actorId: null });
  });

  it('an interaction someone logged stays when the mailbox lets go of it; another stream’s item is left alone', async () => {
    const acc = await account();
    const id = await synced(email(acc, T0, { holders: [{ userId: a.users.rep.id, relation: 'holds', at: T0 }, { userId: a.users.rep2.id, relation: 'logged', at: T0 }] }), 'g-2');
    expect(await releaseSyncedItems(a.scope, { mailboxId: mailbox.id, userId: a.users.rep.id, stream: 'mail:sentitems', graphIds: ['g-2'], now: T0 })).toEqual({ released: 0, softRemoved: 0 });
    expect(await releaseSyncedItems(a.scope, { mailboxId: mailbox.id, userId: a.users.rep.id, stream: 'mail:inbox', graphIds: ['g-2'], now: T0 })).toEqual({ released: 1, softRemoved: 0 });
    expect((await getInteraction(a.scope, id))!.holders.map((h) => `${h.relation}`)).toEqual(['logged']);
  });

  it('a grown blocklist releases what the mailbox synced with a blocked participant', async () => {
    const id = await synced(email(await account(), T0), 'g-3');
    expect(await releaseBlockedItems(a.scope, { ...mailbox, blockedAddresses: [], blockedDomains: ['estetty.fi'] }, T0)).toBe(1);
    expect(await getInteraction(a.scope, id)).toBeNull();
  });
});
