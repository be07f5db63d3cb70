import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import { auditTrail } from '../../store/audit.ts';
import type { Visibility } from '../../domain/types.ts';
import { mergeInteractionCopies } from './merge-interaction-copies.ts';
import { changeInteraction } from './change-interaction.ts';

describe.each(testDatabases())('change interaction on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-change.fi');
  let accountId: string;
  let n = 0;
  const rep = () => ({ userId: a.users.rep.id, role: 'rep' as const });
  const rep2 = () => ({ userId: a.users.rep2.id, role: 'rep' as const });
  const manager = () => ({ userId: a.users.manager.id, role: 'manager' as const });
  /** An email the rep holds. */
  const held = async (visibility: Visibility) =>
    (await mergeInteractionCopies(a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: T0, subject: 'Tarjous', snippet: null, note: null, durationMinutes: null, participants: [],
      accountIds: [accountId], opportunityId: null, source: 'sync', visibility, holders: [{ userId: a.users.rep.id, relation: 'holds', at: T0 }],
      externalKey: `msgid:change-${++n}@asiakas.fi`,
    }], T0))[0]!.id;

  beforeAll(async () => {
    accountId = (await createAccount(a.scope, { name: 'Change Oy', domains: [], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;
  });

  it('the holder sets visibility and the note, audited', async () => {
    const id = await held('metadata');
    const view = await changeInteraction(a.scope, rep(), id, { visibility: 'shared', note: 'Soita' }, T0 + 1);
    expect(view).toMatchObject({ visibility: 'shared', note: 'Soita', redacted: false });
    expect((await auditTrail(a.scope, 'interaction', id)).map((t) => t.action)).toEqual(['interaction.update']);
  });

  it('a manager may change the note of a shared item, not who sees it', async () => {
    const id = await held('shared');
    expect((await changeInteraction(a.scope, manager(), id, { note: 'Managerin huomio' }, T0 + 1)).note).toBe('Managerin huomio');
    await expect(changeInteraction(a.scope, manager(), id, { visibility: 'private' }, T0 + 1)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('a rep who does not hold it may not; a metadata-only item is not the manager’s to change; a private one is not found', async () => {
    await expect(changeInteraction(a.scope, rep2(), await held('shared'), { note: 'x' }, T0)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(changeInteraction(a.scope, manager(), await held('metadata'), { note: 'x' }, T0)).rejects.toMatchObject({ kind: 'forbidden', detail: expect.stringMatching(/only that this contact happened/) });
    await expect(changeInteraction(a.scope, manager(), await held('private'), { note: 'x' }, T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
