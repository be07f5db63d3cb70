// The demo tenant: generated from a fixed seed and loaded once, into a database that does not have it yet.
import type { Db } from '../store/connect.ts';
import { findTenantByEntraId } from '../store/tenants.ts';
import { seedTenant } from '../store/seed.ts';
import { DEMO_ENTRA_TENANT_ID, DEMO_SCALE, DEMO_SEED, DEMO_TENANT_NAME, generateTenant } from '../demo/generate-tenant.ts';

export async function ensureDemoTenant(handle: Db, now: number): Promise<{ created: boolean; tenantName: string; counts: string }> {
  const existing = await findTenantByEntraId(handle.db, DEMO_ENTRA_TENANT_ID);
  if (existing) return { created: false, tenantName: existing.name, counts: 'kept as it was' };
  // The history ends today, so the demo always has fresh, overdue and cooling accounts to show.
  const data = generateTenant({ seed: DEMO_SEED, now, scale: DEMO_SCALE });
  const { interactions } = await seedTenant(handle, data, now);
  return {
    created: true,
    tenantName: DEMO_TENANT_NAME,
    counts: `${data.users.length} users, ${data.accounts.length} accounts, ${data.contacts.length} contacts, ${interactions} interactions, ${data.opportunities.length} opportunities`,
  };
}
