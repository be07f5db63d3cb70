import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { listFeedback } from '../../store/feedback.ts';
import { createAccount } from '../accounts/create-account.ts';
import { addFeedback } from './add-feedback.ts';

describe.each(testDatabases())('feedback use cases on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('records feedback dated now by default, never in the future, on an existing account', async () => {
    const acc = await createAccount(a.scope, a.users.rep, { name: 'Kallio Oy', domains: [], tier: 'B', lifecycle: 'customer', industry: null, size: null, region: null }, T0);
    const f = await addFeedback(a.scope, a.users.rep, { accountId: acc.id, contactId: null, kind: 'nps', score: 9, comment: null }, T0);
    expect(f.givenAt).toBe(T0);
    await expect(addFeedback(a.scope, a.users.rep, { accountId: acc.id, contactId: null, kind: 'csat', score: 4, comment: null, givenAt: T0 + 3_600_000 }, T0))
      .rejects.toMatchObject({ kind: 'invalid', errors: [{ field: 'givenAt' }] });
    expect(await listFeedback(a.scope, acc.id)).toHaveLength(1);
    await expect(addFeedback(a.scope, a.users.rep, { accountId: 'no-such-account', contactId: null, kind: 'nps', score: 1, comment: null }, T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
