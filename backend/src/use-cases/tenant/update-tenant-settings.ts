import type { Retention, Tenant, TenantSettings } from '../../domain/types.ts';
import { mayEditSettings, type Actor } from '../../domain/record-permissions.ts';
import { getTenant, updateTenantSettings as saveSettings } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

/** Settings as a client sends them: one written before retention existed leaves it out and keeps the tenant's. */
export type SettingsInput = Omit<TenantSettings, 'retention'> & { retention?: Retention | undefined };

export async function updateTenantSettings(scope: TenantScope, actor: Actor, settings: SettingsInput, now: number): Promise<Tenant> {
  requirePermission(mayEditSettings(actor));
  return inTransaction(scope, async (tx) => {
    const retention = settings.retention ?? (await getTenant(tx)).settings.retention;
    return saveSettings(tx, { ...settings, retention }, actor.id, now);
  });
}
