// Timeline route throughput with autocannon in its own process: `tsx test/support/profile-timeline.ts [sqlite|postgres]`.
// SUHDE_ROOT=<another checkout> measures that code instead (the same script, so before and after compare like for
// like): the store, app and auth modules are loaded from there. Prints one JSON line: median req/s and p99 of 3 runs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { serve } from '@hono/node-server';

const here = resolve(fileURLToPath(import.meta.url), '../../..');
const root = process.env.SUHDE_ROOT ?? here;
const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const pgUrl = process.env.SUHDE_TEST_DATABASE_URL ?? 'postgres://suhde:suhde@127.0.0.1:5432/suhde_test';
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const seconds = Number(process.env.PROFILE_SECONDS ?? 8);
const connections = Number(process.env.PROFILE_CONNECTIONS ?? 20);

const run = promisify(execFile);
const load = (p: string) => import(join(root, p));
const { openDb } = await load('backend/src/store/connect.ts');
const { migrateToLatest } = await load('backend/src/store/migrate.ts');
const { seedTenant } = await load('backend/src/store/seed.ts');
const tenants = await load('backend/src/store/tenants.ts');
const { generateTenant } = await load('backend/src/demo/generate-tenant.ts');
const { createApp } = await load('backend/src/app.ts');
const { createAccessTokenVerifier, createDemoIssuer } = await load('backend/src/auth/index.ts');
const { NO_RATE_LIMITS } = await load('backend/src/http/rate-limit.ts');

let cleanup = async () => {};
let location: unknown;
if (kind === 'sqlite') {
  const dir = mkdtempSync(join(tmpdir(), 'suhde-profile-'));
  location = { kind: 'sqlite', path: join(dir, 'profile.db') };
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
} else {
  const schema = `profile_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  location = { kind: 'postgres', url: pgUrl, schema, poolSize: 10 };
  cleanup = async () => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  };
}
const handle = openDb(location);
await migrateToLatest(handle.db, kind === 'postgres' ? { schema: (location as { schema: string }).schema } : {});
const data = generateTenant({ seed: 15, now: NOW, scale: { users: 30, accounts: 300, contactsPerAccount: 4, interactions: 5000, months: 6 } });
await seedTenant(handle, data, NOW);

const authorityHost = 'http://127.0.0.1:9/profile-auth';
const issuer = await createDemoIssuer({ authorityHost, tenantId: data.tenant.entraTenantId, audience: '00000000-5eed-4e5e-8000-00000000aaaa' });
const findTenant = tenants.findTenantByEntraIdCached ?? tenants.findTenantByEntraId;
const verifier = createAccessTokenVerifier({
  audiences: [issuer.audience], authorityHost, getKey: issuer.getKey,
  isTenantOnboarded: async (tid: string) => (await findTenant(handle.db, tid)) !== null,
});
const app = createApp({ handle, clock: () => NOW, config: { publicUrl: 'http://127.0.0.1', bodyLimitBytes: 1 << 20, demo: false, rateLimits: NO_RATE_LIMITS }, verify: (t: string) => verifier.verify(t) });
const rep = data.users.find((u: { role: string }) => u.role === 'rep');
const token = await issuer.issue({ oid: rep.entraObjectId, name: rep.displayName, username: rep.email, ttlSeconds: 86_400 });
const counts = new Map<string, number>();
for (const i of data.interactions) for (const a of new Set<string>(i.accountIds)) counts.set(a, (counts.get(a) ?? 0) + 1);
const busiest = [...counts].sort((x, y) => y[1] - x[1])[0]![0];

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const port = (server.address() as { port: number }).port;
const url = `http://127.0.0.1:${port}/api/accounts/${busiest}/timeline?limit=50`;
const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
const body = await check.text();
if (check.status !== 200) throw new Error(`timeline answered ${check.status}: ${body.slice(0, 200)}`);

// autocannon runs in its own process, so the load tool does not share the server's event loop.
const runs: { rps: number; p99: number }[] = [];
for (let n = 0; n < 3; n++) {
  // Asynchronously: the server answers from this process's event loop meanwhile.
  const { stdout: r } = await run(join(here, 'node_modules/.bin/autocannon'), ['-j', '-c', String(connections), '-d', String(seconds), '-H', `authorization=Bearer ${token}`, url], { maxBuffer: 1 << 24 });
  const j = JSON.parse(r);
  if (j.non2xx) throw new Error(`${j.non2xx} answers were not 2xx`);
  runs.push({ rps: j.requests.average, p99: j.latency.p99 });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
console.log(JSON.stringify({ root, database: kind, bytes: body.length, runs, medianReqPerSec: median(runs.map((r) => r.rps)), medianP99Ms: median(runs.map((r) => r.p99)) }));
// autocannon stops with requests in flight: let the server finish them before the store closes.
await new Promise((r) => server.close(r));
await handle.close();
await cleanup();
