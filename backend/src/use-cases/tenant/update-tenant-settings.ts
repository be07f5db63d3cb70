import type { Retention, Tenant, TenantSettings } from '../../domain/types.ts';
import { mayEditSettings, type Actor } from '../../domain/record-permissions.ts';
import { getTenant, updateTenantSettings as saveSettings } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

/** Settings as a client sends them: one written before retention existed leaves it out and keeps the tenant's. */
export type SettingsInput = Omit<TenantSettings, 'retention' | 'idleDealDays'> & { retention?: Retention | undefined; idleDealDays?: number | undefined };

export async function updateTenantSettings(scope: TenantScope, actor: Actor, settings: SettingsInput, now: number): Promise<Tenant> {
  requirePermission(mayEditSettings(actor));
  return inTransaction(scope, async (tx) => {
    const stored = (await getTenant(tx)).settings;
    const retention = settings.retention ?? stored.retention;
    return saveSettings(tx, { ...settings, retention, idleDealDays: settings.idleDealDays ?? stored.idleDealDays }, actor.id, now);
  });
}
