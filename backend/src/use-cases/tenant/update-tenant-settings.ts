import type { Retention, Tenant, TenantSettings } from '../../domain/types.ts';
import { mayEditSettings, type Actor } from '../../domain/record-permissions.ts';
import { getTenant, updateTenantSettings as saveSettings } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { invalid } from '../../domain/errors.ts';
import { settingsProblems } from '../../domain/settings-rules.ts';

/** Settings as a client sends them: one written before retention (or care plans) existed leaves it out and keeps the tenant's. */
export type SettingsInput = Omit<TenantSettings, 'retention' | 'idleDealDays' | 'carePlans' | 'timeZone'> & {
  retention?: Retention | undefined; idleDealDays?: number | undefined; carePlans?: TenantSettings['carePlans'] | undefined; timeZone?: string | undefined;
};

export async function updateTenantSettings(scope: TenantScope, actor: Actor, settings: SettingsInput, now: number): Promise<Tenant> {
  requirePermission(mayEditSettings(actor));
  const problems = settingsProblems(settings);
  if (problems.length) throw invalid(`Some settings are not valid: ${problems.map((p) => p.message).join('; ')}.`, problems);
  return inTransaction(scope, async (tx) => {
    const stored = (await getTenant(tx)).settings;
    const retention = settings.retention ?? stored.retention;
    return saveSettings(tx, { ...settings, retention, idleDealDays: settings.idleDealDays ?? stored.idleDealDays, carePlans: settings.carePlans ?? stored.carePlans, timeZone: settings.timeZone ?? stored.timeZone }, actor.id, now);
  });
}
