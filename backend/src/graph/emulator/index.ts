// A Microsoft Graph emulator on a real HTTP server (127.0.0.1, random port), serving the part of Graph that Suhde
// uses under /v1.0 in Graph's documented wire format. Point the client's baseUrl at `emulator.url`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeltaTokens } from './delta-tokens.ts';
import { Faults, MailboxConcurrency, type FaultSpec } from './faults.ts';
import { graphError, type EmulatorResponse } from './odata.ts';
import { createRouter, type RequestLogEntry } from './router.ts';
import { GraphStore, type MailboxRecord } from './store.ts';
import { Subscriptions, type ChangeType, type Delivery, type LifecycleEvent } from './subscriptions.ts';
import { ActivityFeed } from './activity-feed.ts';
import type { ActivityTypeDeclaration } from '../activity-feed.ts';

export type { FaultSpec } from './faults.ts';
export type { RequestLogEntry } from './router.ts';
export type { AddressInput, EventInput, EventRecord, MailboxRecord, MessageInput, MessageRecord, Sensitivity } from './store.ts';
export type { Delivery, SubscriptionRecord } from './subscriptions.ts';
export type { ActivityFeed, ReceivedActivityNotification } from './activity-feed.ts';
export { GraphStore } from './store.ts';

export interface GraphEmulatorOptions {
  /**
   * Decides whether a bearer token is accepted. Return false to answer 401, true to accept, or a mailbox (id or
   * UPN) to accept it as a delegated token for that user, which /me then means. Default: any non-empty token.
   */
  checkToken?: (token: string) => boolean | string;
  /** Added to every request (and every request inside a $batch), so concurrency can be observed. Default 0. */
  latencyMs?: number;
  /** Graph's Outlook limit: 4 concurrent requests per app and mailbox. */
  mailboxConcurrencyLimit?: number;
  /** Retry-After on a MailboxConcurrency refusal, seconds. Default "1". */
  concurrencyRetryAfter?: string;
  /** Default page size of delta rounds without Prefer: odata.maxpagesize or $top. Default 10. */
  defaultPageSize?: number;
  /** State tokens kept before the oldest expire. Default unlimited. */
  deltaTokenCapacity?: number;
  /** How long a notification endpoint has to answer the validation request. Default 10 000 ms, as Graph. */
  validationTimeoutMs?: number;
  /** Longest subscription lifetime accepted, minutes. Default 10080 (Outlook resources: under 7 days). */
  maxSubscriptionMinutes?: number;
  /** Deliver change notifications by themselves when the store changes. Default false: tests call notify(). */
  autoNotify?: boolean;
  tenantId?: string;
  /** The activity types the installed Teams app's manifest declares. Default: Suhde's (graph/activity-feed.ts). */
  activityTypes?: readonly ActivityTypeDeclaration[];
}

export interface GraphEmulator {
  /** http://127.0.0.1:PORT — the client's baseUrl. */
  readonly url: string;
  readonly store: GraphStore;
  readonly faults: Faults;
  readonly subscriptions: Subscriptions;
  /** Teams activity feed notifications received (POST /users/{id}/teamwork/sendActivityNotification). */
  readonly activityFeed: ActivityFeed;
  readonly tenantId: string;
  /** Every request, top-level and inside batches, in arrival order. */
  readonly requests: RequestLogEntry[];
  /** Shortcut for store.addMailbox. */
  addMailbox(userPrincipalName: string, displayName?: string): MailboxRecord;
  /** Arms a fault (see FaultSpec). */
  inject(fault: FaultSpec): void;
  /** The most requests seen in flight at once for a mailbox (by id or UPN). */
  maxConcurrency(mailbox: string): number;
  /** The most mailbox requests seen in flight at once over all mailboxes. */
  readonly maxConcurrencyOverall: number;
  /** Requests refused with 429 MailboxConcurrency so far. */
  readonly concurrencyRefusals: number;
  /** Expires every delta token (of one mailbox): their next use answers 410 syncStateNotFound. */
  expireDeltaTokens(mailbox?: string): number;
  setLatency(ms: number): void;
  /** Sends a change notification about one item to a subscription's notificationUrl. */
  notify(subscriptionId: string, changeType: ChangeType, itemId: string): Promise<Delivery>;
  /** Sends a lifecycle notification to a subscription's lifecycleNotificationUrl. */
  fireLifecycle(subscriptionId: string, event: LifecycleEvent): Promise<Delivery>;
  clearLog(): void;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<{ text: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { text: Buffer.concat(chunks).toString('utf8') };
}

function send(res: ServerResponse, response: EmulatorResponse, clientRequestId: string | undefined): void {
  const headers: Record<string, string> = { ...response.headers };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'request-id')) headers['request-id'] = randomUUID();
  if (clientRequestId) headers['client-request-id'] = clientRequestId;
  if (response.body === null) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const payload = JSON.stringify(response.body);
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers).end(payload);
}

