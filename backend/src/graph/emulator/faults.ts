// Fault injection (throttling, outages, dropped connections) and Graph's per-mailbox concurrency limit.
import { graphError, type EmulatorResponse } from './odata.ts';

export interface FaultSpec {
  /**
   * 429 throttled, 503 unavailable, 504 gateway time-out, or 'drop' to cut the connection without an answer; any
   * other status (403 ErrorAccessDenied, 404 MailboxNotEnabledForRESTAPI) answers with `code` and `message`.
   */
  status: 429 | 503 | 504 | 'drop' | 400 | 401 | 403 | 404 | 500;
  /** Graph's error code and message for the other statuses. */
  code?: string;
  message?: string;
  /** How many matching requests get the fault. Default 1. */
  count?: number;
  /** The Retry-After header value, seconds (decimals allowed). Default for 429: "2.128", Graph's documented example; none otherwise. */
  retryAfter?: string | null;
  /** Top-level HTTP requests (default), requests inside a $batch, or both. */
  where?: 'request' | 'batch-item' | 'any';
  /** Only requests about this mailbox (id or UPN as the store knows it). */
  mailboxId?: string;
  /** Only requests whose path matches. */
  path?: RegExp;
}

export interface FaultTarget {
  inBatch: boolean;
  mailboxId: string | null;
  path: string;
}

export type FaultOutcome = EmulatorResponse | 'drop';

interface Armed extends FaultSpec {
  remaining: number;
}

export class Faults {
  private readonly armed: Armed[] = [];

  /** Arms a fault for the next `count` matching requests; faults fire in the order they were armed. */
  inject(spec: FaultSpec): void {
    this.armed.push({ ...spec, remaining: spec.count ?? 1 });
  }

  clear(): void {
    this.armed.length = 0;
    this.rewrites.clear();
  }

  /** Faults still armed (not yet fired). */
  get pending(): number {
    return this.armed.reduce((n, f) => n + f.remaining, 0);
  }

  /** The fault for this request, if one is armed for it; firing it uses it up. */
  take(target: FaultTarget): FaultOutcome | null {
    const index = this.armed.findIndex((f) => {
      const where = f.where ?? 'request';
      if (where !== 'any' && (where === 'batch-item') !== target.inBatch) return false;
      if (f.mailboxId && f.mailboxId.toLowerCase() !== target.mailboxId) return false;
      return !f.path || f.path.test(target.path);
    });
    const fault = this.armed[index];
    if (!fault) return null;
    if (--fault.remaining <= 0) this.armed.splice(index, 1);
    if (fault.status === 'drop') return 'drop';
    const retryAfter = fault.retryAfter === undefined ? (fault.status === 429 ? '2.128' : null) : fault.retryAfter;
    const headers: Record<string, string> = retryAfter === null ? {} : { 'Retry-After': retryAfter };
    // "Microsoft Graph throttling guidance", Sample response, and the error codes of "Microsoft Graph error responses".
    if (fault.status === 429) return graphError(429, 'TooManyRequests', 'Please retry again later.', headers);
    if (fault.status === 503) return graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable.', headers);
    if (fault.status === 504) return graphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.', headers);
    return graphError(fault.status, fault.code ?? 'ErrorAccessDenied', fault.message ?? 'Access is denied. Check credentials and try again.', headers);
  }

  private readonly rewrites = new Map<string, (json: Record<string, unknown>) => unknown>();

  /**
   * Serves the item with this id (message or event, as delta renders it) rewritten: a missing receivedDateTime,
   * a Windows time zone, a non-object. How tests feed the sync items Graph could send but the store cannot hold.
   */
  corruptItem(id: string, rewrite: (json: Record<string, unknown>) => unknown): void {
    this.rewrites.set(id, rewrite);
  }

  /** A delta page's entries with any corrupted items rewritten (removed entries are left alone). */
  rewriteItems(value: unknown[]): unknown[] {
    if (this.rewrites.size === 0) return value;
    return value.map((entry) => {
      const o = entry as Record<string, unknown>;
      const rewrite = typeof o?.id === 'string' && !('@removed' in o) ? this.rewrites.get(o.id) : undefined;
      return rewrite ? rewrite({ ...o }) : entry;
    });
  }
}

/**
 * Counts requests in flight per mailbox. Graph's Outlook limit is 4 concurrent requests per app and mailbox
 * ("Microsoft Graph throttling guidance"); above it Graph answers 429 "Application is over its MailboxConcurrency
 * limit." The highest count seen is kept for assertions, including the request that went over.
 */
export class MailboxConcurrency {
  private readonly inFlight = new Map<string, number>();
  private readonly max = new Map<string, number>();
  private rejected = 0;
  private total = 0;
  private maxTotal = 0;

  constructor(
    readonly limit = 4,
    private readonly retryAfter = '1',
  ) {}

  /** Marks a request in flight; `refusal` is set when it went over the limit. Call `exit` when it is answered. */
  enter(mailboxId: string): { refusal: EmulatorResponse | null; exit: () => void } {
    const now = (this.inFlight.get(mailboxId) ?? 0) + 1;
    this.inFlight.set(mailboxId, now);
    if (now > (this.max.get(mailboxId) ?? 0)) this.max.set(mailboxId, now);
    this.maxTotal = Math.max(this.maxTotal, ++this.total);
    let exited = false;
    const exit = () => {
      if (exited) return;
      exited = true;
      this.total--;
      this.inFlight.set(mailboxId, (this.inFlight.get(mailboxId) ?? 1) - 1);
    };
    if (now <= this.limit) return { refusal: null, exit };
    this.rejected++;
    return {
      refusal: graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': this.retryAfter }),
      exit,
    };
  }

  /** The most requests seen in flight at once for the mailbox (0 if none). */
  maxSeen(mailboxId: string): number {
    return this.max.get(mailboxId) ?? 0;
  }

  /** The most mailbox requests seen in flight at once, over all mailboxes. */
  get maxSeenOverall(): number {
    return this.maxTotal;
  }

  /** Requests refused for going over the limit. */
  get refusals(): number {
    return this.rejected;
  }

  reset(): void {
    this.max.clear();
    this.rejected = 0;
    this.maxTotal = this.total;
  }
}
