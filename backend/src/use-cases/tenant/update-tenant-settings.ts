import type { Tenant, TenantSettings } from '../../domain/types.ts';
import { mayEditSettings, type Actor } from '../../domain/record-permissions.ts';
import { updateTenantSettings as saveSettings } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export async function updateTenantSettings(scope: TenantScope, actor: Actor, settings: TenantSettings, now: number): Promise<Tenant> {
  requirePermission(mayEditSettings(actor));
  return inTransaction(scope, (tx) => saveSettings(tx, settings, actor.id, now));
}
