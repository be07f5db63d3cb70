// The API under test: the real app on a migrated database, with tokens signed by a test issuer and checked
// by the production verifier (signature, issuer, audience, tenant, expiry, scope).
import { createApp } from '../../backend/src/app.ts';
import type { TimelinePageCache } from '../../backend/src/http/timeline-page-cache.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { createAccessTokenVerifier } from '../../backend/src/auth/index.ts';
import { createTestIssuer, type TestIssuer } from './test-issuer.ts';
import { v2IssuerFor } from '../../backend/src/auth/entra-authority.ts';
import { findTenantByEntraId } from '../../backend/src/store/tenants.ts';
import { makeTenant, T0, type FixtureTenant } from './fixtures.ts';
import type { User } from '../../backend/src/domain/types.ts';
import type { RateLimits } from '../../backend/src/http/rate-limit.ts';
import type { SyncService } from '../../backend/src/sync/sync-service.ts';

export interface Harness {
  app: ReturnType<typeof createApp>;
  issuer: TestIssuer;
  a: FixtureTenant;
  b: FixtureTenant;
  clock: { now: number };
  token(tenant: FixtureTenant, user: User, extra?: { roles?: string[] }): Promise<string>;
  call(method: string, path: string, opts?: { as?: [FixtureTenant, User] | string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function apiHarness(handle: Db, bodyLimitBytes = 64 * 1024, extra: { sync?: SyncService; rateLimits?: RateLimits; timelinePages?: TimelinePageCache } = {}): Promise<Harness> {
  const a = await makeTenant(handle, 'seller-a.fi', 'Seller A Oy');
  const b = await makeTenant(handle, 'seller-b.fi', 'Seller B Oy');
  const issuer = await createTestIssuer({ tenantId: a.entraTenantId });
  const verifier = createAccessTokenVerifier({
    audiences: [issuer.audience, issuer.appIdUri],
    authorityHost: issuer.authorityHost,
    getKey: issuer.getKey,
    isTenantOnboarded: async (tid) => (await findTenantByEntraId(handle.db, tid)) !== null,
  });
  const clock = { now: T0 + 30 * 86_400_000 };
  const app = createApp({
    handle,
    clock: () => clock.now,
    config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes, demo: false, ...(extra.rateLimits ? { rateLimits: extra.rateLimits } : {}) },
    verify: (t) => verifier.verify(t),
    ...(extra.sync ? { sync: extra.sync } : {}),
    ...(extra.timelinePages ? { timelinePages: extra.timelinePages } : {}),
  });
  const token = async (tenant: FixtureTenant, user: User, extra: { roles?: string[] } = {}) => {
    const roles = extra.roles ?? (user.role === 'admin' ? ['Suhde.Admin'] : user.role === 'manager' ? ['Suhde.Manager'] : []);
    const params = { oid: user.entraObjectId, name: user.displayName, username: user.email, roles };
    if (tenant.entraTenantId === issuer.tenantId) return issuer.token(params);
    return issuer.signWith({ tid: tenant.entraTenantId, iss: v2IssuerFor(issuer.authorityHost, tenant.entraTenantId) }, params);
  };
  const call: Harness['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) headers.authorization = `Bearer ${typeof opts.as === 'string' ? opts.as : await token(opts.as[0], opts.as[1])}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (docs page)
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { app, issuer, a, b, clock, token, call };
}
