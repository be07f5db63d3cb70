// A user connects their own mailbox from the add-in or the tab: Suhde reads it with a Graph client acting for
// them (on-behalf-of in production; here the emulator takes a delegated token for that user), never storing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { createGraphClient } from '../../backend/src/graph/index.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { inProcessQueue } from '../../backend/src/sync/job-queue.ts';
import { createSyncService, type SyncService } from '../../backend/src/sync/sync-service.ts';
import type { Db } from '../../backend/src/store/connect.ts';

const database = testDatabases()[0]!;

describe('connecting your own mailbox (delegated)', () => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let emulator: GraphEmulator;
  let sync: SyncService;
  const assertions: string[] = [];
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    // The emulator accepts "me:<upn>" as that user's delegated token, and nothing else.
    emulator = await startGraphEmulator({ checkToken: (t) => (t.startsWith('me:') ? t.slice(3) : false) });
    sync = createSyncService({
      handle, queue: inProcessQueue(), notificationBaseUrl: null, pollIntervalMs: 0,
      graphFor: () => { throw new Error('application access must not be used for a delegated mailbox'); },
      delegatedGraph: (_tenantId, assertion) => {
        assertions.push(assertion);
        return createGraphClient({ baseUrl: emulator.url, authProvider: async () => `me:${h.a.users.rep.email}` });
      },
    });
    h = await apiHarness(handle, 64 * 1024, { sync });
    emulator.addMailbox(h.a.users.rep.email, h.a.users.rep.displayName);
    await createAccount(h.a.scope, { name: 'Asiakas Oy', domains: ['asiakas.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, h.clock.now);
  });
  afterAll(async () => {
    await sync.stop();
    await emulator.stop();
    await dispose();
  });

  it('syncs the caller’s mailbox with a client made from their own token', async () => {
    emulator.store.addMessage(h.a.users.rep.email, { subject: 'Oma posti', from: 'liisa@asiakas.fi', to: [h.a.users.rep.email] });
    const token = await h.token(h.a, h.a.users.rep);
    const r = await h.call('POST', '/api/sync/my-mailbox', { as: token });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ mode: 'delegated', address: h.a.users.rep.email });
    expect(assertions).toEqual([token]);
    await expect.poll(async () => (await handle.db.selectFrom('interactions').select('subject').execute()).map((x) => x.subject)).toEqual(['Oma posti']);
    const mailbox = await handle.db.selectFrom('mailboxes').selectAll().where('id', '=', r.body.mailboxId).executeTakeFirstOrThrow();
    expect(mailbox.mode).toBe('delegated');
    // The token is not kept anywhere in the store.
    const dump = JSON.stringify(await handle.db.selectFrom('mailboxes').selectAll().execute()) + JSON.stringify(await handle.db.selectFrom('sync_cursors').selectAll().execute());
    expect(dump).not.toContain(token.slice(-20));
    // Polling leaves delegated mailboxes alone: without the user there is no token.
    expect(await sync.enqueueAll()).toBe(0);
  });

  it('answers plainly when the server cannot act on a user’s behalf', async () => {
    const plain = await apiHarness(handle);
    const r = await plain.call('POST', '/api/sync/my-mailbox', { as: [plain.a, plain.a.users.rep] });
    expect(r.status).toBe(409);
    expect(r.body.detail).toMatch(/cannot read mailboxes on your behalf/);
  });
});
