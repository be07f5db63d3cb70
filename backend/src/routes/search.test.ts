// GET /api/search through HTTP on both databases: grouped hits, the visibility rules at the edge, the answer's
// shape (no tenant id, no withheld subject), and problem+json for a query that cannot be searched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('GET /api/search on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (u: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[u]] as [Harness['a'], Harness['a']['users']['rep']];
  let accountId: string;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    accountId = (await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'Pöyry Sähkö Oy', domains: ['poyry-sahko.fi'], tier: 'A' } })).body.id;
    await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Sanna Sähkönen', emails: ['sanna@poyry-sahko.fi'], accountId } });
    for (const [k, visibility] of [[1, 'metadata'], [2, 'shared']] as const) {
      const r = await h.call('POST', '/api/interactions', {
        as: as('rep2'),
        body: {
          kind: 'email', occurredAt: h.clock.now - k * 3_600_000, subject: k === 1 ? 'Urakan hinnoittelu' : 'Sähköurakan aikataulu', internetMessageId: `<s${k}@poyry-sahko.fi>`, visibility,
          participants: [{ role: 'from', address: 'sanna@poyry-sahko.fi', displayName: 'Sanna Sähkönen' }, { role: 'to', address: h.a.users.rep2.email, displayName: 'Ronja Rep' }],
        },
      });
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => dispose());

  it('answers hits grouped by kind, found without accents, a colleague’s metadata-only email without its subject', async () => {
    const r = await h.call('GET', '/api/search?q=sahkonen', { as: as('rep') });
    expect(r.status).toBe(200);
    expect(r.body.accounts).toEqual([]);
    expect(r.body.contacts).toMatchObject([{ kind: 'contact', title: 'Sanna Sähkönen', accountId, accountName: 'Pöyry Sähkö Oy' }]);
    expect(r.body.interactions).toHaveLength(2);
    const redacted = r.body.interactions.find((i: { redacted: boolean }) => i.redacted);
    expect(redacted).toMatchObject({ title: null, itemKind: 'email', accountId });
    expect(JSON.stringify(r.body)).not.toContain('hinnoittelu');
    expect(JSON.stringify(r.body)).not.toContain('tenantId');
    // The subject word finds the shared one only; its holder finds both.
    expect((await h.call('GET', '/api/search?q=hinnoittelu&kinds=interaction', { as: as('rep') })).body.interactions).toEqual([]);
    expect((await h.call('GET', '/api/search?q=hinnoittelu&kinds=interaction', { as: as('rep2') })).body.interactions).toMatchObject([{ title: 'Urakan hinnoittelu', redacted: false }]);
  });

  it('narrows to the kinds asked for and caps the hits per kind', async () => {
    const r = await h.call('GET', '/api/search?q=poyry&kinds=account,contact&limit=1', { as: as('rep') });
    expect(r.status).toBe(200);
    expect(r.body.accounts.map((a: { id: string }) => a.id)).toEqual([accountId]);
    expect(r.body.interactions).toEqual([]);
  });

  it('refuses an empty, a too long or an unknown-kind query as problem+json, and another tenant sees nothing', async () => {
    for (const query of ['q=', 'q=%20%20', `q=${'a'.repeat(201)}`, 'q=poyry&kinds=opportunity', 'q=poyry&limit=0']) {
      const r = await h.call('GET', `/api/search?${query}`, { as: as('rep') });
      expect(r.status, query).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body.detail).toBeTruthy();
    }
    expect((await h.call('GET', '/api/search', { as: as('rep') })).status).toBe(400);
    const b = await h.call('GET', '/api/search?q=poyry', { as: [h.b, h.b.users.rep] });
    expect([...b.body.accounts, ...b.body.contacts, ...b.body.interactions]).toEqual([]);
  });
});
