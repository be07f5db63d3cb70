// Request body limit for every route, the public webhooks and the demo sign-in included. Applied while the
// body streams in: a declared Content-Length over the limit is refused before a byte is read, and a body
// without one (chunked) or with one that lies is read only up to the limit, then the stream is cancelled.
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Parameters<MiddlewareHandler>[0]) =>
    problem(c, 413, 'Request too large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  return async (c, next) => {
    // GET and HEAD carry no body (the Fetch API refuses one); asking @hono/node-server's request for its body
    // would build a full Request (headers, abort signal) for nothing on every read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > maxBytes)) {
      await raw.body.cancel().catch((e: unknown) => console.error('[suhde] could not cancel a refused request body:', e));
      return tooLarge(c);
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
        return tooLarge(c);
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
