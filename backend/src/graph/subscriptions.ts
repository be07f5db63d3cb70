// Change-notification subscriptions: the resources Suhde watches, and creating, renewing (one, or many through
// $batch) and deleting subscriptions.
import { GraphPayloadError } from './graph-errors.ts';
import { segment } from './delta-round.ts';
import { asObject } from './payload-readers.ts';
import type { GraphTransport } from './transport.ts';

export interface SubscriptionRequest {
  /** e.g. /users/{id}/mailFolders('inbox')/messages or /users/{id}/events (subscriptionResource). */
  resource: string;
  /** Comma-separated: created, updated, deleted. */
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  expiresAt: number;
  /** The per-subscription secret Graph echoes in every notification. */
  clientState: string;
}

export interface GraphSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expiresAt: number;
  clientState: string | null;
}

/** What one subscription's renewal came to. `gone`: Graph no longer knows it (404), so it must be created anew. */
export type RenewalOutcome =
  | { id: string; kind: 'renewed'; expiresAt: number }
  | { id: string; kind: 'gone' }
  | { id: string; kind: 'failed'; status: number; message: string };

/** A collection Suhde watches in a mailbox: one mail folder (by its well-known name or id), or the calendar. */
export type WatchedCollection = { kind: 'mail'; folder: string } | { kind: 'calendar' };

/** The Graph resource a change-notification subscription watches for this collection. */
export function subscriptionResource(address: string, collection: WatchedCollection): string {
  const user = encodeURIComponent(address);
  return collection.kind === 'calendar' ? `users/${user}/events` : `users/${user}/mailFolders('${collection.folder}')/messages`;
}

function readSubscription(body: unknown): GraphSubscription {
  const s = asObject(body, 'subscription');
  const text = (key: string): string | null => (typeof s[key] === 'string' ? (s[key] as string) : null);
  const id = text('id');
  const expires = Date.parse(text('expirationDateTime') ?? '');
  if (!id || !Number.isFinite(expires)) throw new GraphPayloadError('subscription: id or expirationDateTime missing');
  return {
    id,
    resource: text('resource') ?? '',
    changeType: text('changeType') ?? '',
    notificationUrl: text('notificationUrl') ?? '',
    lifecycleNotificationUrl: text('lifecycleNotificationUrl'),
    expiresAt: expires,
    clientState: text('clientState'),
  };
}

/** The message of a Graph error body ({ error: { code, message } }), or the status alone. */
function errorMessage(status: number, body: unknown): string {
  const error = body && typeof body === 'object' ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  const parts = [error?.code, error?.message].filter((p): p is string => typeof p === 'string');
  return parts.length ? `${status} ${parts.join(': ')}` : String(status);
}

export async function createSubscription(transport: GraphTransport, request: SubscriptionRequest): Promise<GraphSubscription> {
  const { body } = await transport.call({
    method: 'POST',
    url: `${transport.root}/subscriptions`,
    mailboxes: new Map(),
    delta: false,
    body: {
      changeType: request.changeType,
      notificationUrl: request.notificationUrl,
      ...(request.lifecycleNotificationUrl ? { lifecycleNotificationUrl: request.lifecycleNotificationUrl } : {}),
      resource: request.resource,
      expirationDateTime: new Date(request.expiresAt).toISOString(),
      clientState: request.clientState,
    },
  });
  return readSubscription(body);
}

export async function renewSubscription(transport: GraphTransport, id: string, expiresAt: number): Promise<GraphSubscription> {
  const { body } = await transport.call({
    method: 'PATCH',
    url: `${transport.root}/subscriptions/${segment(id)}`,
    mailboxes: new Map(),
    delta: false,
    body: { expirationDateTime: new Date(expiresAt).toISOString() },
  });
  return readSubscription(body);
}

/**
 * Renews many subscriptions to `until` as $batch PATCHes, up to 20 a request ("Combine multiple requests in one
 * HTTP call using JSON batching"). One outcome per id, in the order given; throttled parts were retried first.
 */
export async function renewSubscriptions(transport: GraphTransport, ids: readonly string[], until: number): Promise<RenewalOutcome[]> {
  if (ids.length === 0) return [];
  const answers = await transport.batch(ids.map((id, i) => ({
    id: String(i), method: 'PATCH' as const, url: `/subscriptions/${segment(id)}`,
    headers: { 'Content-Type': 'application/json' }, body: { expirationDateTime: new Date(until).toISOString() },
  })));
  return answers.map((answer, i): RenewalOutcome => {
    const id = ids[i]!;
    if (answer.status >= 200 && answer.status < 300) {
      // Graph answers with the subscription; should it leave out the expiry, the one asked for stands.
      const expires = answer.body && typeof answer.body === 'object' ? Date.parse(String((answer.body as { expirationDateTime?: unknown }).expirationDateTime)) : NaN;
      return { id, kind: 'renewed', expiresAt: Number.isFinite(expires) ? expires : until };
    }
    if (answer.status === 404) return { id, kind: 'gone' };
    return { id, kind: 'failed', status: answer.status, message: errorMessage(answer.status, answer.body) };
  });
}

export async function deleteSubscription(transport: GraphTransport, id: string): Promise<void> {
  await transport.call({ method: 'DELETE', url: `${transport.root}/subscriptions/${segment(id)}`, mailboxes: new Map(), delta: false });
}
