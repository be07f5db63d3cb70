// The request log: one JSON line per request with the fields operations need, and no personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant } from '../../../test/support/fixtures.ts';
import { createApp } from '../app.ts';
import { createTestIssuer } from '../../../test/support/test-issuer.ts';
import { createAccessTokenVerifier } from '../auth/index.ts';
import { findTenantByEntraId } from '../store/tenants.ts';
import type { RequestLogLine } from './request-log.ts';

const EMAIL = 'maija.meikalainen@customer.example';

describe('request log', () => {
  const lines: string[] = [];
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let token: string;
  let ids: { tenant: string; user: string };

  beforeAll(async () => {
    const db = await testDatabases()[0]!.open();
    dispose = db.dispose;
    const a = await makeTenant(db.handle, 'seller-a.fi');
    const issuer = await createTestIssuer({ tenantId: a.entraTenantId });
    const verifier = createAccessTokenVerifier({
      audiences: [issuer.audience], authorityHost: issuer.authorityHost, getKey: issuer.getKey,
      isTenantOnboarded: async (tid) => (await findTenantByEntraId(db.handle.db, tid)) !== null,
    });
    app = createApp({
      handle: db.handle, clock: Date.now, requestLog: (line) => lines.push(line),
      config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: 65536, demo: false },
      verify: (t) => verifier.verify(t),
    });
    const u = a.users.rep;
    token = await issuer.token({ oid: u.entraObjectId, name: u.displayName, username: u.email });
    ids = { tenant: a.tenantId, user: u.id };
  });
  afterAll(async () => dispose());

  it('writes one line per request with id, tenant, user, route pattern, method, status and latency', async () => {
    lines.length = 0;
    const res = await app.request(`/api/accounts/${encodeURIComponent(EMAIL)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as RequestLogLine;
    expect(line).toMatchObject({ method: 'GET', route: '/api/accounts/:id', status: 404, tenantId: ids.tenant, userId: ids.user });
    expect(line.requestId).toBe(res.headers.get('x-request-id'));
    expect(typeof line.ms).toBe('number');
  });

  it('never carries an address, a name or a search term from the path, the query or the body', async () => {
    lines.length = 0;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await app.request(`/api/accounts?q=${encodeURIComponent(EMAIL)}`, { headers: auth });
    await app.request(`/api/contacts/${encodeURIComponent(EMAIL)}?q=Meikalainen`, { headers: auth });
    await app.request('/api/match', { method: 'POST', headers: auth, body: JSON.stringify({ addresses: [EMAIL], name: 'Maija Meikalainen' }) });
    await app.request(`/nowhere/${EMAIL}`, { headers: { 'x-request-id': EMAIL } });
    await app.request(`/api/accounts?q=${EMAIL}`, { headers: { authorization: 'Bearer nonsense' } });
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).not.toContain('maija');
      expect(line).not.toContain('Meikalainen');
      expect(line).not.toContain('customer.example');
      expect(line).not.toContain('@');
      expect(Object.keys(JSON.parse(line)).sort()).toEqual(['at', 'method', 'ms', 'requestId', 'route', 'status', 'tenantId', 'userId']);
    }
    expect(JSON.parse(lines[3]!).route).toBe('(unmatched)');
  });
});