export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const store = new GraphStore();
  const tokens = new DeltaTokens(options.deltaTokenCapacity);
  const faults = new Faults();
  const concurrency = new MailboxConcurrency(options.mailboxConcurrencyLimit ?? 4, options.concurrencyRetryAfter ?? '1');
  const requests: RequestLogEntry[] = [];
  const tenantId = options.tenantId ?? randomUUID();
  const checkToken = options.checkToken ?? ((token: string) => token.length > 0);
  let latencyMs = options.latencyMs ?? 0;
  let url = '';
  const root = () => `${url}/v1.0`;

  const subscriptions = new Subscriptions(store, {
    tenantId,
    applicationId: randomUUID(),
    get root() {
      return root();
    },
    validationTimeoutMs: options.validationTimeoutMs ?? 10_000,
    maxExpirationMinutes: options.maxSubscriptionMinutes ?? 10_080,
    autoNotify: options.autoNotify ?? false,
  });

  const activityFeed = new ActivityFeed(options.activityTypes);
  const router = createRouter({
    store, tokens, faults, concurrency, subscriptions, activityFeed, root, tenantId,
    latencyMs: () => latencyMs,
    defaultPageSize: options.defaultPageSize ?? 10,
    log: (entry) => requests.push(entry),
  });

  const server = createServer((req, res) => {
    void (async () => {
      const target = new URL(req.url ?? '/', 'http://emulator.invalid');
      const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
      const { text } = await readBody(req);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const method = req.method ?? 'GET';
      const logOnly = (status: number | 'dropped') =>
        requests.push({ at: Date.now(), method, path: target.pathname.replace(/^\/v1\.0(?=\/)/, ''), query: target.search.replace(/^\?/, ''), mailboxId: null, status, inBatch: false, immutableIds: false });

      if (!target.pathname.startsWith('/v1.0/')) {
        logOnly(400);
        return send(res, graphError(400, 'BadRequest', `Invalid version: ${target.pathname.split('/')[1] ?? ''}`), clientRequestId);
      }
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
      const verdict = bearer ? checkToken(bearer) : false;
      if (verdict === false) {
        logOnly(401);
        const message = bearer ? 'Access token validation failure.' : 'Access token is empty.';
        return send(res, graphError(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': 'Bearer realm=""' }), clientRequestId);
      }
      const me = typeof verdict === 'string' ? store.findMailbox(verdict) ?? null : null;
      let body: unknown = null;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          logOnly(400);
          return send(res, graphError(400, 'BadRequest', 'Unable to read JSON request payload.'), clientRequestId);
        }
      }
      const path = target.pathname.slice('/v1.0'.length);
      if (path === '/$batch' || path === '/%24batch') {
        if (method !== 'POST') return send(res, graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'), clientRequestId);
        // The $batch request itself can be throttled or lost too (a fault armed for top-level requests).
        const fault = faults.take({ inBatch: false, mailboxId: null, path: '/$batch' });
        if (fault === 'drop') {
          logOnly('dropped');
          res.socket?.destroy();
          return;
        }
        if (fault) {
          logOnly(fault.status);
          return send(res, fault, clientRequestId);
        }
        const answer = await router.batch({ method, path, search: target.search, headers, body, inBatch: false, me });
        logOnly(answer.status);
        return send(res, answer, clientRequestId);
      }
      const answer = await router.dispatch({ method, path, search: target.search, headers, body, inBatch: false, me });
      if (answer === 'drop') {
        res.socket?.destroy();
        return;
      }
      send(res, answer, clientRequestId);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, graphError(500, 'generalException', error instanceof Error ? error.message : String(error)), undefined);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    store,
    faults,
    subscriptions,
    activityFeed,
    tenantId,
    requests,
    addMailbox: (userPrincipalName, displayName) => store.addMailbox({ userPrincipalName, ...(displayName ? { displayName } : {}) }),
    // A UPN names its mailbox's id, which is what the router reports for each request.
    inject: (fault) => faults.inject(fault.mailboxId ? { ...fault, mailboxId: store.findMailbox(fault.mailboxId)?.id ?? fault.mailboxId } : fault),
    maxConcurrency: (mailbox) => concurrency.maxSeen(store.findMailbox(mailbox)?.id ?? mailbox.toLowerCase()),
    get maxConcurrencyOverall() {
      return concurrency.maxSeenOverall;
    },
    get concurrencyRefusals() {
      return concurrency.refusals;
    },
    expireDeltaTokens: (mailbox) => tokens.expire(mailbox === undefined ? undefined : store.mailbox(mailbox).id),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    notify: (subscriptionId, changeType, itemId) => subscriptions.notify(subscriptionId, changeType, itemId),
    fireLifecycle: (subscriptionId, event) => subscriptions.fireLifecycle(subscriptionId, event),
    clearLog: () => {
      requests.length = 0;
      concurrency.reset();
    },
    stop: async () => {
      await subscriptions.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
