// How long to wait before retrying a throttled Graph request: Retry-After when given, exponential backoff otherwise.

/**
 * Milliseconds to wait from a Retry-After header, or null when it is absent or unreadable.
 * "Microsoft Graph throttling guidance" shows `Retry-After: 2.128`: seconds, possibly with a decimal part.
 * RFC 9110 also allows an HTTP-date, which is honoured against `nowMs`.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d*\.?\d+$/.test(text)) return Math.ceil(Number(text) * 1000);
  if (/[a-z]/i.test(text)) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return Math.max(0, at - nowMs);
  }
  return null;
}

export interface BackoffPolicy {
  /** The first retry's ceiling. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (0-based) when Graph gave no Retry-After: the ceiling doubles each time
 * ("we recommend implementing an exponential backoff retry policy") and the wait is drawn from its upper half, so
 * that many mailboxes throttled together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (Math.min(Math.max(random(), 0), 1) * ceiling) / 2);
}
