// The Graph transport: the only code in Suhde that sends requests to Microsoft Graph. The middleware chain, the
// per-mailbox and global concurrency caps, Retry-After and exponential backoff, and $batch with its per-part retry.
// The Graph surfaces (mail-delta.ts, calendar-delta.ts, subscriptions.ts, directory.ts) build on call() and batch().
import {
  Client, GraphClientError, HTTPMessageHandler, ResponseType,
  type Context, type GraphRequest, type Middleware, type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import { GraphPayloadError, GraphRequestError, RETRYABLE_STATUSES, graphErrorFrom } from './graph-errors.ts';
import { GRAPH_ROOTS } from './national-clouds.ts';
import { asObject } from './payload-readers.ts';
import { backoffDelay, parseRetryAfter, type BackoffPolicy } from './retry-after.ts';
import { KeyedSemaphore, Semaphore } from './semaphore.ts';

/** "Microsoft Graph throttling guidance", Outlook service limits: "4 concurrent requests" per app and mailbox. */
export const GRAPH_MAILBOX_CONCURRENCY = 4;

/** "Combine multiple HTTP requests using JSON batching": "JSON batch requests are currently limited to 20 individual requests." */
export const GRAPH_BATCH_LIMIT = 20;

/** "Obtain immutable identifiers for Outlook resources": the header applies only to the request it is on. */
export const IMMUTABLE_ID_PREFERENCE = 'IdType="ImmutableId"';

export interface GraphClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: GraphClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface ThrottleEvent {
  /** The mailbox whose requests now wait, or null for requests that are not about one mailbox. */
  mailbox: string | null;
  /** 429, 503 or 504; 0 for a lost connection. */
  status: number;
  waitMs: number;
  /** True when Graph said how long to wait; false for exponential backoff. */
  fromRetryAfter: boolean;
  attempt: number;
}

export interface TransportOptions {
  /**
   * Graph's service root: https://graph.microsoft.com (the default), a national cloud's (GRAPH_ROOTS), or an
   * emulator's (http://127.0.0.1:PORT). A trailing /v1.0 or /beta is read as the version.
   */
  baseUrl?: string;
  /** Default v1.0. */
  version?: string;
  /** Returns an access token for Graph. Called before every request, so it should cache (MSAL does). */
  authProvider: () => Promise<string>;
  /** Retries of one request after 429, 503, 504 or a lost connection (GET only) before giving up. Default 6. */
  maxRetries?: number;
  /** Requests in flight per mailbox; at most (and by default) Graph's limit of 4. */
  maxInFlightPerMailbox?: number;
  /** Requests in flight for this client as a whole. Default 16. */
  maxInFlight?: number;
  /** Backoff when a throttled response has no Retry-After. Default 1 s doubling up to 60 s. */
  backoff?: BackoffPolicy;
  /** Injected in tests so waits are recorded instead of slept. */
  clock?: GraphClock;
  random?: () => number;
  /** Told about every wait, for the sync health figures. */
  onThrottle?: (event: ThrottleEvent) => void;
}

export interface BatchRequest {
  /** Unique within the call. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the version root, e.g. /users/{id}/messages/{id}?$select=... */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of requests in the same group of 20 that must finish first. */
  dependsOn?: string[];
}

export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface CallSpec {
  method: BatchRequest['method'];
  /** Absolute, under the transport's root (or its origin, for links Graph gave). */
  url: string;
  /** Mailbox key -> permits this request takes from that mailbox's cap; empty for requests about no mailbox. */
  mailboxes: Map<string, number>;
  prefer?: string;
  body?: unknown;
  /** Errors of delta requests may mean the token expired. */
  delta: boolean;
}

export interface Exchange {
  /** 0 when the connection failed before a response. */
  status: number;
  headers: Headers;
  body: unknown;
  failure: string | null;
}

export interface GraphTransport {
  /** The version root requests go to, e.g. https://graph.microsoft.com/v1.0. */
  readonly root: string;
  /** One request, retried after throttling and (GET only) a lost connection; a final failure throws GraphRequestError. */
  call(spec: CallSpec): Promise<Exchange>;
  /** Sends requests through $batch in groups of 20; answers in request order, throttled parts retried. */
  batch(requests: BatchRequest[]): Promise<BatchResponse[]>;
  /** A link from a response (nextLink, deltaLink), checked to point to the configured origin so no token leaves for another host. */
  assertOwnLink(link: string): string;
}

/** Tells the request handler to send to this exact URL (an @odata.nextLink, verbatim) instead of one the SDK rebuilt. */
class ExactUrl implements MiddlewareOptions {
  constructor(readonly url: string) {}
}

/** Adds Prefer: IdType="ImmutableId" to whatever preferences a request already has (RFC 7240: comma-separated). */
export function withImmutableIds(prefer: string | null | undefined): string {
  if (!prefer || prefer.trim() === '') return IMMUTABLE_ID_PREFERENCE;
  return /(^|,)\s*idtype\s*=/i.test(prefer) ? prefer : `${IMMUTABLE_ID_PREFERENCE}, ${prefer}`;
}

/**
 * The first link of Suhde's middleware chain: exact URL, bearer token, immutable ids.
 *
 * The chain is built explicitly (Client.initWithMiddleware) instead of Client.init's default one because the
 * defaults get in the way here:
 * - RetryHandler retries 429/503/504 itself, with its own timer: with ours on top every throttled request would be
 *   retried twice over, its sleeps cannot be injected in tests, and it knows nothing of the per-mailbox caps.
 * - AuthenticationHandler only attaches the token to https URLs of Graph's own hosts (or customHosts, also https
 *   only), so an emulator at http://127.0.0.1 would get no token; this handler instead attaches it to the one
 *   configured origin and refuses any other, so a token never leaves for a host Suhde was not configured with.
 * - GraphRequest rebuilds every URL from its parsed parts and only recognises https absolute URLs, but delta
 *   links must be used as given ("copy and apply the @odata.nextLink or @odata.deltaLink URL ... without having
 *   to inspect the contents of the URL"), so the exact URL travels in a middleware option and replaces the rebuilt one.
 * - RedirectHandler and TelemetryHandler add nothing Suhde needs.
 */
class SuhdeRequestHandler implements Middleware {
  private next: Middleware | null = null;

  constructor(
    private readonly origin: string,
    private readonly authProvider: () => Promise<string>,
  ) {}

  async execute(context: Context): Promise<void> {
    const exact = context.middlewareControl?.getMiddlewareOptions(ExactUrl) as ExactUrl | undefined;
    if (exact) context.request = exact.url;
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (new URL(url).origin !== this.origin) {
      throw new GraphClientError(`Refusing to send a Graph request to ${new URL(url).origin}: only ${this.origin} is configured`);
    }
    const headers = new Headers(context.options?.headers as HeadersInit | undefined);
    headers.set('Authorization', `Bearer ${await this.authProvider()}`);
    headers.set('Prefer', withImmutableIds(headers.get('Prefer')));
    context.options = { ...context.options, headers };
    if (!this.next) throw new GraphClientError('Suhde request handler has no next middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function splitBaseUrl(baseUrl: string, version: string | undefined): { origin: string; root: string; version: string } {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  const match = /^(.*)\/(v1\.0|beta)$/i.exec(path);
  const prefix = match ? match[1] ?? '' : path;
  const v = version ?? (match ? match[2] ?? 'v1.0' : 'v1.0');
  return { origin: url.origin, root: `${url.origin}${prefix}/${v}`, version: v };
}

/** The mailbox a relative Graph path is about ("users/{id|upn}/...", also users('{id}')), lower-cased. */
export function mailboxOfPath(path: string): string | null {
  const m = /^\/?users(?:\/([^/?('"]+)|\('([^']+)'\))/i.exec(path);
  const raw = m ? (m[1] ?? m[2]) : /^\/?me([/?]|$)/i.test(path) ? 'me' : null;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (headers[key] ?? null);
}

function readBatchResponses(body: unknown): BatchResponse[] {
  const o = asObject(body, '$batch response');
  if (!Array.isArray(o.responses)) throw new GraphPayloadError('$batch response: "responses" is not an array');
  return o.responses.map((raw: unknown, i) => {
    const r = asObject(raw, `$batch response ${i}`);
    if (typeof r.id !== 'string' || typeof r.status !== 'number') throw new GraphPayloadError(`$batch response ${i}: id or status missing`);
    const headers = r.headers && typeof r.headers === 'object' ? (r.headers as Record<string, string>) : {};
    return { id: r.id, status: r.status, headers, body: r.body ?? null };
  });
}

export function createTransport(options: TransportOptions): GraphTransport {
  const { origin, root, version } = splitBaseUrl(options.baseUrl ?? GRAPH_ROOTS.global, options.version);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 6;
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  const perMailboxCap = Math.min(options.maxInFlightPerMailbox ?? GRAPH_MAILBOX_CONCURRENCY, GRAPH_MAILBOX_CONCURRENCY);
  const perMailbox = new KeyedSemaphore(perMailboxCap);
  const global = new Semaphore(options.maxInFlight ?? 16);
  /** Per mailbox: no request before this time (set from Retry-After or backoff), as Graph throttles per app and mailbox. */
  const notBefore = new Map<string, number>();

  const sdk = Client.initWithMiddleware({
    baseUrl: `${origin}${new URL(root).pathname.slice(0, -version.length - 1)}/`,
    defaultVersion: version,
    middleware: [new SuhdeRequestHandler(origin, options.authProvider), new HTTPMessageHandler()],
  });

  function assertOwnLink(link: string): string {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new GraphPayloadError(`not an absolute URL: ${link}`);
    }
    if (url.origin !== origin) throw new GraphPayloadError(`link points to ${url.origin}, not the configured ${origin}`);
    return link;
  }

  function hold(mailbox: string, waitMs: number): void {
    const until = clock.now() + waitMs;
    if ((notBefore.get(mailbox) ?? 0) < until) notBefore.set(mailbox, until);
  }

  async function waitUntilClear(mailbox: string): Promise<void> {
    const until = notBefore.get(mailbox);
    if (until === undefined) return;
    const waitMs = until - clock.now();
    if (waitMs > 0) await clock.sleep(waitMs);
    if ((notBefore.get(mailbox) ?? 0) <= clock.now()) notBefore.delete(mailbox);
  }

  async function exchange(spec: CallSpec): Promise<Exchange> {
    const releases: (() => void)[] = [];
    try {
      // Mailboxes in a fixed order so two multi-mailbox batches cannot deadlock; the throttling wait holds the
      // mailbox's permits (its requests could not go anyway) but never a global one.
      for (const [mailbox, weight] of [...spec.mailboxes].sort(([a], [b]) => a.localeCompare(b))) {
        releases.push(await perMailbox.acquire(mailbox, weight));
        await waitUntilClear(mailbox);
      }
      releases.push(await global.acquire());
      let request: GraphRequest = sdk
        .api(spec.url.startsWith(root) ? spec.url.slice(root.length) : spec.url)
        .middlewareOptions([new ExactUrl(spec.url)])
        .responseType(ResponseType.RAW);
      if (spec.prefer) request = request.header('Prefer', spec.prefer);
      let response: Response;
      try {
        response =
          spec.method === 'GET' ? await request.get()
          : spec.method === 'POST' ? await request.post(spec.body ?? {})
          : spec.method === 'PATCH' ? await request.patch(spec.body ?? {})
          : spec.method === 'PUT' ? await request.put(spec.body ?? {})
          : await request.delete();
      } catch (error) {
        if (error instanceof GraphClientError) throw error;
        // The SDK wraps a failed fetch (connection refused or dropped) in a GraphError without a status.
        return { status: 0, headers: new Headers(), body: null, failure: error instanceof Error ? error.message : String(error) };
      }
      const text = await response.text();
      let body: unknown = null;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          if (response.ok) throw new GraphPayloadError(`Graph answered ${response.status} with a body that is not JSON`);
        }
      }
      return { status: response.status, headers: response.headers, body, failure: null };
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  async function waitBeforeRetry(mailboxes: Iterable<string>, status: number, retryAfterMs: number | null, attempt: number): Promise<void> {
    const waitMs = retryAfterMs ?? backoffDelay(attempt, backoff, random);
    const keys = [...mailboxes];
    for (const mailbox of keys) {
      hold(mailbox, waitMs);
      options.onThrottle?.({ mailbox, status, waitMs, fromRetryAfter: retryAfterMs !== null, attempt });
    }
    if (keys.length === 0) {
      options.onThrottle?.({ mailbox: null, status, waitMs, fromRetryAfter: retryAfterMs !== null, attempt });
      await clock.sleep(waitMs);
    }
    // With mailboxes, the wait happens in exchange(), so other requests to the same mailbox wait as well.
  }

  async function call(spec: CallSpec): Promise<Exchange> {
    for (let attempt = 0; ; attempt++) {
      const result = await exchange(spec);
      if (result.status >= 200 && result.status < 300) return result;
      const retryable = RETRYABLE_STATUSES.has(result.status) || (result.status === 0 && spec.method === 'GET');
      if (!retryable || attempt >= maxRetries) {
        if (result.status === 0) throw new GraphRequestError(0, null, `Graph request failed: ${result.failure ?? 'no response'}`);
        throw graphErrorFrom(result.status, result.body, { delta: spec.delta });
      }
      const retryAfterMs = result.status === 0 ? null : parseRetryAfter(result.headers.get('retry-after'), clock.now());
      await waitBeforeRetry(spec.mailboxes.keys(), result.status, retryAfterMs, attempt);
    }
  }

  function batchWeights(requests: BatchRequest[]): Map<string, number> {
    // Graph runs up to four requests of a batch at once against the Outlook service, so a batch takes as many of
    // a mailbox's permits as it has requests for that mailbox, up to the cap.
    const counts = new Map<string, number>();
    for (const r of requests) {
      const mailbox = mailboxOfPath(r.url);
      if (mailbox) counts.set(mailbox, Math.min(perMailboxCap, (counts.get(mailbox) ?? 0) + 1));
    }
    return counts;
  }

  async function runBatchGroup(group: BatchRequest[]): Promise<BatchResponse[]> {
    const answered = new Map<string, BatchResponse>();
    let pending = group;
    for (let attempt = 0; ; attempt++) {
      const pendingIds = new Set(pending.map((r) => r.id));
      const requests = pending.map((r) => {
        const headers: Record<string, string> = { ...r.headers, Prefer: withImmutableIds(headerValue(r.headers ?? {}, 'prefer')) };
        for (const k of Object.keys(r.headers ?? {})) if (k !== 'Prefer' && k.toLowerCase() === 'prefer') delete headers[k];
        if (r.body !== undefined && headerValue(headers, 'content-type') === null) headers['Content-Type'] = 'application/json';
        const dependsOn = (r.dependsOn ?? []).filter((d) => pendingIds.has(d));
        return { id: r.id, method: r.method, url: r.url, headers, ...(r.body !== undefined ? { body: r.body } : {}), ...(dependsOn.length ? { dependsOn } : {}) };
      });
      const { body } = await call({ method: 'POST', url: `${root}/$batch`, mailboxes: batchWeights(pending), body: { requests }, delta: false });
      const byId = new Map(readBatchResponses(body).map((r) => [r.id, r]));
      // "Microsoft Graph throttling guidance", Throttling and batching: retry each throttled request "after the
      // longest retry-after value"; requests that failed only because they depend on one (424) go with it.
      const retry = new Set<string>();
      let longest: number | null = null;
      for (const r of pending) {
        const response = byId.get(r.id);
        if (!response) throw new GraphPayloadError(`$batch response has no answer for request ${r.id}`);
        if (RETRYABLE_STATUSES.has(response.status)) {
          retry.add(r.id);
          const after = parseRetryAfter(headerValue(response.headers, 'retry-after'), clock.now());
          if (after !== null) longest = Math.max(longest ?? 0, after);
        }
      }
      for (let grew = true; grew; ) {
        grew = false;
        for (const r of pending) {
          if (!retry.has(r.id) && byId.get(r.id)?.status === 424 && (r.dependsOn ?? []).some((d) => retry.has(d))) {
            retry.add(r.id);
            grew = true;
          }
        }
      }
      for (const r of pending) if (!retry.has(r.id) || attempt >= maxRetries) answered.set(r.id, byId.get(r.id) as BatchResponse);
      if (retry.size === 0 || attempt >= maxRetries) return group.map((r) => answered.get(r.id) as BatchResponse);
      pending = group.filter((r) => retry.has(r.id));
      const status = [...retry].map((id) => byId.get(id)?.status ?? 429).find((s) => s !== 424) ?? 429;
      await waitBeforeRetry(batchWeights(pending).keys(), status, longest, attempt);
    }
  }

  async function batch(requests: BatchRequest[]): Promise<BatchResponse[]> {
    const ids = new Set<string>();
    for (const r of requests) {
      if (ids.has(r.id)) throw new Error(`batch: request id ${r.id} is used twice`);
      ids.add(r.id);
    }
    const groups: BatchRequest[][] = [];
    for (let i = 0; i < requests.length; i += GRAPH_BATCH_LIMIT) groups.push(requests.slice(i, i + GRAPH_BATCH_LIMIT));
    for (const group of groups) {
      const inGroup = new Set(group.map((r) => r.id));
      for (const r of group) {
        const outside = (r.dependsOn ?? []).find((d) => !inGroup.has(d));
        if (outside !== undefined) throw new Error(`batch: ${r.id} depends on ${outside}, which is not in its group of ${GRAPH_BATCH_LIMIT}`);
      }
    }
    return (await Promise.all(groups.map(runBatchGroup))).flat();
  }

  return { root, call, batch, assertOwnLink };
}
