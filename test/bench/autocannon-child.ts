// The HTTP load tool in a process of its own: the server under test never shares its event loop with the
// client. Told what to run over IPC, one plan at a time; answers each with its figures.
import autocannon from 'autocannon';

export interface LoadPlan {
  url: string;
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

process.on('message', async (plan: LoadPlan) => {
  let k = 0;
  const r = await autocannon({
    url: plan.url, connections: plan.connections, duration: plan.durationSeconds,
    requests: [{ method: 'GET', headers: plan.headers, setupRequest: (req: any) => ({ ...req, path: plan.paths[k++ % plan.paths.length] }) }],
  });
  const result: LoadResult = {
    reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
  process.send!(result);
});
