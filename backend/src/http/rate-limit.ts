// Rate limits: token buckets per user and per tenant on /api, and one global bucket for the public Graph
// webhooks (Graph sends no token, so there is no user to count against). Kept in memory, per instance: with
// several instances behind a balancer each allows its own rate (docs/deployment.md).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { problem } from './problem.ts';

export interface BucketRate {
  /** Requests a burst may spend at once. */
  burst: number;
  /** Requests regained per second. */
  perSecond: number;
}

export interface RateLimits {
  user: BucketRate;
  tenant: BucketRate;
  webhooks: BucketRate;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  user: { burst: 300, perSecond: 20 },
  tenant: { burst: 3000, perSecond: 200 },
  webhooks: { burst: 2000, perSecond: 200 },
};

/** For benchmarks that measure throughput, not the limits. */
export const NO_RATE_LIMITS: RateLimits = {
  user: { burst: 1e12, perSecond: 1e12 },
  tenant: { burst: 1e12, perSecond: 1e12 },
  webhooks: { burst: 1e12, perSecond: 1e12 },
};

/** Token buckets by key; full buckets are forgotten, so idle users cost nothing. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly rate: BucketRate,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token: 0 when allowed, else the seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.rate.burst, at: now };
    b.tokens = Math.min(this.rate.burst, b.tokens + ((now - b.at) / 1000) * this.rate.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      this.sweep(now);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.max(1, Math.ceil((1 - b.tokens) / this.rate.perSecond));
  }

  private sweep(now: number) {
    if (this.buckets.size < 50_000) return;
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate.perSecond >= this.rate.burst) this.buckets.delete(k);
  }
}

const tooMany = (c: Context, seconds: number, who: string) =>
  problem(c, 429, 'Too many requests', `Too many requests ${who}; try again in ${seconds} s.`, undefined, { 'retry-after': String(seconds) });

/** After authentication: the user's bucket, then the tenant's (a user already refused does not drain it). */
export function apiRateLimit(limits: RateLimits, now?: () => number): MiddlewareHandler<AppEnv> {
  const tenants = new TokenBuckets(limits.tenant, now);
  const users = new TokenBuckets(limits.user, now);
  return async (c, next) => {
    const auth = c.get('auth');
    const mine = users.take(`${auth.tenant.id}/${auth.user.id}`);
    if (mine) return tooMany(c, mine, 'from you');
    const ours = tenants.take(auth.tenant.id);
    if (ours) return tooMany(c, ours, 'from your organisation');
    return next();
  };
}

/** The webhooks: one bucket for everyone, so a flood cannot queue unbounded work. */
export function webhookRateLimit(rate: BucketRate, now?: () => number): MiddlewareHandler {
  const bucket = new TokenBuckets(rate, now);
  return async (c, next) => {
    const wait = bucket.take('graph');
    if (wait) return tooMany(c, wait, 'to the Graph webhooks');
    return next();
  };
}
