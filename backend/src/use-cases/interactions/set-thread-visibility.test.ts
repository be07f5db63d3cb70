import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import { getInteraction } from '../../store/interactions.ts';
import { insertMailbox } from '../../store/mailboxes.ts';
import { upsertItemRefs } from '../../store/sync-items.ts';
import { threadVisibilities } from '../../store/thread-visibility.ts';
import { mergeInteractionCopies } from './merge-interaction-copies.ts';
import { setThreadVisibility } from './set-thread-visibility.ts';

describe.each(testDatabases())('set thread visibility on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-thread.fi');

  it('the mailbox owner sets the thread’s visibility, for what is synced and what is to come; nobody else may', async () => {
    const accountId = (await createAccount(a.scope, { name: 'Thread Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;
    const mbx = await insertMailbox(a.scope, { id: 'mbx-thread', userId: a.users.rep.id, address: a.users.rep.email }, T0);
    const ids = (await mergeInteractionCopies(a.scope, [1, 2].map((k) => ({
      kind: 'email' as const, direction: 'inbound' as const, occurredAt: T0 + k, subject: 'Tarjous', snippet: null, note: null, durationMinutes: null, participants: [],
      accountIds: [accountId], opportunityId: null, source: 'sync' as const, visibility: 'shared' as const,
      holders: [{ userId: a.users.rep.id, relation: 'holds' as const, at: T0 }], externalKey: `msgid:thread-${k}@asiakas.fi`,
    })), T0)).map((r) => r.id);
    await upsertItemRefs(a.scope, mbx.id, 'mail:inbox', 1, ids.map((interactionId, k) => ({ graphId: `g-${k}`, interactionId, conversationId: 'conv-1' })));

    const rep = { userId: a.users.rep.id, role: 'rep' as const };
    const rep2 = { userId: a.users.rep2.id, role: 'rep' as const };
    await expect(setThreadVisibility(a.scope, rep2, ids[0]!, 'private', T0)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await setThreadVisibility(a.scope, rep, ids[0]!, 'private', T0)).sort()).toEqual([...ids].sort());
    // Now private: a colleague is told what they would be told of an id that does not exist, not that it is someone's.
    await expect(setThreadVisibility(a.scope, rep2, ids[0]!, 'shared', T0)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await getInteraction(a.scope, ids[1]!))!.visibility).toBe('private');
    expect((await threadVisibilities(a.scope, mbx.id, ['conv-1'])).get('conv-1')).toBe('private');
    await expect(setThreadVisibility(a.scope, rep, 'no-such-id', 'private', T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
