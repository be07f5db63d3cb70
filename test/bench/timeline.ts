// The timeline route over loopback: the app behind @hono/node-server with a real token (its signature checked
// as in production), and beside it a bare Hono route answering the same paths with the same response bytes,
// captured from the app in this run. The load tool (autocannon) runs in a child process against each, in
// turns (app, bare, app, bare, ...), so both get the same machine.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';
import { createApp } from '../../backend/src/app.ts';
import { createAccessTokenVerifier, createDemoIssuer } from '../../backend/src/auth/index.ts';
import { findTenantByEntraIdCached } from '../../backend/src/store/tenants.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import type { GeneratedTenant } from '../../backend/src/demo/generate-tenant.ts';
import { startLoadTool } from './load-child.ts';
import { startProfile } from './cpu-profile.ts';

export interface TimelineFigures {
  reqPerSec: number[];
  bareReqPerSec: number[];
  p99Ms: number[];
  bareP99Ms: number[];
  /** The server process's CPU time (user + system) per request answered, app and bare route: on a shared
   * machine, where other processes take turns on the cores, this ratio moves far less than req/s. */
  cpuUsPerReq: number[];
  bareCpuUsPerReq: number[];
  responseBytes: number;
  errors: number;
}

async function listen(fetch: (r: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function benchTimeline(
  handle: Db, data: GeneratedTenant, now: number, opts: { runs: number; durationSeconds: number; connections: number }, log: (s: string) => void,
): Promise<TimelineFigures> {
  const authorityHost = 'http://127.0.0.1:9/bench-auth';
  const issuer = await createDemoIssuer({ authorityHost, tenantId: data.tenant.entraTenantId, audience: '00000000-5eed-4e5e-8000-00000000be7c' });
  const verifier = createAccessTokenVerifier({
    audiences: [issuer.audience], authorityHost, getKey: issuer.getKey,
    // As backend/src/server.ts does: the tenant read through its cache, not once per request.
    isTenantOnboarded: async (tid) => (await findTenantByEntraIdCached(handle.db, tid)) !== null,
  });
  const app = createApp({ handle, clock: () => now, config: { publicUrl: 'http://127.0.0.1', bodyLimitBytes: 1 << 20, demo: false, rateLimits: NO_RATE_LIMITS }, verify: (t) => verifier.verify(t) });
  const rep = data.users.find((u) => u.role === 'rep')!;
  const token = await issuer.issue({ oid: rep.entraObjectId, name: rep.displayName, username: rep.email, ttlSeconds: 86_400 });
  const headers = { authorization: `Bearer ${token}` };

  // The busiest accounts: the timelines people open.
  const busy = (await handle.db.selectFrom('interaction_accounts').select(['account_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', data.tenant.id).groupBy('account_id').orderBy('n', 'desc').limit(50).execute()).map((r) => r.account_id);
  const paths = busy.map((id) => `/api/accounts/${id}/timeline?limit=50`);
  const bodies = new Map<string, Uint8Array>();
  for (const path of paths) {
    const r = await app.request(path, { headers });
    if (r.status !== 200) throw new Error(`timeline ${path}: ${r.status} ${await r.text()}`);
    bodies.set(path, new Uint8Array(await r.arrayBuffer()));
  }
  const responseBytes = Math.round([...bodies.values()].reduce((n, b) => n + b.length, 0) / bodies.size);
  const bare = new Hono().get('/api/accounts/:id/timeline', (c) => c.body(bodies.get(`${c.req.path}?limit=50`)! as never, 200, { 'content-type': 'application/json' }));

  const full = await listen(app.fetch);
  const bareServer = await listen(bare.fetch);
  const figures: TimelineFigures = { reqPerSec: [], bareReqPerSec: [], p99Ms: [], bareP99Ms: [], cpuUsPerReq: [], bareCpuUsPerReq: [], responseBytes, errors: 0 };
  const tool = startLoadTool();
  const loadInChild = tool.run;
  const plan = (url: string, durationSeconds: number) => ({ url, paths, headers, connections: opts.connections, durationSeconds });
  const withCpu = async (url: string) => {
    const before = process.cpuUsage();
    const result = await loadInChild(plan(url, opts.durationSeconds));
    const used = process.cpuUsage(before);
    return { ...result, cpuUsPerReq: result.requests > 0 ? (used.user + used.system) / result.requests : NaN };
  };
  const heap = process.memoryUsage();
  log(`timeline: the server's process holds ${Math.round(heap.heapUsed / 1e6)} MB of heap (${Math.round(heap.rss / 1e6)} MB resident) as the runs begin`);
  try {
    // Warm-up (JIT, the store's caches), not measured.
    await loadInChild(plan(full.url, Math.max(1, Math.round(opts.durationSeconds / 2))));
    await loadInChild(plan(bareServer.url, 1));
    for (let r = 0; r < opts.runs; r++) {
      // SUHDE_BENCH_PROFILE=<dir>: the app's runs profiled in this (the server's) process, the bare route's not.
      const profile = await startProfile(`timeline-${handle.dialect}-run${r + 1}`);
      const a = await withCpu(full.url);
      await profile.stop(log);
      const b = await withCpu(bareServer.url);
      figures.reqPerSec.push(a.reqPerSec);
      figures.bareReqPerSec.push(b.reqPerSec);
      // A run in which no request finished has no latency to report (autocannon says 0): its p99 is left out.
      if (a.requests > 0) figures.p99Ms.push(a.p99Ms);
      if (b.requests > 0) figures.bareP99Ms.push(b.p99Ms);
      if (a.requests > 0 && b.requests > 0) {
        figures.cpuUsPerReq.push(Math.round(a.cpuUsPerReq));
        figures.bareCpuUsPerReq.push(Math.round(b.cpuUsPerReq));
      }
      figures.errors += a.errors + a.non2xx + a.timeouts + b.errors + b.non2xx + b.timeouts;
      log(`timeline run ${r + 1}: ${Math.round(a.reqPerSec)} req/s p99 ${a.p99Ms} ms; bare route ${Math.round(b.reqPerSec)} req/s p99 ${b.p99Ms} ms (${responseBytes} bytes a page); server CPU ${Math.round(a.cpuUsPerReq)} vs ${Math.round(b.cpuUsPerReq)} us a request`);
    }
  } finally {
    tool.close();
    await full.close();
    await bareServer.close();
  }
  if (figures.errors > 0) log(`timeline: ${figures.errors} errors, timeouts or non-2xx answers`);
  return figures;
}
