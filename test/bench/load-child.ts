// The load tool (test/bench/autocannon-child.ts) in a process of its own, started once and given one plan after
// another: the server under test never shares its event loop with the client.
import { fork } from 'node:child_process';
import type { LoadPlan, LoadResult } from './autocannon-child.ts';

export interface LoadTool {
  run(plan: LoadPlan): Promise<LoadResult>;
  close(): void;
}

export function startLoadTool(): LoadTool {
  const child = fork(new URL('./autocannon-child.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    run: (plan) => new Promise((resolve, reject) => {
      if (exited) return reject(new Error('the load tool has exited'));
      const onExit = (code: number | null) => reject(new Error(`the load tool exited with ${code} before reporting`));
      child.once('exit', onExit);
      child.once('message', (m) => { child.off('exit', onExit); resolve(m as LoadResult); });
      child.send(plan);
    }),
    close: () => { if (!exited) child.kill(); },
  };
}
