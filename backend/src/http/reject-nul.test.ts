// NUL (U+0000) anywhere in a request is a 400; on PostgreSQL it used to reach the query and fail as a 500
// (found by test/security/fuzz.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { testDatabases } from '../../../test/support/test-databases.ts';

for (const database of testDatabases()) {
  describe(`NUL in a request (${database.name})`, () => {
    let h: Harness;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      let handle;
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle);
    });
    afterAll(async () => dispose());
    const rep = () => [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];

    it.each([
      ['GET', '/api/accounts/a%00b', undefined],
      ['GET', '/api/opportunities/a%00b', undefined],
      ['GET', '/api/accounts?q=a%00b', undefined],
      ['GET', '/api/interactions/lookup?internetMessageId=%3Ca%00b%40x%3E', undefined],
      ['POST', '/api/accounts', { name: 'Acme\u0000 Oy' }],
      ['POST', '/api/contacts', { name: 'A', emails: [], title: 'x\u0000' }],
    ])('%s %s is a 400 naming where', async (method, path, body) => {
      const r = await h.call(method, path, { as: rep(), ...(body ? { body } : {}) });
      expect(r.status).toBe(400);
      // A path parameter is refused by its own schema, which names it; the query and bodies by the middleware.
      expect(r.body.errors[0]).toEqual(path.includes('%00b', 14) && !path.includes('?')
        ? { field: 'id', message: 'must not contain control characters' }
        : expect.objectContaining({ message: 'must not contain U+0000' }));
    });

    it('leaves ordinary requests alone', async () => {
      expect((await h.call('GET', '/api/accounts?q=acme', { as: rep() })).status).toBe(200);
      expect((await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Escaped \\u0000 text, not a NUL' } })).status).toBe(201);
    });
  });
}
