// Change-notification subscriptions: create (after the validation handshake), renew, delete, and delivery of
// change and lifecycle notifications to the registered URLs, as "Receive change notifications through webhooks"
// and "Reduce missing subscriptions and change notifications" describe them.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { graphError, json, pathSegments, preciseInstant, type EmulatorResponse } from './odata.ts';
import { entityTag } from './representation.ts';
import type { GraphStore, MailboxRecord, StoreChange } from './store.ts';

export type ChangeType = 'created' | 'updated' | 'deleted';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface SubscriptionRecord {
  id: string;
  resource: string;
  changeTypes: ChangeType[];
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expiresAt: number;
  /** Created with Prefer: IdType="ImmutableId": notifications carry immutable ids. */
  immutableIds: boolean;
  mailboxId: string;
  /** Messages of one folder, all messages, or events. */
  scope: { kind: 'folder'; folderId: string } | { kind: 'messages' } | { kind: 'events' };
}

export interface Delivery {
  subscriptionId: string;
  url: string;
  kind: 'change' | 'lifecycle';
  payload: unknown;
  /** The webhook's status, or 0 when it did not answer within Graph's 3 seconds. */
  status: number;
  durationMs: number;
}

export interface SubscriptionOptions {
  tenantId: string;
  applicationId: string;
  /** The root notifications and @odata.context are written against, e.g. http://127.0.0.1:PORT/v1.0. */
  root: string;
  /** Graph gives the endpoint 10 seconds to answer the validation request. */
  validationTimeoutMs: number;
  /** Longest subscription Graph accepts for Outlook resources; 10080 minutes (under 7 days). */
  maxExpirationMinutes: number;
  /** Send notifications by themselves whenever the store changes. */
  autoNotify: boolean;
}

