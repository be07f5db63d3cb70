// Load: 100 connections for 60 s on the timeline route and on logging an interaction, against the real
// product (backend/src/main.ts, demo tenant, SQLite) started as a child process; autocannon runs here, in its
// own process. Rate limits are raised for the run (it measures throughput, not the limits).
// Run: npx tsx test/bench/load.ts [--duration=60] [--connections=100]; writes bench/load-results.json.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { demoToken, startProductServer } from '../support/product-server.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const DURATION = arg('duration', 60);
const CONNECTIONS = arg('connections', 100);
const UNLIMITED = '100000';

async function main() {
  const server = await startProductServer({
    env: {
      SUHDE_RATE_USER_BURST: UNLIMITED, SUHDE_RATE_USER_PER_SECOND: UNLIMITED,
      SUHDE_RATE_TENANT_BURST: UNLIMITED, SUHDE_RATE_TENANT_PER_SECOND: UNLIMITED,
    },
  });
  // The request log goes to the child's stdout; the bench does not keep it.
  server.child.stdout!.removeAllListeners('data');
  server.child.stdout!.resume();
  try {
    const { token } = await demoToken(server.base, (u) => u.role === 'rep');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const accounts = (await (await fetch(`${server.base}/api/accounts?limit=50&sort=lastContact&order=desc`, { headers })).json()) as { items: { id: string }[] };
    const ids = accounts.items.map((a) => a.id);
    if (ids.length === 0) throw new Error('the demo tenant has no accounts');
    let k = 0;
    // Warm-up (JIT, the store's caches, the demo's first sync pass): not measured.
    await autocannon({ url: server.base, connections: 10, duration: 10, requests: [{ method: 'GET', setupRequest: (r: any) => ({ ...r, path: `/api/accounts/${ids[k++ % ids.length]}/timeline?limit=50` }), headers }] });
    const runs = {
      timeline: await run(`${server.base}`, [{ method: 'GET', setupRequest: (r: any) => ({ ...r, path: `/api/accounts/${ids[k++ % ids.length]}/timeline?limit=50` }), headers }]),
      log: await run(`${server.base}`, [{
        method: 'POST', path: '/api/interactions', headers,
        setupRequest: (r: any) => ({ ...r, body: JSON.stringify({ kind: 'call', note: 'Load test call', durationMinutes: 5, accountIds: [ids[k++ % ids.length]], visibility: 'shared' }) }),
      }]),
    };
    const results = {
      when: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, node: process.version,
      server: 'backend/src/main.ts as a child process, demo tenant, SQLite', connections: CONNECTIONS, durationSeconds: DURATION,
      ...runs,
    };
    writeFileSync('bench/load-results.json', `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
    const bad = Object.entries(runs).filter(([, r]) => r.errors > 0 || r.timeouts > 0 || r.non2xx > 0);
    if (bad.length) {
      console.error(`Load: errors in ${bad.map(([n]) => n).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
  }
}

async function run(url: string, requests: autocannon.Request[]) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests });
  return {
    requests: r.requests.total, reqPerSec: r.requests.average,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statusCodes: { '2xx': r['2xx'], '4xx': r['4xx'], '5xx': r['5xx'] },
  };
}

void main();
