// The demo server with an explicitly configured Graph (GRAPH_BASE_URL and GRAPH_STATIC_TOKEN for an emulator on
// loopback) syncs the demo's mailboxes from that Graph, as `npm run sync` does, instead of starting its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { DEMO_SCALE, DEMO_SEED, generateTenant } from '../../backend/src/demo/generate-tenant.ts';

const root = new URL('../..', import.meta.url).pathname;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('the demo server with GRAPH_BASE_URL set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suhde-demo-graph-'));
  let emulator: GraphEmulator;
  let server: ChildProcess | null = null;
  beforeAll(async () => {
    emulator = await startGraphEmulator({ defaultPageSize: 50 });
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs the demo mailboxes from that Graph and starts no emulator of its own', async () => {
    // The demo's colleagues come from a fixed seed: their mailboxes are put in this emulator, one with a customer's email.
    const demo = generateTenant({ seed: DEMO_SEED, now: Date.now(), scale: DEMO_SCALE });
    for (const u of demo.users) emulator.addMailbox(u.email, u.displayName);
    const colleague = demo.users[0]!;
    const customer = `ostaja@${demo.accounts[0]!.domains[0]}`;
    emulator.store.addMessage(colleague.email, { subject: 'Tarjouspyyntö ulkoisesta Graphista', from: { address: customer, name: 'Ostaja' }, to: [colleague.email], internetMessageId: '<external-graph-1@test>' });

    const path = join(dir, 'demo.db');
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env, DATABASE_URL: '', SUHDE_SQLITE_PATH: path, SUHDE_DEMO: '1', PORT: String(port), HOST: '127.0.0.1', SUHDE_WEB_ROOT: join(dir, 'no-web'),
        GRAPH_BASE_URL: `${emulator.url}/v1.0`, GRAPH_STATIC_TOKEN: 'demo-external-graph', SUHDE_SYNC_POLL_MINUTES: '0', ENTRA_CLIENT_ID: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout!.on('data', (d) => (out += d));
    server.stderr!.on('data', (d) => (out += d));
    await expect.poll(() => out, { timeout: 120_000, interval: 200 }).toMatch(/Graph sync:.*\n/);
    expect(out).toContain(`Graph sync: ${emulator.url}/v1.0 (configured)`);
    expect(out).not.toMatch(/came through the Graph emulator/);
    expect(out).toMatch(/mailboxes synced from the configured Graph/);

    // Every demo colleague's mailbox is read from this emulator, and the customer's email is stored.
    await expect.poll(() => new Set(emulator.requests.filter((r) => r.path.includes('/delta')).map((r) => /\/users\/([^/]+)\//.exec(decodeURIComponent(r.path))?.[1])).size, { timeout: 60_000, interval: 250 })
      .toBeGreaterThanOrEqual(demo.users.length);
    const stored = () => {
      const db = new SQLite(path, { readonly: true });
      try {
        return db.prepare('select count(*) n from interactions where subject = ?').get('Tarjouspyyntö ulkoisesta Graphista') as { n: number };
      } finally {
        db.close();
      }
    };
    await expect.poll(() => stored().n, { timeout: 60_000, interval: 250 }).toBe(1);
    expect(out, out).not.toMatch(/pass failed|gave up/);
  }, 240_000);
});
