import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount, getAccount } from '../../store/accounts.ts';
import { getInteraction, type InteractionInput } from '../../store/interactions.ts';
import { auditTrail } from '../../store/audit.ts';
import { DAY_MS } from '../../domain/types.ts';
import { mergeAndLoad, mergeInteractionCopies } from './merge-interaction-copies.ts';
import { removeInteraction } from './remove-interaction.ts';
import { logInteraction } from './log-interaction.ts';

function email(f: FixtureTenant, accountId: string, key: string, at: number, extra: Partial<InteractionInput> = {}): InteractionInput {
  return {
    kind: 'email', direction: 'inbound', occurredAt: at, subject: `Subject ${key}`, snippet: null, note: null, durationMinutes: null,
    participants: [{ role: 'from', address: 'Buyer@Customer.fi', displayName: 'Buyer', userId: null, contactId: null }],
    accountIds: [accountId], opportunityId: null, source: 'sync', visibility: 'metadata',
    holders: [{ userId: f.users.rep.id, relation: 'holds', at }], externalKey: `msgid:${key}@customer.fi`, ...extra,
  };
}

describe.each(testDatabases())('merge interaction copies on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-merge.fi');
  const account = async (name: string) =>
    (await createAccount(a.scope, { name, domains: [], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;

  it('one interaction per key, in one batch and across batches: holders and accounts add up', async () => {
    const [acc1, acc2] = [await account('Merge 1'), await account('Merge 2')];
    const first = await mergeInteractionCopies(a.scope, [
      email(a, acc1, 'm1', T0),
      email(a, acc2, 'm1', T0, { holders: [{ userId: a.users.rep2.id, relation: 'holds', at: T0 }] }),
    ], T0);
    expect(first.map((r) => r.created)).toEqual([true, false]);
    expect(first[0]!.id).toBe(first[1]!.id);
    const [again] = await mergeInteractionCopies(a.scope, [email(a, acc1, 'm1', T0 + 5, { holders: [{ userId: a.users.manager.id, relation: 'holds', at: T0 + 5 }] })], T0 + 5);
    expect(again).toEqual({ id: first[0]!.id, created: false });
    const i = (await getInteraction(a.scope, first[0]!.id))!;
    expect(i.accountIds.sort()).toEqual([acc1, acc2].sort());
    expect(i.holders.map((h) => h.userId).sort()).toEqual([a.users.rep.id, a.users.rep2.id, a.users.manager.id].sort());
  });

  it('a synced copy leaves visibility alone; a log by a non-holder neither; a holder\'s log widens it and adds its note', async () => {
    const acc = await account('Merge visibility');
    const [stored] = await mergeAndLoad(a.scope, [email(a, acc, 'm2', T0)], T0);
    await mergeAndLoad(a.scope, [email(a, acc, 'm2', T0, { visibility: 'shared', note: 'Synced note (notes join whatever the source)' })], T0);
    expect((await getInteraction(a.scope, stored!.interaction.id))!.visibility).toBe('metadata');
    const [stranger] = await mergeAndLoad(a.scope, [email(a, acc, 'm2', T0, { source: 'addin', visibility: 'shared', holders: [{ userId: a.users.rep2.id, relation: 'logged', at: T0 + 1 }] })], T0 + 1);
    expect(stranger!.interaction.visibility).toBe('metadata');
    const [logged] = await mergeAndLoad(a.scope, [email(a, acc, 'm2', T0, { source: 'addin', visibility: 'shared', note: 'Asked for a quote', holders: [{ userId: a.users.rep.id, relation: 'logged', at: T0 + 1 }] })], T0 + 1);
    expect(logged!.interaction.visibility).toBe('shared');
    expect(logged!.interaction.note).toBe('Synced note (notes join whatever the source)\n\nAsked for a quote');
  });

  it('moves the last contact, but not for a note', async () => {
    const acc = await account('Merge contact');
    await mergeInteractionCopies(a.scope, [email(a, acc, 'm3', T0)], T0);
    await mergeInteractionCopies(a.scope, [{ ...email(a, acc, 'm3-note', T0 + DAY_MS), kind: 'note', externalKey: null, source: 'manual' }], T0);
    expect((await getAccount(a.scope, acc))!.lastContactAt).toBe(T0);
  });

  it('a removed interaction: neither the sync nor a non-holder brings it back, its holder logging it does (audited)', async () => {
    const acc = await account('Merge restore');
    const [stored] = await mergeInteractionCopies(a.scope, [email(a, acc, 'm4', T0)], T0);
    await removeInteraction(a.scope, { userId: a.users.rep.id, role: 'rep' }, { id: stored!.id, reason: null }, T0 + 1);
    expect(await mergeInteractionCopies(a.scope, [email(a, acc, 'm4', T0)], T0 + 2)).toEqual([{ id: stored!.id, created: false }]);
    expect(await getInteraction(a.scope, stored!.id)).toBeNull();
    await mergeInteractionCopies(a.scope, [email(a, acc, 'm4', T0, { source: 'manual', holders: [{ userId: a.users.rep2.id, relation: 'logged', at: T0 + 3 }] })], T0 + 3);
    expect(await getInteraction(a.scope, stored!.id)).toBeNull();
    await mergeInteractionCopies(a.scope, [email(a, acc, 'm4', T0, { source: 'manual', holders: [{ userId: a.users.rep.id, relation: 'logged', at: T0 + 3 }] })], T0 + 3);
    expect((await getInteraction(a.scope, stored!.id))?.accountIds).toEqual([acc]);
    const trail = await auditTrail(a.scope, 'interaction', stored!.id);
    expect(trail.map((t) => [t.action, t.actorId])).toEqual([['interaction.remove', a.users.rep.id], ['interaction.restore', a.users.rep.id]]);
  });

  it('a key another transaction is inserting right now: waits for it and merges into its row, no unique violation', async () => {
    const acc = await account('Merge race');
    let inserted!: () => void;
    let commit!: () => void;
    const ready = new Promise<void>((r) => (inserted = r));
    const gate = new Promise<void>((r) => (commit = r));
    // A sync page holding the key uncommitted while a colleague logs the same email.
    const first = a.handle.db.transaction().execute(async (trx) => {
      const [r] = await mergeInteractionCopies({ db: trx, tenantId: a.tenantId, dialect: a.scope.dialect }, [email(a, acc, 'race', T0)], T0);
      inserted();
      await gate;
      return r!;
    });
    await ready;
    const logged = logInteraction(a.scope, email(a, acc, 'race', T0, { source: 'addin', visibility: 'shared', note: 'Logged meanwhile', holders: [{ userId: a.users.rep2.id, relation: 'logged', at: T0 + 1 }] }), T0 + 1);
    await new Promise((r) => setTimeout(r, 150));
    commit();
    const winner = await first;
    const loser = await logged;
    expect(winner.created).toBe(true);
    // rep2 did not hold it: the log joins without widening who sees it (issue 12: only holders widen).
    expect(loser).toMatchObject({ created: false, interaction: { id: winner.id, visibility: 'metadata', note: 'Logged meanwhile' } });
    expect(loser.interaction.holders.map((h) => h.userId).sort()).toEqual([a.users.rep.id, a.users.rep2.id].sort());
    expect(loser.interaction.accountIds).toEqual([acc]);
  });

  it('colleagues logging the same email at once: one interaction with every holder and every note', async () => {
    const acc = await account('Merge at once');
    const users = [a.users.rep, a.users.rep2, a.users.manager, a.users.admin];
    const results = await Promise.all(users.map((u, i) =>
      logInteraction(a.scope, email(a, acc, 'at-once', T0, { source: 'addin', note: `Note ${i}`, holders: [{ userId: u.id, relation: 'logged', at: T0 + i }] }), T0 + i)));
    expect(new Set(results.map((r) => r.interaction.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const i = (await getInteraction(a.scope, results[0]!.interaction.id))!;
    expect(i.holders.map((h) => h.userId).sort()).toEqual(users.map((u) => u.id).sort());
    expect(i.note!.split('\n\n').sort()).toEqual(['Note 0', 'Note 1', 'Note 2', 'Note 3']);
  });

  it('checks account and opportunity ids against the tenant unless told not to', async () => {
    await expect(mergeInteractionCopies(a.scope, [email(a, 'no-such-account', 'm5', T0)], T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
