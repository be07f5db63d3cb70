// Property-based fuzzing of every operation in the OpenAPI document, from its own schemas: valid-ish and
// hostile path ids, query values and bodies (and now and then a body that is not JSON at all). Properties:
// no 5xx, no crash, every answer problem+json or JSON, and a refused (4xx) request leaves the database as it
// was (a checksum of every table's rows, compared around each run of refused requests).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { testDatabases } from '../support/test-databases.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';
import { fillPath, operationsOf, type Operation } from './openapi-operations.ts';
import { arbFor, hostileString, hostileValue } from './fuzz-arbitraries.ts';
import { seedTenant } from './seed-tenant.ts';

const databases = testDatabases();
/**
 * At least 10,000 requests in all, shared between the databases (sized for a 2-core machine: PostgreSQL's
 * requests and checksums cost about twice SQLite's, so it gets the smaller share).
 */
const TOTAL = Number(process.env.SUHDE_FUZZ_REQUESTS ?? 10_200);
const share = (name: string) => (databases.length === 1 ? TOTAL : Math.ceil(TOTAL * (name === 'sqlite' ? 0.6 : 0.4)));
const SEED = Number(process.env.SUHDE_FUZZ_SEED ?? 20261206);

/**
 * A function giving a checksum of every table's rows (PostgreSQL: one query, hashed in the database; rows in
 * byte order, collate "C": the locale's order ties strings that differ only in ignorable characters).
 */
async function checksummer(handle: Db): Promise<() => Promise<string>> {
  const allTables = handle.dialect === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(handle.db)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(handle.db)).rows.map((r) => r.name);
  // The audit trail records reads too (a contact's data export is audited): it is meant to change on an answered read.
  const tables = allTables.filter((t) => t !== 'audit_log');
  if (handle.dialect === 'postgres') {
    const query = sql.raw(`select ${tables.map((t) => `'${t}:' || (select md5(coalesce(string_agg(x::text, '|' order by x::text collate "C"), '')) from "${t}" x)`).join(` || ' ' || `)} as h`);
    return async () => ((await query.execute(handle.db)).rows[0] as { h: string }).h;
  }
  return async () => {
    const hash = createHash('sha256');
    for (const name of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db)).rows;
      hash.update(name);
      for (const row of rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))).sort()) hash.update(row);
    }
    return hash.digest('hex');
  };
}

/** The state after a successful write, read until two readings agree (a guard against work after the answer). */
async function settled(checksum: () => Promise<string>): Promise<string> {
  let last = await checksum();
  for (let k = 0; k < 20; k++) {
    await new Promise((r) => setTimeout(r, 15));
    const now = await checksum();
    if (now === last) return now;
    last = now;
  }
  return last;
}

interface FuzzCase {
  op: number;
  pathValues: string[];
  query: [string, unknown][];
  body: unknown;
  rawBody: string | null;
  contentType: string;
}

function caseArb(doc: any, ops: Operation[], ids: string[]): fc.Arbitrary<FuzzCase> {
  const idish = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 2, arbitrary: hostileString });
  return fc.integer({ min: 0, max: ops.length - 1 }).chain((k) => {
    const op = ops[k]!;
    const pathParams = op.params.filter((p) => p.in === 'path');
    const queryParams = op.params.filter((p) => p.in === 'query');
    return fc.record({
      op: fc.constant(k),
      pathValues: fc.tuple(...pathParams.map(() => idish)),
      query: fc.subarray(queryParams).chain((chosen) => fc.tuple(...chosen.map((p) => arbFor(doc, p.schema, ids, p.name).map((v) => [p.name, v] as [string, unknown])))),
      body: op.body ? arbFor(doc, op.body, ids) : fc.option(hostileValue, { freq: 5 }),
      rawBody: fc.option(fc.constantFrom('{', 'not json', '{"a":', '\u0000', '[1,2', 'null', '"str"', '{"__proto__":{"x":1}}'), { freq: 12 }),
      contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
    });
  });
}

const queryText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

for (const database of databases) {
  describe(`fuzzing every operation (${database.name})`, () => {
    let h: Harness;
    let handle: Db;
    let dispose: () => Promise<void>;
    let token: string;
    let ids: string[];
    beforeAll(async () => {
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle, 64 * 1024, { rateLimits: NO_RATE_LIMITS });
      ids = Object.values(await seedTenant(h));
      token = await h.token(h.a, h.a.users.admin);
    });
    afterAll(async () => dispose());

    it(`answers ${share(database.name)} generated requests with no 5xx, and refused ones change nothing`, { timeout: 240_000 }, async () => {
      const doc = (await h.call('GET', '/api/openapi.json')).body;
      const ops = operationsOf(doc);
      const cases = fc.sample(caseArb(doc, ops, ids), { numRuns: share(database.name), seed: SEED });
      const failures: string[] = [];
      const statuses: Record<string, number> = {};
      // The state is known (baseline) after every write that went through; before a write, if writes were
      // refused since, the state must still be the baseline. So every refused write is checked, and a
      // successful write's own change is never blamed on them.
      const checksum = await checksummer(handle);
      let baseline = await checksum();
      let refused: string[] = [];
      let checks = 0;
      /** Reads answered since the baseline: they must not write either. */
      let since: string[] = [];
      const verifyRefused = async () => {
        checks++;
        const now = await checksum();
        if (now !== baseline) failures.push(`the database changed during refused writes (${refused.slice(-3).join(' | ')}) or answered reads (${since.slice(-5).join(' | ')})`);
        baseline = now;
        refused = [];
        since = [];
      };
      const started = performance.now();
      for (const c of cases) {
        const op = ops[c.op]!;
        const path = `/api${fillPath(op.path, Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p, i) => [p.name, c.pathValues[i]!])))}`;
        const query = new URLSearchParams(c.query.map(([k, v]) => [k, queryText(v)]));
        const url = query.size ? `${path}?${query}` : path;
        const write = op.method !== 'GET';
        const hasBody = write && op.method !== 'DELETE';
        const body = !hasBody ? undefined : c.rawBody ?? (c.body === undefined || c.body === null ? undefined : JSON.stringify(c.body));
        const what = `${op.method} ${url.slice(0, 200)} ${body?.slice(0, 200) ?? ''}`;
        if (write && refused.length) await verifyRefused();
        let res: Response;
        try {
          res = await h.app.request(url, {
            method: op.method,
            headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': c.contentType } : {}) },
            ...(body !== undefined ? { body } : {}),
          });
        } catch (e) {
          failures.push(`${what}: crashed: ${e}`);
          continue;
        }
        const text = await res.text();
        const key = `${Math.floor(res.status / 100)}xx`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (res.status >= 500) failures.push(`${what}: ${res.status} ${text.slice(0, 200)}`);
        if (res.status >= 400 && !res.headers.get('content-type')?.includes('application/problem+json')) failures.push(`${what}: ${res.status} without problem+json`);
        if (res.status >= 400) {
          if (write) refused.push(what);
        } else if (write) {
          baseline = await settled(checksum);
          refused = [];
          since = [];
        } else {
          since.push(`${res.status} ${what}`);
        }
      }
      if (refused.length) await verifyRefused();
      console.log(`[fuzz ${database.name}] ${cases.length} requests over ${ops.length} operations in ${Math.round(performance.now() - started)} ms, ${checks} database checks: ${JSON.stringify(statuses)}`);
      expect(failures.slice(0, 20)).toEqual([]);
    });
  });
}
