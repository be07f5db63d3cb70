// Graph's failures as typed errors: the client throws these, the sync engine switches on the class.

/** A request Graph answered with an error status, after any retries were spent. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    /** Graph's error code (`error.code`), or null when the body had none. */
    readonly code: string | null,
    message: string,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'GraphRequestError';
  }
}

/**
 * The delta token can no longer be used: the engine drops its cursor and starts a full sync.
 * "Use delta query to track changes in Microsoft Graph data" names two signals: `410 Gone` (synchronization reset,
 * tenant maintenance or migration) and, for an expired token, "a 40X-series error with error codes such as
 * syncStateNotFound". "Microsoft Graph error responses" also lists `resyncRequired` for a token no longer valid.
 */
export class DeltaExpiredError extends GraphRequestError {
  constructor(status: number, code: string | null, message: string, requestId: string | null = null) {
    super(status, code, message, requestId);
    this.name = 'DeltaExpiredError';
  }
}

/** A payload that does not have the shape Graph documents (a missing id, an unparseable time). */
export class GraphPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphPayloadError';
  }
}

/** Throttled requests, lost connections and time-outs: retried by the client, surfaced only when retries run out. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

const RESYNC_CODES = new Set(['syncstatenotfound', 'resyncrequired']);

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Every error code in a Graph error body, outermost first. "Microsoft Graph error responses": apps "should loop
 * through all the error codes available" in the nested innerError objects (spelled innerError or innererror).
 */
export function errorCodes(body: unknown): string[] {
  const codes: string[] = [];
  let error = record(record(body)?.error);
  for (let depth = 0; error && depth < 10; depth++) {
    if (typeof error.code === 'string' && error.code !== '') codes.push(error.code);
    error = record(error.innerError ?? error.innererror);
  }
  return codes;
}

/** Builds the typed error for a failed Graph response; `delta` marks requests whose token can expire. */
export function graphErrorFrom(status: number, body: unknown, options: { delta: boolean }): GraphRequestError {
  const error = record(record(body)?.error);
  const codes = errorCodes(body);
  const code = codes[0] ?? null;
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `Graph answered ${status}`;
  const inner = record(error?.innerError ?? error?.innererror);
  const requestId = typeof inner?.['request-id'] === 'string' ? inner['request-id'] : null;
  const resync = status === 410 || (status >= 400 && status < 500 && codes.some((c) => RESYNC_CODES.has(c.toLowerCase())));
  if (options.delta && resync) return new DeltaExpiredError(status, code, message, requestId);
  return new GraphRequestError(status, code, message, requestId);
}

/** How a stream's failure reads to an admin: its HTTP status and Graph code, and, when only an admin can fix it, what to do. */
export interface FailureClass {
  status: number | null;
  code: string | null;
  /** Set for a permanent failure: retrying will not help until an admin acts. The action, in words. */
  adminAction: string | null;
}

const ADMIN_ACTIONS = {
  notEnabled: 'The mailbox is inactive, soft-deleted, hosted on-premises or has no Exchange Online licence. Give the user an Exchange Online licence (or move the mailbox to Exchange Online), then restart the stream.',
  accessPolicy: "An Exchange application access policy keeps Suhde's app out of this mailbox. Add the mailbox to the policy's security group (check with Test-ApplicationAccessPolicy), then restart the stream.",
  forbidden: "Graph refused Suhde's app access to this mailbox. Check that the app has Mail.Read and Calendars.Read application permissions with admin consent, then restart the stream.",
  unauthorized: "Graph did not accept Suhde's app credentials. Check the GRAPH_* client secret or certificate, then restart the stream.",
  noUser: 'Graph has no such user: the account was deleted or renamed. Fix the user’s address or turn this mailbox’s sync off.',
} as const;

/**
 * Sorts a failed pass's error into one that retrying may fix and one that needs an admin. Permanent, per
 * "Microsoft Graph error responses" and Exchange's: MailboxNotEnabledForRESTAPI (no licence, inactive or
 * on-premises mailbox), ErrorAccessDenied (an application access policy, or "Access to OData is disabled"), any
 * other 403, 401, and 404 for a user Graph does not know. Throttling and outages are not (the client retried them).
 */
export function classifyFailure(error: unknown): FailureClass {
  if (!(error instanceof GraphRequestError)) return { status: null, code: null, adminAction: null };
  const { status, code } = error;
  const c = (code ?? '').toLowerCase();
  const message = error.message.toLowerCase();
  let adminAction: string | null = null;
  if (c === 'mailboxnotenabledforrestapi' || c === 'mailboxnotsupportedforrestapi') adminAction = ADMIN_ACTIONS.notEnabled;
  else if (c === 'erroraccessdenied' && message.includes('application access policy')) adminAction = ADMIN_ACTIONS.accessPolicy;
  else if (c === 'erroraccessdenied' || status === 403) adminAction = ADMIN_ACTIONS.forbidden;
  else if (status === 401) adminAction = ADMIN_ACTIONS.unauthorized;
  else if (status === 404 && (c === 'errorinvaliduser' || c === 'resourcenotfound' || c === 'request_resourcenotfound' || message.includes('user not found'))) adminAction = ADMIN_ACTIONS.noUser;
  return { status, code, adminAction };
}

/** The wait before a failing stream is tried again: doubling from `baseMs` with each failure, capped at a day. */
export function failureBackoffMs(consecutiveFailures: number, baseMs: number): number {
  const n = Math.max(1, consecutiveFailures);
  return Math.min(86_400_000, baseMs * 2 ** Math.min(n - 1, 20));
}
