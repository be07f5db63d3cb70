// Cross-tenant matrix, generated from the OpenAPI document: every operation that takes an id (path, query or
// body) is called by tenant B's admin with each of tenant A's real ids. Nothing of A may come back, and an id
// in the path or body must be refused (404/403, or a 4xx for the body), never served or written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { testDatabases } from '../support/test-databases.ts';
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';
import { seedTenant } from './seed-tenant.ts';
import { fillPath, isIdName, operationsOf, sample, type Operation } from './openapi-operations.ts';

const REFUSED = [400, 403, 404, 409, 422];

function idInputs(op: Operation) {
  const inPath = op.params.some((p) => p.in === 'path');
  const inQuery = op.params.some((p) => p.in === 'query' && isIdName(p.name));
  const inBody = !!op.body && JSON.stringify(Object.keys(op.body.properties ?? {})).match(/Ids?"|"id"/) !== null;
  return { inPath, inQuery, inBody, any: inPath || inQuery || inBody };
}

for (const database of testDatabases()) {
  describe(`cross-tenant matrix (${database.name})`, () => {
    let h: Harness;
    let dispose: () => Promise<void>;
    /** Tenant A's ids by kind, and every string of A that must never reach B. */
    const ids: Record<string, string> = {};
    const secrets: string[] = [];

    beforeAll(async () => {
      let handle;
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle, 64 * 1024, { rateLimits: NO_RATE_LIMITS });
      Object.assign(ids, await seedTenant(h));
      secrets.push(...Object.values(ids), h.a.tenantId, h.a.entraTenantId, 'Alphasecret', 'alphasecret', 'Aatu', 'Salainen', '765 4321', 'seller-a.fi', 'Seller A', 'Riikka', 'Aino');
    });
    afterAll(async () => dispose());

    it('refuses every operation that takes an id, called by tenant B with each of tenant A’s ids', async () => {
      const doc = (await h.call('GET', '/api/openapi.json')).body;
      const ops = operationsOf(doc).filter((op) => idInputs(op).any);
      expect(ops.length).toBeGreaterThan(20);
      const failures: string[] = [];
      let calls = 0;
      const statuses: Record<number, number> = {};
      for (const op of ops) {
        const kind = idInputs(op);
        for (const [idKind, id] of Object.entries(ids)) {
          const path = `/api${fillPath(op.path, Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, id])))}`;
          const query = new URLSearchParams();
          for (const p of op.params.filter((p) => p.in === 'query')) {
            if (isIdName(p.name)) query.set(p.name, id);
            else if (p.required) query.set(p.name, String(sample(doc, p.schema, p.name, id)));
          }
          const url = query.size ? `${path}?${query}` : path;
          const body = op.body ? sample(doc, op.body, '', id) : undefined;
          const r = await h.call(op.method, url, { as: [h.b, h.b.users.admin], ...(body !== undefined ? { body } : {}) });
          calls++;
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
          const leaked = secrets.filter((s) => text.includes(s));
          const where = `${op.method} ${op.path} with A's ${idKind} (${url}${body !== undefined ? ` ${JSON.stringify(body)}` : ''})`;
          if (process.env.SUHDE_DEBUG_MATRIX && r.status === 400) console.log(where, JSON.stringify(r.body).slice(0, 200));
          if (leaked.length) failures.push(`${where}: body carries ${leaked.join(', ')}`);
          if (r.status >= 500 || r.status === 429) failures.push(`${where}: ${r.status}`);
          if ((kind.inPath || kind.inBody) && !REFUSED.includes(r.status)) failures.push(`${where}: ${r.status}, expected 404/403`);
          if (kind.inPath && ![403, 404].includes(r.status) && r.status !== 400) failures.push(`${where}: ${r.status} for a path id`);
        }
      }
      console.log(`[cross-tenant ${database.name}] ${ops.length} operations with ids x ${Object.keys(ids).length} ids of tenant A = ${calls} calls; statuses ${JSON.stringify(statuses)}`);
      expect(failures).toEqual([]);
    });
  });
}
