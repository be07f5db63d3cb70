// What every authenticated request carries: who (from the validated token), their tenant, and a store handle
// scoped to that tenant. Routes reach the database only through auth.scope.
import type { Role, Tenant, User } from '../domain/types.ts';
import type { TenantScope } from '../store/scope.ts';

export interface AuthContext {
  user: User;
  tenant: Tenant;
  role: Role;
  scope: TenantScope;
}

export interface AppEnv {
  Variables: { auth: AuthContext; requestId: string };
}
