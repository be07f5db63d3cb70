// The sync reads Graph ahead of the store (sync/page-batches.ts), against the emulator over real HTTP on SQLite
// and PostgreSQL: the request for page N+1 reaches Graph before page N's commit ends, and a commit that fails
// leaves the cursor at the last committed page, so the next pass stores the rest without losing or repeating any.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { runSyncPass, type SyncEngineDeps } from '../../backend/src/sync/run-sync-pass.ts';
import type { StoreTimer } from '../../backend/src/sync/store-timer.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const CUSTOMER = { address: 'kalle@asiakas.fi', name: 'Kalle Asiakas' };
const STREAM = 'mail:inbox';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A slow store: every store call of the pass waits first, and each call's end is noted with the cursor it left. */
function slowStore(handle: Db, tenantId: string, delayMs: number) {
  const spans: { start: number; end: number; nextLink: string | null }[] = [];
  const timer: StoreTimer = {
    async span(work) {
      const start = Date.now();
      await sleep(delayMs);
      const out = await work();
      const end = Date.now();
      const row = await handle.db.selectFrom('sync_cursors').select('next_link').where('tenant_id', '=', tenantId).where('stream', '=', STREAM).executeTakeFirst();
      spans.push({ start, end, nextLink: row?.next_link ?? null });
      return out;
    },
  };
  return { timer, spans };
}

/** The pass syncs one stream (the Inbox), so every message delta request is one of its pages. */
const inboxDeltaRequests = (world: SyncWorld) => world.emulator.requests.filter((r) => !r.inBatch && /\/messages\/delta$/.test(r.path));

async function storedSubjects(handle: Db): Promise<string[]> {
  const rows = await handle.db.selectFrom('interactions').select('subject').where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.subject ?? '').sort();
}

for (const database of testDatabases()) {
  describe(`sync read-ahead on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle, { pageSize: 3 });
      // 7 messages at 3 a page: pages 1 and 2 carry a nextLink, page 3 the deltaLink.
      for (let i = 0; i < 7; i++) world.emulator.store.addMessage(world.tenant.users.rep.email, { subject: `Sivu ${i}`, from: CUSTOMER, to: [world.tenant.users.rep.email], receivedAt: Date.now() - i * 60_000 });
    });
    afterEach(async () => {
      await world.stop();
      await dispose();
    });

    const pass = (deps: SyncEngineDeps) => runSyncPass(deps, { tenantId: world.tenant.tenantId, mailboxId: world.mailboxes.rep.id, stream: STREAM });

    it('asks Graph for page N+1 before page N is committed', async () => {
      const slow = slowStore(handle, world.tenant.tenantId, 40);
      world.emulator.clearLog();
      // One page per commit, so each page's commit is its own store call.
      const result = await pass({ ...world.deps, storeTimer: slow.timer, batchLimits: { maxItems: 3, maxPagesAhead: 2 } });
      expect(result).toMatchObject({ status: 'done', pages: 3, stored: 7 });
      const requests = inboxDeltaRequests(world);
      expect(requests).toHaveLength(3); // the floor: one request per page
      // The commit of page 1 is the store call after which the cursor first holds page 1's nextLink; page 2's
      // request (which follows that link) reached the emulator before that call ended.
      const firstCommit = slow.spans.find((s) => s.nextLink !== null)!;
      expect(firstCommit).toBeDefined();
      expect(requests[1]!.at).toBeLessThan(firstCommit.end);
      expect(requests[1]!.query).toContain(new URL(firstCommit.nextLink!).search.slice(1));
      // Likewise page 3's request went out before page 2's commit ended.
      const secondCommit = slow.spans.find((s) => s.nextLink !== null && s.nextLink !== firstCommit.nextLink)!;
      expect(requests[2]!.at).toBeLessThan(secondCommit.end);
    });

    it('keeps the cursor at the last committed page when storing a later page fails, and the next pass resumes there', async () => {
      // The store refuses one email of page 2, in the middle of that page's transaction.
      if (database.name === 'sqlite') {
        await sql`create trigger refuse_page_two before insert on interactions when new.subject = 'Sivu 4' begin select raise(abort, 'refused by the test'); end`.execute(handle.db);
      } else {
        await sql`create function refuse_page_two() returns trigger language plpgsql as $$ begin if new.subject = 'Sivu 4' then raise exception 'refused by the test'; end if; return new; end $$`.execute(handle.db);
        await sql`create trigger refuse_page_two before insert on interactions for each row execute function refuse_page_two()`.execute(handle.db);
      }
      const slow = slowStore(handle, world.tenant.tenantId, 20);
      const deps = { ...world.deps, storeTimer: slow.timer, batchLimits: { maxItems: 3, maxPagesAhead: 2 } };
      world.emulator.clearLog();
      await expect(pass(deps)).rejects.toThrow(/refused by the test/);
      const afterFailure = inboxDeltaRequests(world);
      // Page 1 is stored with its cursor (its nextLink); nothing of page 2 or of page 3, which was read ahead.
      const cursor = await handle.db.selectFrom('sync_cursors').select(['next_link', 'delta_link']).where('stream', '=', STREAM).executeTakeFirstOrThrow();
      expect(cursor.delta_link).toBeNull();
      expect(cursor.next_link).not.toBeNull();
      expect(afterFailure[1]!.query).toContain(new URL(cursor.next_link!).search.slice(1));
      expect(await storedSubjects(handle)).toEqual(['Sivu 0', 'Sivu 1', 'Sivu 2']);

      if (database.name === 'sqlite') await sql`drop trigger refuse_page_two`.execute(handle.db);
      else await sql`drop trigger refuse_page_two on interactions`.execute(handle.db);
      world.emulator.clearLog();
      const resumed = await pass(deps);
      // Resumed at page 2: two requests (pages 2 and 3), page 1 neither fetched nor stored again.
      expect(resumed).toMatchObject({ status: 'done', fullRound: false, pages: 2, seen: 4, created: 4 });
      const again = inboxDeltaRequests(world);
      expect(again).toHaveLength(2);
      expect(again[0]!.query).toContain(new URL(cursor.next_link!).search.slice(1));
      expect(await storedSubjects(handle)).toEqual(['Sivu 0', 'Sivu 1', 'Sivu 2', 'Sivu 3', 'Sivu 4', 'Sivu 5', 'Sivu 6']);
      const done = await handle.db.selectFrom('sync_cursors').select(['next_link', 'delta_link']).where('stream', '=', STREAM).executeTakeFirstOrThrow();
      expect(done.next_link).toBeNull();
      expect(done.delta_link).not.toBeNull();
    });
  });
}
