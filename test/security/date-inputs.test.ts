// Every date and time input of the API, out of range: a 400 problem naming the field, never a 500 (a dashboard
// to 9999-12-31 was a RangeError in the period code).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { testDatabases } from '../support/test-databases.ts';
import { seedTenant } from './seed-tenant.ts';

for (const database of testDatabases()) {
  describe(`date inputs out of range (${database.name})`, () => {
    let h: Harness;
    let dispose: () => Promise<void>;
    let ids: Record<string, string>;
    beforeAll(async () => {
      let handle;
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle);
      ids = await seedTenant(h);
    });
    afterAll(async () => dispose());
    const admin = () => [h.a, h.a.users.admin] as [Harness['a'], Harness['a']['users']['admin']];

    const cases: [string, string, () => unknown, string][] = [
      ['GET', '/api/analytics/dashboard?from=2020-01-01&to=9999-12-31', () => undefined, 'to'],
      ['GET', '/api/analytics/dashboard?from=9999-12-30&to=9999-12-31', () => undefined, 'from'],
      ['GET', '/api/analytics/dashboard?from=0000-01-01&to=0000-01-02', () => undefined, 'from'],
      ['GET', '/api/analytics/dashboard?from=2026-02-30&to=2026-03-02', () => undefined, 'from'],
      ['GET', '/api/follow-ups?dueBy=9999-12-31', () => undefined, 'dueBy'],
      ['GET', '/api/interactions/lookup?organizer=a%40b.fi&start=99999999999999999', () => undefined, 'start'],
      ['POST', '/api/interactions', () => ({ kind: 'note', note: 'x', accountIds: [ids.account], followUpOn: '9999-12-31' }), 'followUpOn'],
      ['POST', '/api/interactions', () => ({ kind: 'note', note: 'x', accountIds: [ids.account], occurredAt: 8.64e15 + 1 }), 'occurredAt'],
      ['POST', '/api/interactions', () => ({ kind: 'note', note: 'x', accountIds: [ids.account], occurredAt: -1e300 }), 'occurredAt'],
      ['POST', '/api/opportunities', () => ({ accountId: ids.account, name: 'x', expectedCloseDate: '9999-12-31' }), 'expectedCloseDate'],
      ['PATCH', '/api/opportunities/{opportunity}', () => ({ expectedCloseDate: '0001-01-01' }), 'expectedCloseDate'],
      ['POST', '/api/accounts/{account}/feedback', () => ({ kind: 'nps', score: 5, givenAt: -8.64e15 - 1 }), 'givenAt'],
    ];

    it.each(cases)('%s %s is a 400 naming %s', async (method, template, body, field) => {
      const path = template.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!);
      const b = body();
      const r = await h.call(method, path, { as: admin(), ...(b !== undefined ? { body: b } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('still takes dates inside the range', async () => {
      expect((await h.call('GET', '/api/analytics/dashboard?from=2026-01-01&to=2026-12-31', { as: admin() })).status).toBe(200);
      expect((await h.call('GET', '/api/follow-ups?dueBy=2999-12-31', { as: admin() })).status).toBe(200);
    });
  });
}
