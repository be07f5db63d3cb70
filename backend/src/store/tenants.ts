// Tenants and their settings. Looking a tenant up by its Entra directory id is the one unscoped read:
// it is how an authenticated request finds its scope.
import type { Kysely } from 'kysely';
import type { Database, TenantTable } from './database.ts';
import { DEFAULT_TENANT_SETTINGS, TIERS, type Tenant, type TenantSettings } from '../domain/types.ts';
import { inTransaction, type TenantScope } from './scope.ts';
import { writeAudit } from './audit.ts';
import { changedFields } from '../domain/audit-detail.ts';

export function tenantFromRow(row: TenantTable): Tenant {
  const stored = JSON.parse(row.settings) as Partial<TenantSettings>;
  // Settings saved by an older version lack newer keys: fill them from the defaults.
  const settings: TenantSettings = {
    ...DEFAULT_TENANT_SETTINGS,
    ...stored,
    cadenceDays: { ...DEFAULT_TENANT_SETTINGS.cadenceDays, ...stored.cadenceDays },
    stageProbability: { ...DEFAULT_TENANT_SETTINGS.stageProbability, ...stored.stageProbability },
    retention: { ...DEFAULT_TENANT_SETTINGS.retention, ...stored.retention },
    carePlans: Object.fromEntries(TIERS.map((t) => [t, { ...DEFAULT_TENANT_SETTINGS.carePlans[t], ...stored.carePlans?.[t] }])) as TenantSettings['carePlans'],
  };
  return { id: row.id, name: row.name, entraTenantId: row.entra_tenant_id, settings, createdAt: row.created_at };
}

export async function findTenantByEntraId(db: Kysely<Database>, entraTenantId: string): Promise<Tenant | null> {
  const row = await db.selectFrom('tenants').selectAll().where('entra_tenant_id', '=', entraTenantId).executeTakeFirst();
  return row ? tenantFromRow(row) : null;
}

/**
 * Changes of each tenant's row made by this process: a remembered tenant older than its tenant's count is
 * read again. Another server instance's change shows within TENANT_TTL_MS.
 */
const changes = new Map<string, number>();
export const tenantChanges = (tenantId: string): number => changes.get(tenantId) ?? 0;
const TENANT_TTL_MS = 5_000;
const remembered = new WeakMap<object, Map<string, { tenant: Tenant; until: number; changes: number }>>();

/**
 * findTenantByEntraId, remembered for a few seconds per database handle: every authenticated request needs its
 * tenant, which changes only when an admin saves the settings. Only tenants found are remembered.
 */
export async function findTenantByEntraIdCached(db: Kysely<Database>, entraTenantId: string, now = Date.now()): Promise<Tenant | null> {
  let byEntra = remembered.get(db);
  if (!byEntra) remembered.set(db, (byEntra = new Map()));
  const hit = byEntra.get(entraTenantId);
  if (hit && hit.until > now && hit.changes === tenantChanges(hit.tenant.id)) return hit.tenant;
  const tenant = await findTenantByEntraId(db, entraTenantId);
  if (!tenant) {
    byEntra.delete(entraTenantId);
    return null;
  }
  if (byEntra.size >= 1000) byEntra.delete(byEntra.keys().next().value!);
  byEntra.set(entraTenantId, { tenant, until: now + TENANT_TTL_MS, changes: tenantChanges(tenant.id) });
  return tenant;
}

/** Every tenant (an operator's tool, such as the sync CLI, picks one by id, directory id or name). */
export async function listTenants(db: Kysely<Database>): Promise<Tenant[]> {
  return (await db.selectFrom('tenants').selectAll().orderBy('name').execute()).map(tenantFromRow);
}

export async function insertTenant(db: Kysely<Database>, tenant: Tenant): Promise<void> {
  await db
    .insertInto('tenants')
    .values({
      id: tenant.id,
      entra_tenant_id: tenant.entraTenantId,
      name: tenant.name,
      settings: JSON.stringify(tenant.settings),
      created_at: tenant.createdAt,
    })
    .execute();
}

export async function getTenant(scope: TenantScope): Promise<Tenant> {
  const row = await scope.db.selectFrom('tenants').selectAll().where('id', '=', scope.tenantId).executeTakeFirstOrThrow();
  return tenantFromRow(row);
}

export async function updateTenantSettings(scope: TenantScope, settings: TenantSettings, actorId: string, now: number): Promise<Tenant> {
  const bump = () => changes.set(scope.tenantId, tenantChanges(scope.tenantId) + 1);
  // Before (a request reading meanwhile remembers nothing newer) and after the commit (nor the row it read).
  bump();
  try {
    return await updateSettingsRow(scope, settings, actorId, now);
  } finally {
    bump();
  }
}

async function updateSettingsRow(scope: TenantScope, settings: TenantSettings, actorId: string, now: number): Promise<Tenant> {
  return inTransaction(scope, async (tx) => {
    const before = await getTenant(tx);
    await tx.db.updateTable('tenants').set({ settings: JSON.stringify(settings) }).where('id', '=', tx.tenantId).execute();
    // The names of the settings changed, not their values: blocked addresses are people's addresses.
    const fields = changedFields(before.settings, settings);
    await writeAudit(tx, { actorId, action: 'settings.update', entityType: 'tenant', entityId: tx.tenantId, at: now, detail: { fields } });
    return getTenant(tx);
  });
}
