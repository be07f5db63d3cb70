// Subscriptions against the Graph emulator over real HTTP.
import { describe, expect, it } from 'vitest';
import { graphHarness } from '../../../test/support/graph-harness.ts';
import { startWebhookListener } from '../../../test/support/webhook-listener.ts';
import { subscriptionResource } from './subscriptions.ts';

const h = graphHarness();

describe('subscriptions', () => {
  it('creates (after the handshake), renews and deletes a subscription', async () => {
    const listener = await startWebhookListener('echo');
    try {
      const graph = h.client();
      const expiresAt = Date.now() + 2 * 3_600_000;
      const created = await graph.createSubscription({
        resource: `/users/${h.mailbox.id}/mailFolders('inbox')/messages`, changeType: 'created,updated,deleted',
        notificationUrl: listener.url, lifecycleNotificationUrl: listener.lifecycleUrl, expiresAt, clientState: 'per-subscription-secret',
      });
      expect(created).toMatchObject({ clientState: 'per-subscription-secret', lifecycleNotificationUrl: listener.lifecycleUrl, expiresAt });
      expect(listener.validations).toHaveLength(2);
      // Created with the ImmutableId preference, so notifications carry immutable ids.
      expect(h.emulator.subscriptions.get(created.id)?.immutableIds).toBe(true);
      const renewed = await graph.renewSubscription(created.id, expiresAt + 86_400_000);
      expect(renewed.expiresAt).toBe(expiresAt + 86_400_000);
      await graph.deleteSubscription(created.id);
      await expect(graph.renewSubscription(created.id, expiresAt)).rejects.toMatchObject({ status: 404 });
    } finally {
      await listener.stop();
    }
  });

  it('reports a failed handshake as a GraphRequestError', async () => {
    const listener = await startWebhookListener('wrong');
    try {
      const error = await h.client()
        .createSubscription({ resource: `/users/${h.mailbox.id}/events`, changeType: 'created', notificationUrl: listener.url, expiresAt: Date.now() + 3_600_000, clientState: 's' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, code: 'ValidationError' });
    } finally {
      await listener.stop();
    }
  });

  it('renews many through $batch PATCHes, one typed outcome per id in order', async () => {
    const listener = await startWebhookListener('echo');
    try {
      const graph = h.client({ maxRetries: 0 });
      const expiresAt = Date.now() + 2 * 3_600_000;
      const create = (resource: string) => graph.createSubscription({ resource, changeType: 'created', notificationUrl: listener.url, expiresAt, clientState: 's' });
      const kept = await create(subscriptionResource(h.mailbox.userPrincipalName, { kind: 'mail', folder: 'inbox' }));
      const removed = await create(subscriptionResource(h.mailbox.userPrincipalName, { kind: 'calendar' }));
      const refused = await create(subscriptionResource(h.mailbox.userPrincipalName, { kind: 'mail', folder: 'sentitems' }));
      await graph.deleteSubscription(removed.id);
      h.emulator.clearLog();
      // The third PATCH of the batch meets an outage; with no retries left it is reported, not thrown.
      h.emulator.inject({ status: 503, where: 'batch-item', path: new RegExp(refused.id) });
      const until = expiresAt + 86_400_000;
      expect(await graph.renewSubscriptions([kept.id, removed.id, refused.id], until)).toEqual([
        { id: kept.id, kind: 'renewed', expiresAt: until },
        { id: removed.id, kind: 'gone' },
        { id: refused.id, kind: 'failed', status: 503, message: expect.stringMatching(/^503/) },
      ]);
      expect(h.emulator.requests.filter((r) => !r.inBatch).map((r) => [r.method, r.path])).toEqual([['POST', '/$batch']]);
      expect(h.emulator.requests.filter((r) => r.inBatch).map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH']);
      expect(h.emulator.subscriptions.get(kept.id)?.expiresAt).toBe(until);
      expect(await graph.renewSubscriptions([], until)).toEqual([]);
    } finally {
      await listener.stop();
    }
  });

  it('names the resource a stream watches', () => {
    expect(subscriptionResource('Aino Asiakas@x.fi', { kind: 'mail', folder: 'inbox' })).toBe("users/Aino%20Asiakas%40x.fi/mailFolders('inbox')/messages");
    expect(subscriptionResource('a@x.fi', { kind: 'calendar' })).toBe('users/a%40x.fi/events');
  });
});
