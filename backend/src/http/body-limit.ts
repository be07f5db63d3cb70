// Request body limit for every route, the public webhooks and the demo sign-in included. Applied while the
// body streams in: a declared Content-Length over the limit is refused before a byte is read, and a body
// without one (chunked) or with one that lies is read only up to the limit, then the stream is cancelled.
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

/** One route with a limit of its own (the CSV import upload), exact method and path; every other route keeps maxBytes. */
export interface RouteBodyLimit {
  method: string;
  path: string;
  maxBytes: number;
}

export function bodyLimit(defaultMaxBytes: number, ...exceptions: RouteBodyLimit[]): MiddlewareHandler {
  const tooLarge = (c: Parameters<MiddlewareHandler>[0], maxBytes: number) =>
    problem(c, 413, 'Request too large', maxBytes >= 1024 * 1024 ? `The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.` : `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  return async (c, next) => {
    // GET and HEAD carry no body (the Fetch API refuses one); asking @hono/node-server's request for its body
    // would build a full Request (headers, abort signal) for nothing on every read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const raw = c.req.raw;
    const maxBytes = exceptions.find((e) => e.method === c.req.method && e.path === c.req.path)?.maxBytes ?? defaultMaxBytes;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) {
      await raw.body.cancel().catch((e: unknown) => console.error('[suhde] could not cancel a refused request body:', e));
      return tooLarge(c, maxBytes);
    }
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch((e: unknown) => console.error('[suhde] could not cancel a refused request body:', e));
        return tooLarge(c, maxBytes);
      }
      chunks.push(value);
    }
    // The handlers read the body as usual, from what was read here (at most the limit).
    const body = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      body.set(chunk, at);
      at += chunk.byteLength;
    }
    c.req.raw = new Request(raw.url, { method: raw.method, headers: raw.headers, body, signal: raw.signal });
    return next();
  };
}
