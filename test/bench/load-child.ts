// Runs test/bench/autocannon-child.ts in its own process and waits for its figures.
import { fork } from 'node:child_process';
import type { LoadPlan, LoadResult } from './autocannon-child.ts';

export function loadInChild(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(new URL('./autocannon-child.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let done = false;
    child.once('message', (m) => { done = true; resolve(m as LoadResult); });
    child.once('error', reject);
    child.once('exit', (code) => { if (!done) reject(new Error(`the load tool exited with ${code} before reporting`)); });
    child.send(plan);
  });
}
