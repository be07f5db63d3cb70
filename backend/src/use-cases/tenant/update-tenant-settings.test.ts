import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { getTenant } from '../../store/tenants.ts';
import { updateTenantSettings } from './update-tenant-settings.ts';

describe.each(testDatabases())('tenant settings use case on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('lets only an admin replace the settings, audited', async () => {
    const { settings } = await getTenant(a.scope);
    const next = { ...settings, cadenceDays: { ...settings.cadenceDays, A: 7 } };
    await expect(updateTenantSettings(a.scope, a.users.manager, next, T0)).rejects.toMatchObject({ kind: 'forbidden', detail: expect.stringMatching(/admin/) });
    expect((await updateTenantSettings(a.scope, a.users.admin, next, T0)).settings.cadenceDays.A).toBe(7);
    expect((await auditTrail(a.scope, 'tenant', a.tenantId)).map((x) => x.action)).toEqual(['settings.update']);
  });
});
