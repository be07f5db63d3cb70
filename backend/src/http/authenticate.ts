// Bearer-token authentication for /api: the token is validated (signature, issuer, audience, tenant, expiry,
// scope) by the verifier; identity is (tid, oid), and the tenant scope comes from the token, never the request.
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../store/connect.ts';
import { findTenantByEntraIdCached, tenantChanges } from '../store/tenants.ts';
import { tenantScope } from '../store/scope.ts';
import { findUserByObjectId } from '../store/users.ts';
import { noteEffectiveRole, provisionUser } from '../use-cases/users/provision-user.ts';
import { HttpError } from './http-error.ts';
import { AuthError } from '../auth/index.ts';
import type { Role } from '../domain/types.ts';
import type { AppEnv, AuthContext } from './context.ts';

export interface Principal {
  tid: string;
  oid: string;
  name: string | null;
  username: string | null;
  roles: string[];
}

export type VerifyToken = (token: string) => Promise<Principal>;

/** App roles defined on the Entra registration; a token role raises, never lowers, the role kept in Suhde. */
const APP_ROLES: Record<string, Role> = { 'Suhde.Admin': 'admin', 'Suhde.Manager': 'manager' };
const RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

export function effectiveRole(stored: Role, tokenRoles: string[]): Role {
  return tokenRoles.map((r) => APP_ROLES[r]).reduce<Role>((best, r) => (r && RANK[r] > RANK[best] ? r : best), stored);
}

const unauthorized = (detail: string) => new HttpError(401, 'Sign-in required', detail);

/** A small map whose entries expire, bounded in size (oldest first out). */
class ExpiringCache<V> {
  private readonly map = new Map<string, { value: V; until: number }>();
  constructor(private readonly max: number) {}
  get(key: string, now: number): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.until <= now) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }
  set(key: string, value: V, until: number) {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, { value, until });
  }
}

/**
 * Who a token's (tid, oid) is in Suhde is looked up once per few seconds, not on every request: the hot
 * timeline route would otherwise pay two extra queries. A role change shows within that time; a settings change
 * saved by this process at once (tenantChanges), by another instance within that time.
 */
const IDENTITY_TTL_MS = 5_000;

export function authenticate(handle: Db, verify: VerifyToken, clock: () => number): MiddlewareHandler<AppEnv> {
  const identities = new ExpiringCache<{ auth: AuthContext; tenantChanges: number }>(10_000);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header?.match(/^Bearer\s+([A-Za-z0-9\-_=.]+)\s*$/);
    if (!match) throw unauthorized('Send an access token for the Suhde API in the Authorization header (Bearer).');
    let principal: Principal;
    try {
      principal = await verify(match[1]!);
    } catch (e) {
      if (e instanceof AuthError) throw unauthorized(e.message);
      // Keys or the tenant lookup could not be reached: that is our outage, not a bad token.
      console.error('[suhde] token validation could not run:', e);
      throw new HttpError(503, 'Sign-in unavailable', 'Your sign-in could not be checked just now. Try again in a minute.');
    }
    const wallNow = Date.now();
    const key = `${principal.tid}/${principal.oid}/${principal.roles.join(',')}`;
    const cached = identities.get(key, wallNow);
    if (cached && cached.tenantChanges === tenantChanges(cached.auth.tenant.id)) {
      c.set('auth', cached.auth);
      return next();
    }
    const tenant = await findTenantByEntraIdCached(handle.db, principal.tid, wallNow);
    if (!tenant) throw unauthorized('Your organisation has not been set up in Suhde yet. Ask your administrator.');
    const scope = tenantScope(handle, tenant.id);
    let user = await findUserByObjectId(scope, principal.oid);
    if (!user) {
      // First sign-in of someone in an onboarded tenant: they join as a rep; app roles may raise that.
      user = await provisionUser(scope, principal, clock());
      if (!user) throw unauthorized('Your user could not be set up. Try again.');
    }
    const auth = { user, tenant, scope, role: effectiveRole(user.role, principal.roles) };
    await noteEffectiveRole(scope, user, auth.role, clock());
    identities.set(key, { auth, tenantChanges: tenantChanges(tenant.id) }, wallNow + IDENTITY_TTL_MS);
    c.set('auth', auth);
    await next();
  };
}

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('auth').role)) {
      throw new HttpError(403, 'Forbidden', `This needs the ${roles.join(' or ')} role; you are signed in as ${c.get('auth').role}.`);
    }
    await next();
  };
}
