import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import type { Visibility } from '../../domain/types.ts';
import { mergeInteractionCopies } from './merge-interaction-copies.ts';
import { lookupInteraction, readInteraction } from './read-interaction.ts';

describe.each(testDatabases())('read interaction on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-read.fi');
  let accountId: string;
  const rep2 = () => ({ userId: a.users.rep2.id, role: 'rep' as const });
  const held = async (key: string, visibility: Visibility) =>
    (await mergeInteractionCopies(a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: T0, subject: 'Tarjous', snippet: 'Hei', note: null, durationMinutes: null, participants: [],
      accountIds: [accountId], opportunityId: null, source: 'sync', visibility, holders: [{ userId: a.users.rep.id, relation: 'holds', at: T0 }],
      externalKey: `msgid:${key}`,
    }], T0))[0]!.id;

  beforeAll(async () => {
    accountId = (await createAccount(a.scope, { name: 'Read Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;
  });

  it('a colleague sees a metadata-only item redacted and a private one not at all', async () => {
    const meta = await held('read-meta@asiakas.fi', 'metadata');
    expect((await readInteraction(a.scope, rep2(), meta)).view).toMatchObject({ subject: null, snippet: null, redacted: true });
    const priv = await held('read-private@asiakas.fi', 'private');
    await expect(readInteraction(a.scope, rep2(), priv)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await readInteraction(a.scope, { userId: a.users.rep.id, role: 'rep' }, priv)).view.subject).toBe('Tarjous');
  });

  it('finds a logged email by its Message-ID, and asks for a key when none is given', async () => {
    const id = await held('read-lookup@asiakas.fi', 'shared');
    expect((await lookupInteraction(a.scope, rep2(), { internetMessageId: '<read-lookup@asiakas.fi>' })).id).toBe(id);
    await expect(lookupInteraction(a.scope, rep2(), { internetMessageId: '<not-logged@asiakas.fi>' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(lookupInteraction(a.scope, rep2(), { subject: 'Tarjous' })).rejects.toMatchObject({ kind: 'invalid' });
  });
});
