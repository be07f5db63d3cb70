// Change notifications end to end over real HTTP: the emulator validates the webhook, delivers notifications
// and lifecycle events to the real app; the app checks clientState, answers 202 before the work is done, and
// the queued pass stores the new mail.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { makeSyncWorld, type SyncWorld } from './sync-world.ts';
import { createApp } from '../../backend/src/app.ts';
import { inProcessQueue, type SyncJob } from '../../backend/src/sync/job-queue.ts';
import { createSyncService, sameSecret, type SyncService } from '../../backend/src/sync/sync-service.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { parseChangeNotifications } from '../../backend/src/graph/index.ts';

const CUSTOMER = { address: 'kalle@asiakas.fi', name: 'Kalle Asiakas' };

for (const database of testDatabases()) {
  describe(`Graph webhooks on ${database.name}`, () => {
    let handle: Db;
    let dispose: () => Promise<void>;
    let world: SyncWorld;
    let server: ServerType;
    let base: string;
    let sync: SyncService;
    let gate: Promise<void>;
    let openGate: () => void;
    const ran: SyncJob[] = [];

    beforeEach(async () => {
      ({ handle, dispose } = await database.open());
      world = await makeSyncWorld(handle);
      ran.length = 0;
      gate = Promise.resolve();
      // The app is served first so its URL is known to the subscriptions it creates.
      let service: SyncService | null = null;
      const app = createApp({
        handle, clock: Date.now, config: { publicUrl: 'http://127.0.0.1', bodyLimitBytes: 1 << 20, demo: false },
        verify: async () => { throw new Error('no tokens in this suite'); },
        sync: {
          acceptNotifications: (n) => service!.acceptNotifications(n),
        } as SyncService,
      });
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((r) => server.once('listening', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const queue = inProcessQueue();
      service = createSyncService({ handle, graphFor: () => world.graph, queue, notificationBaseUrl: base, pageSize: 5, pollIntervalMs: 0 });
      sync = service;
      await queue.start(async (job) => {
        await gate;
        ran.push(job);
        await service!.runJob(job);
      });
    });
    afterEach(async () => {
      await sync.stop();
      await new Promise((r) => server.close(r));
      await world.stop();
      await dispose();
    });

    it('passes the validation handshake and subscribes each stream with its own secret and a lifecycle URL', async () => {
      expect(await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep')).toBe(3);
      const subs = [...world.emulator.subscriptions.list()];
      expect(subs).toHaveLength(3);
      expect(subs.every((s) => s.notificationUrl === `${base}/graph/notifications` && s.lifecycleNotificationUrl === `${base}/graph/lifecycle`)).toBe(true);
      expect(new Set(subs.map((s) => s.clientState)).size).toBe(3);
      // Asking again creates nothing new.
      expect(await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep')).toBe(0);
      const echo = await fetch(`${base}/graph/notifications?validationToken=${encodeURIComponent('Validation: a+b <c>')}`, { method: 'POST' });
      expect(echo.status).toBe(200);
      expect(echo.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await echo.text()).toBe('Validation: a+b <c>');
    });

    it('acknowledges a notification with 202 before its pass has run, then stores the new mail', async () => {
      await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep');
      gate = new Promise((r) => (openGate = r));
      const msg = world.emulator.store.addMessage(world.tenant.users.rep.email, { subject: 'Ilmoitus', from: CUSTOMER, to: [world.tenant.users.rep.email] });
      const inbox = world.emulator.subscriptions.list().find((s) => s.scope.kind === 'folder')!;
      const delivery = await world.emulator.notify(inbox.id, 'created', msg.id);
      expect(delivery.status).toBe(202);
      expect(ran).toHaveLength(0);
      const stored = await handle.db.selectFrom('interactions').select('subject').execute();
      expect(stored).toHaveLength(0);
      openGate();
      await sync.queue.idle();
      expect(ran.map((j) => j.stream)).toEqual(['mail:inbox']);
      expect((await handle.db.selectFrom('interactions').select('subject').execute()).map((r) => r.subject)).toEqual(['Ilmoitus']);
    });

    it('refuses a notification with a wrong clientState and queues nothing', async () => {
      await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep');
      const sub = world.emulator.subscriptions.list()[0]!;
      const body = { value: [{ subscriptionId: sub.id, clientState: 'not-the-secret', changeType: 'created', resource: 'Users/x/Messages/y', tenantId: world.emulator.tenantId }] };
      const r = await fetch(`${base}/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(403);
      expect((await r.json()).detail).toMatch(/clientState/);
      await sync.queue.idle();
      expect(ran).toHaveLength(0);
      const garbage = await fetch(`${base}/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"value": 3}' });
      expect(garbage.status).toBe(400);
      expect(sameSecret('abc', 'abc')).toBe(true);
      expect(sameSecret('abc', 'abcd')).toBe(false);
      expect(sameSecret(null, 'abc')).toBe(false);
    });

    it('acknowledges and drops a notification for a subscription it does not know, and still refuses a wrong clientState on one it knows', async () => {
      await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep');
      const known = world.emulator.subscriptions.list()[0]!;
      // Graph's documented change notification (a message created), for a subscription removed with its mailbox.
      const notification = (subscriptionId: string, clientState: string) => ({
        id: 'lsgTZMr9KwAAA', subscriptionId, subscriptionExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(), clientState,
        changeType: 'created', resource: 'Users/5d0f1e2a-0000-4000-8000-000000000001/Messages/AAMkAGUAAAwTW09AAA=', tenantId: world.emulator.tenantId,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Message', '@odata.id': 'Users/5d0f1e2a-0000-4000-8000-000000000001/Messages/AAMkAGUAAAwTW09AAA=',
          '@odata.etag': 'W/"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf"', id: 'AAMkAGUAAAwTW09AAA=',
        },
      });
      const post = (value: object[]) => fetch(`${base}/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
      const unknown = await post([notification('0f7c1b5e-2c4d-4f7a-9a55-8d1e2f3a4b5c', 'secret-of-a-removed-subscription')]);
      expect(unknown.status).toBe(202);
      expect(await sync.acceptNotifications(parseChangeNotifications({ value: [notification('a-removed-subscription', 'x')] }))).toEqual({ accepted: 0, refused: 0, dropped: 1 });
      // A wrong secret on a subscription it knows is refused, also next to one it does not know.
      expect((await post([notification(known.id, 'not-the-secret')])).status).toBe(403);
      expect((await post([notification('0f7c1b5e-2c4d-4f7a-9a55-8d1e2f3a4b5c', 'x'), notification(known.id, 'not-the-secret')])).status).toBe(403);
      await sync.queue.idle();
      expect(ran).toHaveLength(0);
    });

    it('renews on reauthorizationRequired, recreates on subscriptionRemoved, and runs a pass on missed', async () => {
      await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep');
      const [first] = world.emulator.subscriptions.list();
      const before = first!.expiresAt;
      await new Promise((r) => setTimeout(r, 5));
      expect((await world.emulator.fireLifecycle(first!.id, 'reauthorizationRequired')).status).toBe(202);
      await expect.poll(() => world.emulator.subscriptions.list().find((s) => s.id === first!.id)?.expiresAt).toBeGreaterThan(before);

      const [, second] = world.emulator.subscriptions.list();
      expect((await world.emulator.fireLifecycle(second!.id, 'subscriptionRemoved')).status).toBe(202);
      await expect.poll(async () => (await handle.db.selectFrom('subscriptions').select('id').where('stream', '=', 'mail:sentitems').execute()).map((s) => s.id)).not.toContain(second!.id);
      await expect.poll(async () => (await handle.db.selectFrom('subscriptions').select('id').execute()).length).toBe(3);

      const third = world.emulator.subscriptions.list().find((s) => s.scope.kind === 'events')!;
      await world.emulator.fireLifecycle(third.id, 'missed');
      await sync.queue.idle();
      expect(ran.some((j) => j.stream === 'calendar')).toBe(true);
    });

    it('renews subscriptions that expire within the margin', async () => {
      await sync.ensureSubscriptions(world.tenant.tenantId, 'mbx-rep');
      await handle.db.updateTable('subscriptions').set({ expires_at: Date.now() + 60_000 }).execute();
      // One the emulator no longer knows is recreated rather than renewed.
      const gone = world.emulator.subscriptions.list()[0]!;
      await world.graph.deleteSubscription(gone.id);
      world.emulator.clearLog();
      expect(await sync.renewDue()).toBe(3);
      // Three renewals in one $batch request.
      expect(world.emulator.requests.filter((r) => !r.inBatch && r.path.endsWith('/$batch'))).toHaveLength(1);
      expect(world.emulator.requests.filter((r) => r.inBatch && r.method === 'PATCH')).toHaveLength(3);
      expect(world.emulator.subscriptions.list().map((s) => s.id)).not.toContain(gone.id);
      expect(world.emulator.subscriptions.list()).toHaveLength(3);
      const rows = await handle.db.selectFrom('subscriptions').select('expires_at').execute();
      expect(rows.every((r) => Number(r.expires_at) > Date.now() + 86_400_000)).toBe(true);
    });
  });
}
