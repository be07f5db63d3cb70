// The dashboard data version moves once per committed write, inside the write's transaction: never for a write
// that rolled back, and once however many audited changes the transaction made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import type { Db } from './connect.ts';
import { inTransaction } from './scope.ts';
import { writeAudit } from './audit.ts';
import { dataVersion } from './rollups.ts';
import { touchTimeline } from './timeline-rows.ts';
import { anonymiseInteractions } from './retention.ts';

describe.each(testDatabases())('the data version on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let a: FixtureTenant;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    a = await makeTenant(handle, 'seller-a.fi');
  });
  afterAll(async () => dispose());

  const entry = (action: string) => ({ actorId: a.users.admin.id, action, entityType: 'account', entityId: 'x', at: T0 });

  it('moves once per transaction, at its commit', async () => {
    const before = await dataVersion(a.scope);
    await inTransaction(a.scope, async (tx) => {
      await writeAudit(tx, entry('account.update'));
      await writeAudit(tx, entry('opportunity.stage'));
      // Not yet: the bump runs just before the commit.
      expect(await dataVersion(tx)).toBe(before);
    });
    expect(await dataVersion(a.scope)).toBe(before + 1);
  });

  it('moves with every change of timeline rows, audited or not: the timeline page cache is validated by it', async () => {
    const before = await dataVersion(a.scope);
    // Retention's anonymisation batches commit on their own, unaudited until the run ends.
    await inTransaction(a.scope, (tx) => anonymiseInteractions(tx, ['00000000-0000-7000-8000-0000000000aa'], T0));
    expect(await dataVersion(a.scope)).toBe(before + 1);
    await touchTimeline(a.scope, ['00000000-0000-7000-8000-0000000000ab']); // outside a transaction: at once
    expect(await dataVersion(a.scope)).toBe(before + 2);
    await touchTimeline(a.scope, []);
    expect(await dataVersion(a.scope)).toBe(before + 2);
  });

  it('does not move for a write that rolled back, nor for a change no dashboard reads', async () => {
    const before = await dataVersion(a.scope);
    await expect(inTransaction(a.scope, async (tx) => {
      await writeAudit(tx, entry('account.update'));
      throw new Error('refused later in the use case');
    })).rejects.toThrow(/refused/);
    await inTransaction(a.scope, (tx) => writeAudit(tx, entry('saved-view.create'), false));
    expect(await dataVersion(a.scope)).toBe(before);
  });
});
