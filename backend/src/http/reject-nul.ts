// Text with a NUL character (U+0000) is refused with 400 before any route sees it: PostgreSQL cannot store
// it in text columns or even compare with it (the query fails, which was a 500), and no name, address or note
// ever needs one. Checked in the query and JSON bodies (the escape \u0000 included); path parameters are refused
// by their own schemas (Id, the chat id), which name the parameter.
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

const hasNul = (value: unknown, depth = 0): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
};

export function rejectNul(): MiddlewareHandler {
  return async (c, next) => {
    const refuse = (field: string) => problem(c, 400, 'Invalid request', 'Text may not contain the NUL character (U+0000).', [{ field, message: 'must not contain U+0000' }]);
    // A NUL reaches a decoded query only as %00 (a URL holds no raw one): a query without it is not parsed here,
    // which every request on the hot timeline route paid for.
    const url = c.req.url;
    const search = url.indexOf('?');
    if (search >= 0 && /%00|\u0000/i.test(url.slice(search))) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        if (name.includes('\u0000') || values.some((v) => v.includes('\u0000'))) return refuse(name.replace(/\u0000/g, ''));
      }
    }
    // GET and HEAD carry no body; not asking for it spares building a full Request (body-limit.ts).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.raw.body && /json/i.test(c.req.header('content-type') ?? '')) {
      const text = await c.req.text();
      if (text.includes('\u0000')) return refuse('(body)');
      if (/\\u0000/i.test(text)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: the route's own parsing answers that with its 400.
          return next();
        }
        if (hasNul(parsed)) return refuse('(body)');
      }
    }
    return next();
  };
}
