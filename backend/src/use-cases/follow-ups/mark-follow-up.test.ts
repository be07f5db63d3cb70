import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import type { Db } from '../../store/connect.ts';
import { setFollowUp } from '../../store/follow-ups.ts';
import { mergeAndLoad as ingestInteractions } from '../interactions/merge-interaction-copies.ts';
import { createAccount } from '../accounts/create-account.ts';
import { markFollowUp } from './mark-follow-up.ts';

describe.each(testDatabases())('follow-up use case on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let a: FixtureTenant;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    a = await makeTenant(handle, 'seller-a.fi');
  });
  afterAll(async () => dispose());

  it('lets the person who set a follow-up mark it; anyone else is told it does not exist', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'B', lifecycle: 'customer', industry: null, size: null, region: null }, T0);
    const [stored] = await ingestInteractions(a.scope, [{
      kind: 'call', direction: 'outbound', occurredAt: T0, subject: 'Soitto', snippet: null, note: null, durationMinutes: 5, participants: [],
      accountIds: [acc.id], opportunityId: null, source: 'manual', visibility: 'shared', holders: [{ userId: a.users.rep.id, relation: 'logged', at: T0 }], externalKey: null,
    }], T0);
    const f = await setFollowUp(a.scope, { userId: a.users.rep.id, interactionId: stored!.interaction.id, accountId: acc.id, dueOn: '2026-10-08' }, T0);
    await expect(markFollowUp(a.scope, a.users.manager, f.id, true, T0)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await markFollowUp(a.scope, a.users.rep, f.id, true, T0 + 1)).doneAt).toBe(T0 + 1);
    expect((await markFollowUp(a.scope, a.users.rep, f.id, false, T0 + 2)).doneAt).toBeNull();
    await expect(markFollowUp(a.scope, a.users.rep, 'no-such-follow-up', true, T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
