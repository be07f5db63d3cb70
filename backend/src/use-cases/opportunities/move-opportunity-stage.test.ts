import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { getTenant, updateTenantSettings } from '../../store/tenants.ts';
import { DAY_MS } from '../../domain/types.ts';
import { createAccount } from '../accounts/create-account.ts';
import { createOpportunity } from './create-opportunity.ts';
import { moveOpportunityStage } from './move-opportunity-stage.ts';
import { updateOpportunity } from './update-opportunity.ts';

describe.each(testDatabases())('opportunity use cases on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');
  let accountId: string;
  const deal = (extra: Partial<Parameters<typeof createOpportunity>[2]> = {}) =>
    createOpportunity(a.scope, a.users.rep, { accountId, name: 'Trukit', stage: 'identified', value: 10_000, currency: 'EUR', lines: [], expectedCloseDate: null, ...extra }, T0);

  beforeAll(async () => {
    accountId = (await createAccount(a.scope, a.users.rep, { name: 'Kallio Oy', domains: [], tier: 'B', lifecycle: 'customer', industry: null, size: null, region: null }, T0)).id;
    // Settings that disagree with the outcome: won and lost must not follow them.
    const { settings } = await getTenant(a.scope);
    await updateTenantSettings(a.scope, { ...settings, stageProbability: { ...settings.stageProbability, won: 90, lost: 10 } }, a.users.admin.id, T0);
  });

  it('refuses won -> lost and lost -> won; a reopened deal may close the other way', async () => {
    const o = await deal();
    expect((await moveOpportunityStage(a.scope, a.users.rep, o.id, 'won', T0 + DAY_MS)).probability).toBe(100);
    await expect(moveOpportunityStage(a.scope, a.users.rep, o.id, 'lost', T0 + 2 * DAY_MS)).rejects.toMatchObject({ kind: 'conflict', detail: expect.stringMatching(/Reopen/) });
    await moveOpportunityStage(a.scope, a.users.rep, o.id, 'negotiation', T0 + 2 * DAY_MS);
    expect(await moveOpportunityStage(a.scope, a.users.rep, o.id, 'lost', T0 + 3 * DAY_MS)).toMatchObject({ stage: 'lost', probability: 0 });
    await expect(moveOpportunityStage(a.scope, a.users.rep, o.id, 'won', T0 + 4 * DAY_MS)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('treats the same stage as no change: stageChangedAt stays', async () => {
    const o = await deal({ stage: 'offer' });
    expect((await moveOpportunityStage(a.scope, a.users.rep, o.id, 'offer', T0 + DAY_MS)).stageChangedAt).toBe(T0);
  });

  it('fixes a closed deal’s probability whatever the settings or the request say', async () => {
    const won = await deal({ stage: 'won' });
    expect(won.probability).toBe(100);
    await expect(updateOpportunity(a.scope, a.users.rep, won.id, { probability: 40 }, T0)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await updateOpportunity(a.scope, a.users.rep, won.id, { name: 'Renamed', probability: 100 }, T0)).probability).toBe(100);
    const open = await deal();
    expect((await updateOpportunity(a.scope, a.users.rep, open.id, { probability: 35 }, T0)).probability).toBe(35);
  });

  it('sums lines rounded half away from zero, on create and on update', async () => {
    const o = await deal({ lines: [{ product: 'Hours', quantity: 1.005, unitPrice: 100 }] });
    expect(o.value).toBe(101);
    expect((await updateOpportunity(a.scope, a.users.rep, o.id, { lines: [{ product: 'Half', quantity: 0.5, unitPrice: 5 }] }, T0)).value).toBe(3);
    expect((await updateOpportunity(a.scope, a.users.rep, o.id, { lines: [], value: 777 }, T0)).value).toBe(777);
  });

  it('lets only the owner, the account owner, managers and admins change a deal', async () => {
    const o = await createOpportunity(a.scope, a.users.rep2, { accountId, name: 'Theirs', stage: 'identified', value: 1, currency: 'EUR', lines: [], expectedCloseDate: null }, T0);
    const outsider = { ...a.users.rep, id: 'someone-else' };
    await expect(moveOpportunityStage(a.scope, outsider, o.id, 'offer', T0)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(updateOpportunity(a.scope, outsider, o.id, { name: 'Mine' }, T0)).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await moveOpportunityStage(a.scope, a.users.rep, o.id, 'offer', T0)).stage).toBe('offer'); // rep owns the account
    await expect(moveOpportunityStage(a.scope, a.users.manager, 'no-such-deal', 'offer', T0)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
