// Tenants and their settings. Looking a tenant up by its Entra directory id is the one unscoped read:
// it is how an authenticated request finds its scope.
import type { Kysely } from 'kysely';
import type { Database, TenantTable } from './database.ts';
import { DEFAULT_TENANT_SETTINGS, type Tenant, type TenantSettings } from '../domain/types.ts';
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
  };
  return { id: row.id, name: row.name, entraTenantId: row.entra_tenant_id, settings, createdAt: row.created_at };
}

export async function findTenantByEntraId(db: Kysely<Database>, entraTenantId: string): Promise<Tenant | null> {
  const row = await db.selectFrom('tenants').selectAll().where('entra_tenant_id', '=', entraTenantId).executeTakeFirst();
  return row ? tenantFromRow(row) : null;
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
  return inTransaction(scope, async (tx) => {
    const before = await getTenant(tx);
    await tx.db.updateTable('tenants').set({ settings: JSON.stringify(settings) }).where('id', '=', tx.tenantId).execute();
    // The names of the settings changed, not their values: blocked addresses are people's addresses.
    const fields = changedFields(before.settings, settings);
    await writeAudit(tx, { actorId, action: 'settings.update', entityType: 'tenant', entityId: tx.tenantId, at: now, detail: { fields } });
    return getTenant(tx);
  });
}
