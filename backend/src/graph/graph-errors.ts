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
