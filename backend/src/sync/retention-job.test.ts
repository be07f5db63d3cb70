import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0 } from '../../../test/support/fixtures.ts';
import type { Db } from '../store/connect.ts';
import { getTenant, updateTenantSettings } from '../store/tenants.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { getInteraction } from '../store/interactions.ts';
import { DAY_MS } from '../domain/types.ts';
import { retentionJob } from './retention-job.ts';

// The timer itself, on SQLite (PostgreSQL schedules through pg-boss's cron, which runs at most once a minute).
describe.each(testDatabases().filter((d) => d.name === 'sqlite'))('retention timer on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ handle, dispose } = await database.open()));
  afterAll(async () => dispose());

  it('applies every tenant’s retention when the timer fires', async () => {
    const a = await makeTenant(handle, 'retention-timer.fi');
    await updateTenantSettings(a.scope, { ...(await getTenant(a.scope)).settings, retention: { months: 1, action: 'anonymise' } }, a.users.admin.id, T0);
    const [r] = await mergeInteractionCopies(a.scope, [{
      kind: 'note', direction: null, occurredAt: T0, subject: 'Muistiinpano', snippet: null, note: 'Salaista', durationMinutes: null,
      participants: [], accountIds: [], opportunityId: null, source: 'manual', visibility: 'shared',
      holders: [{ userId: a.users.rep.id, relation: 'logged', at: T0 }], externalKey: null,
    }], T0);
    const job = retentionJob({ handle, clock: () => T0 + 90 * DAY_MS, intervalMs: 20, log: () => {} });
    await job.start();
    await expect.poll(async () => (await getInteraction(a.scope, r!.id))?.note, { timeout: 5000 }).toBeNull();
    await job.stop();
    expect(await getInteraction(a.scope, r!.id)).toMatchObject({ subject: null, note: null });
  });
});
