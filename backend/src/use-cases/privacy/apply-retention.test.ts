import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../../test/support/fixtures.ts';
import type { Db } from '../../store/connect.ts';
import { createAccount, getAccount } from '../../store/accounts.ts';
import { getInteraction, type InteractionInput } from '../../store/interactions.ts';
import { getTenant, updateTenantSettings } from '../../store/tenants.ts';
import { DAY_MS, type Retention } from '../../domain/types.ts';
import { periodOf } from '../../domain/period.ts';
import { mergeInteractionCopies } from '../interactions/merge-interaction-copies.ts';
import { removeInteraction } from '../interactions/remove-interaction.ts';
import { computeDashboard, type DashboardFigures } from '../analytics/compute-dashboard.ts';
import { createDashboardCache } from '../analytics/dashboard-cache.ts';
import { applyRetention } from './apply-retention.ts';

// T0 is 1 October 2026; "now" is a year on, and a 6-month retention cuts at 1 April 2027.
const NOW = Date.UTC(2027, 9, 1, 3, 0);
const OLD = T0 + 10 * DAY_MS;
const RECENT = NOW - 30 * DAY_MS;

describe.each(testDatabases())('apply retention on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let n = 0;
  beforeAll(async () => ({ handle, dispose } = await database.open()));
  afterAll(async () => dispose());

  /** A tenant with retention set, an account owned by the rep, and a helper storing an email of the rep's. */
  async function tenantWith(retention: Retention) {
    const a: FixtureTenant = await makeTenant(handle, `retention-${++n}.fi`);
    await updateTenantSettings(a.scope, { ...(await getTenant(a.scope)).settings, retention }, a.users.admin.id, T0);
    const acc = await createAccount(a.scope, { name: `Säilytys ${n}`, domains: [], tier: 'A', lifecycle: 'customer', ownerId: a.users.rep.id, industry: null, size: null, region: null }, null, T0);
    const email = async (at: number, extra: Partial<InteractionInput> = {}) => {
      const input: InteractionInput = {
        kind: 'email', direction: 'inbound', occurredAt: at, subject: 'Tarjous', snippet: 'Hei, tässä tarjous', note: 'Soita perään', durationMinutes: null,
        participants: [{ role: 'from', address: 'ostaja@asiakas.fi', displayName: 'Olli Ostaja', userId: null, contactId: null }],
        accountIds: [acc.id], opportunityId: null, source: 'sync', visibility: 'shared',
        holders: [{ userId: a.users.rep.id, relation: 'holds', at }], externalKey: `msgid:retention-${++n}@asiakas.fi`, ...extra,
      };
      const [r] = await mergeInteractionCopies(a.scope, [input], at);
      return r!.id;
    };
    return { a, acc, email };
  }

  it('keeps everything without a retention', async () => {
    const { a, email } = await tenantWith({ months: null, action: 'delete' });
    const id = await email(OLD);
    expect(await applyRetention(a.scope, NOW)).toMatchObject({ action: null, removed: 0, purged: 0, anonymised: 0 });
    expect(await getInteraction(a.scope, id)).not.toBeNull();
  });

  it('delete: old interactions are removed and purged, recent ones stay, last contact follows; audited with counts only', async () => {
    const { a, acc, email } = await tenantWith({ months: 6, action: 'delete' });
    const old = [await email(OLD), await email(OLD + DAY_MS)];
    const unlinked = await email(OLD + 2 * DAY_MS);
    await removeInteraction(a.scope, { userId: a.users.rep.id, role: 'rep' }, { id: unlinked, reason: null }, OLD + 3 * DAY_MS);
    const recent = await email(RECENT);
    expect(await applyRetention(a.scope, NOW)).toMatchObject({ action: 'delete', removed: 2, purged: 3, anonymised: 0 });
    for (const id of [...old, unlinked]) {
      expect(await getInteraction(a.scope, id)).toBeNull();
      expect(await handle.db.selectFrom('interactions').select('id').where('tenant_id', '=', a.tenantId).where('id', '=', id).executeTakeFirst()).toBeUndefined();
    }
    expect(await getInteraction(a.scope, recent)).toMatchObject({ subject: 'Tarjous' });
    expect((await getAccount(a.scope, acc.id))!.lastContactAt).toBe(RECENT);
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', a.tenantId).where('action', 'in', ['retention.apply', 'interaction.retention_remove']).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toEqual({ action: 'delete', months: 6, cutoff: Date.UTC(2027, 3, 1, 3, 0), removed: 2, purged: 3, anonymised: 0 });
    // A second run the same day has nothing to do and records nothing.
    expect(await applyRetention(a.scope, NOW + 1000)).toMatchObject({ removed: 0, purged: 0 });
  });

  it('anonymise: words and addresses go, and the dashboard counts for the period are the same before and after', async () => {
    const { a, email } = await tenantWith({ months: 6, action: 'anonymise' });
    const old = await email(OLD);
    await email(OLD + DAY_MS, { direction: 'outbound' });
    await email(OLD + 2 * DAY_MS, { kind: 'meeting', direction: null, durationMinutes: 45 });
    const recent = await email(RECENT);
    const dashboard = async () => (await computeDashboard(createDashboardCache<DashboardFigures>(), {
      scope: a.scope, settings: (await getTenant(a.scope)).settings, period: periodOf('2026-10-01', '2026-12-31', 'Europe/Helsinki'),
      team: 'Enterprise', limit: 10, refresh: true, now: NOW,
    })).value;
    const before = await dashboard();
    expect(before.reps.find((r) => r.userId === a.users.rep.id)).toMatchObject({ emailsReceived: 1, emailsSent: 1, meetings: 1 });

    expect(await applyRetention(a.scope, NOW)).toMatchObject({ action: 'anonymise', removed: 0, anonymised: 3 });
    expect(await dashboard()).toEqual(before);
    const blanked = await getInteraction(a.scope, old);
    expect(blanked).toMatchObject({ kind: 'email', occurredAt: OLD, subject: null, snippet: null, note: null });
    expect(blanked!.participants.map((p) => [p.address, p.displayName])).toEqual([['', null]]);
    expect(blanked!.holders.map((h) => h.userId)).toEqual([a.users.rep.id]);
    expect(await getInteraction(a.scope, recent)).toMatchObject({ subject: 'Tarjous', participants: [{ address: 'ostaja@asiakas.fi' }] });
    // Done once: the next day's run passes over what it already blanked.
    expect(await applyRetention(a.scope, NOW + DAY_MS)).toMatchObject({ anonymised: 0 });
  });
});
