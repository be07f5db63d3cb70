// The request log: one JSON line per request on stdout, through this module only. It carries no personal
// data: the route pattern, never the raw path or query (ids of people, search terms, addresses); the tenant
// and user by their internal ids, never a name, address or token subject.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './context.ts';

export interface RequestLogLine {
  at: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  tenantId: string | null;
  userId: string | null;
}

export type LogSink = (line: string) => void;

export const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

/** A request id we make; an incoming X-Request-Id is echoed only when it is a plain token (not free text). */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestLog(sink: LogSink = stdoutSink): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    try {
      await next();
    } finally {
      c.res.headers.set('X-Request-Id', requestId);
      const auth = c.get('auth') as AppEnv['Variables']['auth'] | undefined;
      const line: RequestLogLine = {
        at: new Date().toISOString(),
        requestId,
        method: c.req.method,
        route: matchedRoute(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenantId: auth?.tenant.id ?? null,
        userId: auth?.user.id ?? null,
      };
      sink(JSON.stringify(line));
    }
  };
}

/** The pattern of the handler that answered (/api/accounts/:id); unmatched requests log no path at all. */
function matchedRoute(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    const p = routePath(c, -1);
    return p && p !== '/*' && p !== '*' ? p : '(unmatched)';
  } catch {
    return '(unmatched)';
  }
}
