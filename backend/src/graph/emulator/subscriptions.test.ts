// Subscriptions in the emulator: the validation handshake against a real local listener, renew, delete, and the
// change and lifecycle notifications it delivers, shaped as Graph documents them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator, type MailboxRecord } from './index.ts';
import { startWebhookListener, type WebhookListener } from '../../../../test/support/webhook-listener.ts';

let emulator: GraphEmulator;
let mailbox: MailboxRecord;
let listener: WebhookListener;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${emulator.url}/v1.0${path}`, {
    method,
    headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function subscriptionBody(overrides: Record<string, unknown> = {}) {
  return {
    changeType: 'created,updated,deleted',
    notificationUrl: listener.url,
    lifecycleNotificationUrl: listener.lifecycleUrl,
    resource: `/users/${mailbox.id}/mailFolders('inbox')/messages`,
    expirationDateTime: inAnHour(),
    clientState: 'secret-1',
    ...overrides,
  };
}

beforeAll(async () => {
  emulator = await startGraphEmulator({ validationTimeoutMs: 300 });
  mailbox = emulator.addMailbox('sub@contoso.example');
});
afterAll(() => emulator.stop());
afterEach(async () => {
  await listener?.stop();
});

describe('creating a subscription', () => {
  it('validates both URLs with the documented handshake and answers 201 with the subscription', async () => {
    listener = await startWebhookListener('echo');
    const created = await call('POST', '/subscriptions', subscriptionBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      '@odata.context': `${emulator.url}/v1.0/$metadata#subscriptions/$entity`,
      id: expect.any(String),
      resource: `/users/${mailbox.id}/mailFolders('inbox')/messages`,
      changeType: 'created,updated,deleted',
      clientState: 'secret-1',
      notificationUrl: listener.url,
      lifecycleNotificationUrl: listener.lifecycleUrl,
      includeResourceData: false,
    });
    // One validation each for notificationUrl and lifecycleNotificationUrl, the token decoded by the listener.
    expect(listener.validations).toHaveLength(2);
    expect(listener.validations[0]).toMatch(/^Validation: Testing client application reachability for subscription Request-Id: [0-9a-f-]{36}$/);
  });

  it('refuses the subscription when the endpoint echoes the token wrongly, with the wrong type, or not in time', async () => {
    for (const mode of ['wrong', 'html', 'silent'] as const) {
      listener = await startWebhookListener(mode);
      const refused = await call('POST', '/subscriptions', subscriptionBody());
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('ValidationError');
      expect(refused.body.error.message).toMatch(/^Subscription validation request failed\./);
      await listener.stop();
    }
    expect(emulator.subscriptions.list().every((s) => s.notificationUrl !== listener.url)).toBe(true);
  });

  it('refuses bad requests before any handshake', async () => {
    listener = await startWebhookListener('echo');
    const cases = [
      subscriptionBody({ changeType: 'moved' }),
      subscriptionBody({ expirationDateTime: new Date(Date.now() - 1000).toISOString() }),
      subscriptionBody({ expirationDateTime: new Date(Date.now() + 8 * 86_400_000).toISOString() }),
      subscriptionBody({ clientState: 'x'.repeat(129) }),
      subscriptionBody({ notificationUrl: 'https://webhook.example.com/notify' }),
      subscriptionBody({ resource: '/users/nobody@contoso.example/messages' }),
    ];
    for (const body of cases) expect((await call('POST', '/subscriptions', body)).status).toBeGreaterThanOrEqual(400);
    expect(listener.validations).toEqual([]);
  });
});

describe('renewing and deleting', () => {
  it('renews with PATCH and deletes with DELETE', async () => {
    listener = await startWebhookListener('echo');
    const { body: created } = await call('POST', '/subscriptions', subscriptionBody({ lifecycleNotificationUrl: undefined }));
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const renewed = await call('PATCH', `/subscriptions/${created.id}`, { expirationDateTime: later });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expirationDateTime)).toBe(Date.parse(later));
    expect((await call('POST', `/subscriptions/${created.id}/reauthorize`)).status).toBe(204);
    expect((await call('DELETE', `/subscriptions/${created.id}`)).status).toBe(204);
    expect((await call('GET', `/subscriptions/${created.id}`)).status).toBe(404);
    expect((await call('PATCH', `/subscriptions/${created.id}`, { expirationDateTime: later })).status).toBe(404);
  });
});

describe('notifications', () => {
  it('delivers a change notification with the documented fields and immutable ids when subscribed with the header', async () => {
    listener = await startWebhookListener('echo');
    const { body: sub } = await call('POST', '/subscriptions', subscriptionBody(), { Prefer: 'IdType="ImmutableId"' });
    const m = emulator.store.addMessage(mailbox.id, { subject: 'new mail' });
    const delivery = await emulator.notify(sub.id, 'created', m.id);
    expect(delivery.status).toBe(202);
    expect(listener.received).toEqual([
      {
        path: '/notifications',
        body: {
          value: [
            {
              subscriptionId: sub.id,
              subscriptionExpirationDateTime: expect.stringMatching(/Z$/),
              changeType: 'created',
              resource: `Users/${mailbox.id}/Messages/${m.id}`,
              resourceData: {
                '@odata.type': '#Microsoft.Graph.Message',
                '@odata.id': `Users/${mailbox.id}/Messages/${m.id}`,
                '@odata.etag': expect.stringMatching(/^W\/"/),
                id: m.id,
              },
              clientState: 'secret-1',
              tenantId: emulator.tenantId,
            },
          ],
        },
      },
    ]);
  });

  it('sends lifecycle notifications to the lifecycle URL; subscriptionRemoved removes the subscription', async () => {
    listener = await startWebhookListener('echo');
    const { body: sub } = await call('POST', '/subscriptions', subscriptionBody());
    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) await emulator.fireLifecycle(sub.id, event);
    expect(listener.received.map((r) => r.path)).toEqual(['/lifecycle', '/lifecycle', '/lifecycle']);
    expect(listener.received.map((r) => (r.body as { value: { lifecycleEvent: string }[] }).value[0]?.lifecycleEvent)).toEqual([
      'reauthorizationRequired', 'missed', 'subscriptionRemoved',
    ]);
    expect((listener.received[0]?.body as { value: unknown[] }).value[0]).toEqual({
      subscriptionId: sub.id, subscriptionExpirationDateTime: expect.any(String), tenantId: emulator.tenantId, clientState: 'secret-1', lifecycleEvent: 'reauthorizationRequired',
    });
    expect(emulator.subscriptions.get(sub.id)).toBeUndefined();
  });

  it('notifies by itself on store changes when autoNotify is on', async () => {
    const auto = await startGraphEmulator({ autoNotify: true });
    try {
      listener = await startWebhookListener('echo');
      const box = auto.addMailbox('auto@contoso.example');
      const res = await fetch(`${auto.url}/v1.0/subscriptions`, {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        body: JSON.stringify({ changeType: 'created,deleted', notificationUrl: listener.url, resource: `users/${box.id}/mailFolders('inbox')/messages`, expirationDateTime: inAnHour(), clientState: 's' }),
      });
      expect(res.status).toBe(201);
      const m = auto.store.addMessage(box.id, { subject: 'hello' });
      auto.store.updateMessage(box.id, m.id, { isRead: true }); // not subscribed to updates
      auto.store.moveMessage(box.id, m.id, 'archive'); // leaves the inbox: deleted there
      await auto.subscriptions.flush();
      expect(listener.received.map((r) => (r.body as { value: { changeType: string }[] }).value[0]?.changeType)).toEqual(['created', 'deleted']);
    } finally {
      await auto.stop();
    }
  });
});
