// A small tenant for store and API tests: two tenants so every test can also prove isolation.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../backend/src/store/connect.ts';
import { insertTenant } from '../../backend/src/store/tenants.ts';
import { insertUsers } from '../../backend/src/store/users.ts';
import { tenantScope, type TenantScope } from '../../backend/src/store/scope.ts';
import { DEFAULT_TENANT_SETTINGS, type Role, type User } from '../../backend/src/domain/types.ts';

export const T0 = Date.UTC(2026, 9, 1, 9, 0, 0);

export interface FixtureTenant {
  scope: TenantScope;
  tenantId: string;
  entraTenantId: string;
  users: Record<'rep' | 'rep2' | 'manager' | 'admin', User>;
}

export async function makeTenant(handle: Db, domain: string, name = domain): Promise<FixtureTenant> {
  const tenantId = randomUUID();
  const entraTenantId = randomUUID();
  await insertTenant(handle.db, {
    id: tenantId,
    entraTenantId,
    name,
    settings: { ...DEFAULT_TENANT_SETTINGS, internalDomains: [domain] },
    createdAt: T0,
  });
  const scope = tenantScope(handle, tenantId);
  const mk = (key: string, displayName: string, role: Role): User => ({
    id: randomUUID(), tenantId, entraObjectId: randomUUID(), displayName, email: `${key}@${domain}`, role, team: 'Enterprise', createdAt: T0,
  });
  const users = {
    rep: mk('rep', 'Riikka Rep', 'rep'),
    rep2: mk('rep2', 'Ronja Rep', 'rep'),
    manager: mk('manager', 'Matti Manager', 'manager'),
    admin: mk('admin', 'Aino Admin', 'admin'),
  };
  await insertUsers(scope, Object.values(users));
  return { scope, tenantId, entraTenantId, users };
}
