// Starts the README's product command (backend/src/main.ts) as a child process on a free loopback port, with
// its own SQLite file and the demo tenant, and resolves once it prints its URLs. For end-to-end suites.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export interface ProductServer {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  dataPath: string;
  /** What the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export function startProductServer(opts: { dataPath?: string; env?: Record<string, string> } = {}): Promise<ProductServer> {
  const dir = opts.dataPath ? null : mkdtempSync(join(tmpdir(), 'suhde-e2e-'));
  const dataPath = opts.dataPath ?? join(dir!, 'suhde.db');
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SUHDE_SQLITE_PATH: dataPath, SUHDE_DEMO: '1', DATABASE_URL: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1]!, dataPath, output: () => out, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/** A demo user's access token from the demo issuer's sign-in. */
export async function demoToken(base: string, pick: (u: { id: string; role: string; displayName: string }) => boolean): Promise<{ token: string; userId: string }> {
  const users = (await (await fetch(`${base}/demo/users`)).json()) as { items: { id: string; role: string; displayName: string }[] };
  const user = users.items.find(pick);
  if (!user) throw new Error('no such demo user');
  const r = (await (await fetch(`${base}/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: user.id }) })).json()) as { access_token: string };
  return { token: r.access_token, userId: user.id };
}