const CHANGE_TYPES: ChangeType[] = ['created', 'updated', 'deleted'];

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export class Subscriptions {
  private readonly byId = new Map<string, SubscriptionRecord>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Every delivery attempt, in order: tests assert on these. */
  readonly deliveries: Delivery[] = [];

  constructor(
    private readonly store: GraphStore,
    private readonly options: SubscriptionOptions,
  ) {
    store.onChange((change) => {
      if (this.options.autoNotify) this.track(this.deliverChange(change));
    });
  }

  list(): SubscriptionRecord[] {
    this.dropExpired();
    return [...this.byId.values()];
  }

  get(id: string): SubscriptionRecord | undefined {
    this.dropExpired();
    return this.byId.get(id);
  }

  /** Waits for notifications still being delivered. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  toJson(s: SubscriptionRecord): Record<string, unknown> {
    return {
      id: s.id,
      resource: s.resource,
      applicationId: this.options.applicationId,
      changeType: s.changeTypes.join(','),
      clientState: s.clientState,
      notificationUrl: s.notificationUrl,
      notificationQueryOptions: null,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl,
      expirationDateTime: preciseInstant(s.expiresAt),
      creatorId: randomUUID(),
      includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2',
      encryptionCertificate: null,
      encryptionCertificateId: null,
      notificationUrlAppId: null,
    };
  }

  private checkUrl(value: unknown, name: string): URL | EmulatorResponse {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      return graphError(400, 'InvalidRequest', `Invalid ${name}: '${String(value)}'.`);
    }
    // Graph requires HTTPS. The emulator delivers only on this machine, where tests listen on plain http.
    if (!isLoopbackHost(url.hostname)) return graphError(400, 'InvalidRequest', `${name} must be on the loopback interface in the Graph emulator.`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return graphError(400, 'InvalidRequest', `${name} must use the HTTPS protocol.`);
    return url;
  }

  private resolveResource(resource: string, me: MailboxRecord | null): Pick<SubscriptionRecord, 'mailboxId' | 'scope'> | EmulatorResponse {
    const seg = pathSegments(resource.split('?')[0] ?? '');
    const lower = seg.map((s) => s.toLowerCase());
    let mailbox: MailboxRecord | undefined;
    let rest: string[];
    if (lower[0] === 'users' && seg[1]) {
      mailbox = this.store.findMailbox(seg[1]);
      rest = lower.slice(2);
    } else if (lower[0] === 'me') {
      mailbox = me ?? undefined;
      rest = lower.slice(1);
    } else {
      rest = [];
    }
    const unsupported = graphError(400, 'InvalidRequest', `Resource '${resource}' is not supported by the Graph emulator.`);
    if (!mailbox) return rest.length ? graphError(404, 'ResourceNotFound', `Resource '${resource}' does not exist.`) : unsupported;
    if (rest.length === 1 && rest[0] === 'messages') return { mailboxId: mailbox.id, scope: { kind: 'messages' } };
    if (rest.length === 1 && rest[0] === 'events') return { mailboxId: mailbox.id, scope: { kind: 'events' } };
    if (rest.length === 3 && rest[0] === 'mailfolders' && rest[2] === 'messages') {
      const folder = this.store.findFolder(mailbox, seg[seg.length - 2] ?? '');
      if (!folder) return graphError(404, 'ResourceNotFound', `Resource '${resource}' does not exist.`);
      return { mailboxId: mailbox.id, scope: { kind: 'folder', folderId: folder.id } };
    }
    return unsupported;
  }

  private checkExpiry(value: unknown): number | EmulatorResponse {
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(at)) return graphError(400, 'InvalidRequest', 'expirationDateTime is required.');
    if (at <= Date.now()) return graphError(400, 'InvalidRequest', 'Subscription expiration can only be in the future.');
    if (at > Date.now() + this.options.maxExpirationMinutes * 60_000) {
      return graphError(400, 'InvalidRequest', `Subscription expiration can only be ${this.options.maxExpirationMinutes} minutes in the future.`);
    }
    return at;
  }

  /**
   * The validation handshake: POST {url}?validationToken={token} with Content-Type text/plain; the endpoint must
   * answer within 10 seconds with 200, Content-Type text/plain and the decoded token as the body.
   */
  private async validate(url: URL): Promise<string | null> {
    const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.append('validationToken', validationToken);
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(this.options.validationTimeoutMs),
      });
      const body = await response.text();
      if (response.status !== 200) return 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.';
      if (!(response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/plain')) {
        return 'Subscription validation request failed. Response must be text/plain.';
      }
      if (body !== validationToken) return 'Subscription validation request failed. Response must exactly match validationToken query parameter.';
      return null;
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return timedOut
        ? 'Subscription validation request failed. Notification endpoint did not respond within 10 seconds.'
        : 'Subscription validation request failed. Notification endpoint is not reachable.';
    }
  }

  async create(body: unknown, context: { immutableIds: boolean; me: MailboxRecord | null }): Promise<EmulatorResponse> {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const changeTypes = String(input.changeType ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    if (changeTypes.length === 0 || changeTypes.some((c) => !CHANGE_TYPES.includes(c as ChangeType))) {
      return graphError(400, 'InvalidRequest', "changeType must be a comma-separated list of 'created', 'updated', 'deleted'.");
    }
    if (typeof input.resource !== 'string' || input.resource === '') return graphError(400, 'InvalidRequest', 'resource is required.');
    const scope = this.resolveResource(input.resource, context.me);
    if ('status' in scope) return scope;
    const notificationUrl = this.checkUrl(input.notificationUrl, 'notificationUrl');
    if (!(notificationUrl instanceof URL)) return notificationUrl;
    let lifecycleUrl: URL | null = null;
    if (input.lifecycleNotificationUrl !== undefined && input.lifecycleNotificationUrl !== null) {
      const checked = this.checkUrl(input.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
      if (!(checked instanceof URL)) return checked;
      lifecycleUrl = checked;
    }
    const expiresAt = this.checkExpiry(input.expirationDateTime);
    if (typeof expiresAt !== 'number') return expiresAt;
    if (input.clientState !== undefined && input.clientState !== null && (typeof input.clientState !== 'string' || input.clientState.length > 128)) {
      return graphError(400, 'InvalidRequest', 'clientState must be a string of at most 128 characters.');
    }
    // Both URLs are validated when both are given ("Reduce missing subscriptions and change notifications").
    for (const url of lifecycleUrl ? [notificationUrl, lifecycleUrl] : [notificationUrl]) {
      const failure = await this.validate(url);
      if (failure) return graphError(400, 'ValidationError', failure);
    }
    const record: SubscriptionRecord = {
      id: randomUUID(),
      resource: input.resource,
      changeTypes: changeTypes as ChangeType[],
      clientState: typeof input.clientState === 'string' ? input.clientState : null,
      notificationUrl: String(input.notificationUrl),
      lifecycleNotificationUrl: lifecycleUrl ? String(input.lifecycleNotificationUrl) : null,
      expiresAt,
      immutableIds: context.immutableIds,
      ...scope,
    };
    this.byId.set(record.id, record);
    return json(201, { '@odata.context': `${this.options.root}/$metadata#subscriptions/$entity`, ...this.toJson(record) });
  }

  renew(id: string, body: unknown): EmulatorResponse {
    const s = this.get(id);
    if (!s) return graphError(404, 'ResourceNotFound', `The object was not found.`);
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const expiresAt = this.checkExpiry(input.expirationDateTime);
    if (typeof expiresAt !== 'number') return expiresAt;
    s.expiresAt = expiresAt;
    return json(200, { '@odata.context': `${this.options.root}/$metadata#subscriptions/$entity`, ...this.toJson(s) });
  }

  remove(id: string): EmulatorResponse {
    if (!this.get(id)) return graphError(404, 'ResourceNotFound', 'The object was not found.');
    this.byId.delete(id);
    return { status: 204, headers: {}, body: null };
  }

  reauthorize(id: string): EmulatorResponse {
    if (!this.get(id)) return graphError(404, 'ResourceNotFound', 'The object was not found.');
    return { status: 204, headers: {}, body: null };
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [id, s] of this.byId) if (s.expiresAt <= now) this.byId.delete(id);
  }

  private async post(subscriptionId: string, url: string, kind: Delivery['kind'], payload: unknown): Promise<Delivery> {
    const started = Date.now();
    let status = 0;
    try {
      // Graph's publisher waits 3 seconds for a 2xx ("Receive change notifications through webhooks", Throttling).
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(3000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    const delivery: Delivery = { subscriptionId, url, kind, payload, status, durationMs: Date.now() - started };
    this.deliveries.push(delivery);
    return delivery;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  /** The documented change notification for one item (a changeNotificationCollection with one entry). */
  notificationFor(s: SubscriptionRecord, changeType: ChangeType, itemId: string): Record<string, unknown> {
    const mailbox = this.store.mailbox(s.mailboxId);
    const isEvent = s.scope.kind === 'events';
    const record = isEvent ? mailbox.events.get(itemId) ?? mailbox.events.get(mailbox.restIndex.get(itemId) ?? '')
      : mailbox.messages.get(itemId) ?? mailbox.messages.get(mailbox.restIndex.get(itemId) ?? '');
    if (!record) throw new Error(`no ${isEvent ? 'event' : 'message'} ${itemId} in ${mailbox.userPrincipalName}`);
    const id = s.immutableIds ? record.id : record.restId;
    const path = `Users/${mailbox.id}/${isEvent ? 'Events' : 'Messages'}/${id}`;
    return {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: preciseInstant(s.expiresAt),
          changeType,
          resource: path,
          resourceData: {
            '@odata.type': isEvent ? '#Microsoft.Graph.Event' : '#Microsoft.Graph.Message',
            '@odata.id': path,
            '@odata.etag': entityTag(record),
            id,
          },
          clientState: s.clientState,
          tenantId: this.options.tenantId,
        },
      ],
    };
  }

  /** Sends a change notification for one item to the subscription's notificationUrl and reports what the webhook did. */
  notify(subscriptionId: string, changeType: ChangeType, itemId: string): Promise<Delivery> {
    const s = this.get(subscriptionId);
    if (!s) throw new Error(`no subscription ${subscriptionId}`);
    return this.track(this.post(s.id, s.notificationUrl, 'change', this.notificationFor(s, changeType, itemId)));
  }

  /** Sends a lifecycle notification; subscriptionRemoved also removes the subscription, as Graph has. */
  fireLifecycle(subscriptionId: string, lifecycleEvent: LifecycleEvent): Promise<Delivery> {
    const s = this.get(subscriptionId);
    if (!s) throw new Error(`no subscription ${subscriptionId}`);
    if (!s.lifecycleNotificationUrl) throw new Error(`subscription ${subscriptionId} has no lifecycleNotificationUrl`);
    const payload = {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: preciseInstant(s.expiresAt),
          tenantId: this.options.tenantId,
          clientState: s.clientState,
          lifecycleEvent,
        },
      ],
    };
    if (lifecycleEvent === 'subscriptionRemoved') this.byId.delete(s.id);
    return this.track(this.post(s.id, s.lifecycleNotificationUrl, 'lifecycle', payload));
  }

  private async deliverChange(change: StoreChange): Promise<void> {
    const sends: Promise<Delivery>[] = [];
    for (const s of this.list()) {
      if (s.mailboxId !== change.mailboxId) continue;
      let changeType: ChangeType | null = change.changeType;
      if (change.kind === 'event') {
        if (s.scope.kind !== 'events') continue;
      } else if (s.scope.kind === 'folder') {
        if (s.scope.folderId !== change.folderId) continue;
      } else if (s.scope.kind === 'messages') {
        // A move shows in a mailbox-wide subscription as one update, not as a delete and a create.
        if (change.move) changeType = change.changeType === 'created' ? 'updated' : null;
      } else {
        continue;
      }
      if (changeType && s.changeTypes.includes(changeType)) {
        sends.push(this.post(s.id, s.notificationUrl, 'change', this.notificationFor(s, changeType, change.id)));
      }
    }
    await Promise.all(sends);
  }
}
