// Crash safety: kill -9 the real server (the README's product command) in the middle of a stream of writes,
// then check the SQLite file: every acknowledged interaction is there whole, and nothing is there half-written.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { startProductServer } from './support/product-server.ts';

async function json(url: string, init?: RequestInit) {
  const r = await fetch(url, init);
  return { status: r.status, body: (await r.json()) as any };
}

describe('crash safety (SQLite, kill -9 during writes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suhde-crash-'));
  const dataPath = join(dir, 'suhde.db');
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged interaction whole and leaves no half-written one', async () => {
    const first = await startProductServer({ dataPath });
    child = first.child;
    const users = await json(`${first.base}/demo/users`);
    const rep = users.body.items.find((u: { role: string }) => u.role === 'rep');
    const { body: tok } = await json(`${first.base}/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: rep.id }) });
    const auth = { authorization: `Bearer ${tok.access_token}`, 'content-type': 'application/json' };
    const accounts = await json(`${first.base}/api/accounts?limit=5`, { headers: auth });
    const accountIds: string[] = accounts.body.items.map((a: { id: string }) => a.id);
    expect(accountIds.length).toBeGreaterThan(1);

    const acked = new Map<string, { accounts: number; participants: number }>();
    let sent = 0;
    let stop = false;
    const writer = async (w: number) => {
      while (!stop) {
        const n = sent++;
        const body = {
          kind: 'call', occurredAt: Date.now() - n * 1000, durationMinutes: 10, note: `crash-test ${w}-${n}`,
          accountIds: [accountIds[n % accountIds.length], accountIds[(n + 1) % accountIds.length]],
          participants: [{ role: 'from', address: rep.email, displayName: rep.displayName }, { role: 'to', address: `caller${n}@example-customer.fi`, displayName: null }],
        };
        try {
          const r = await fetch(`${first.base}/api/interactions`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
          if (r.status === 201) {
            const j = (await r.json()) as { interaction: { id: string } };
            acked.set(j.interaction.id, { accounts: 2, participants: 2 });
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 10));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((r) => first.child.once('exit', r));

    const db = new SQLite(dataPath);
    const rows = db.prepare(`select i.id,
        (select count(*) from interaction_accounts a where a.tenant_id = i.tenant_id and a.interaction_id = i.id) as accounts,
        (select count(*) from interaction_participants p where p.tenant_id = i.tenant_id and p.interaction_id = i.id) as participants,
        (select count(*) from interaction_holders h where h.tenant_id = i.tenant_id and h.interaction_id = i.id) as holders
      from interactions i where i.note like 'crash-test %'`).all() as { id: string; accounts: number; participants: number; holders: number }[];
    db.close();
    const stored = new Map(rows.map((r) => [r.id, r]));
    for (const [id, expected] of acked) {
      expect(stored.get(id), `acknowledged ${id} lost`).toMatchObject({ accounts: expected.accounts, participants: expected.participants, holders: 1 });
    }
    for (const r of rows) expect(r, `half-written ${r.id}`).toMatchObject({ accounts: 2, participants: 2, holders: 1 });
    expect(rows.length).toBeGreaterThanOrEqual(acked.size);
    expect(sent).toBeGreaterThan(acked.size); // writes were in flight when it died

    const second = await startProductServer({ dataPath });
    child = second.child;
    const ready = await json(`${second.base}/readyz`);
    expect(ready.status).toBe(200);
    const some = [...acked.keys()][0]!;
    const { body: tok2 } = await json(`${second.base}/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: rep.id }) });
    const again = await json(`${second.base}/api/interactions/${some}`, { headers: { authorization: `Bearer ${tok2.access_token}` } });
    expect(again.status).toBe(200);
    second.child.kill('SIGKILL');
  }, 240_000);
});
