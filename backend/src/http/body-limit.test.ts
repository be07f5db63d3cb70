// The body limit holds on every route, the public ones included, and is applied while the body streams in:
// the handler never runs and the server stops reading soon after the limit, whatever Content-Length says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { testDatabases } from '../../../test/support/test-databases.ts';
import type { Db } from '../store/connect.ts';

const LIMIT = 64 * 1024;
const CHUNK = 16 * 1024;

/** A body of `total` bytes made on demand, counting how many the server pulled. */
function countingBody(total: number) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(CHUNK).fill(0x7b);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += CHUNK;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe('body limit', () => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const ran: string[] = [];

  beforeAll(async () => {
    ({ handle, dispose } = await testDatabases()[0]!.open());
    const sync = { acceptNotifications: async () => { ran.push('notifications'); return { accepted: 0, refused: 1 }; } } as unknown as SyncService;
    app = createApp({
      handle, clock: Date.now, sync,
      config: { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: LIMIT, demo: false },
      verify: async () => { ran.push('verify'); throw new Error('not in this suite'); },
      // The demo sign-in's place: public, before /api authentication.
      publicRoutes: (a) => a.post('/demo/token', async (c) => { ran.push('demo'); return c.json(await c.req.json()); }),
    });
  });
  afterAll(async () => dispose());

  const post = (path: string, body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);

  for (const path of ['/graph/notifications', '/graph/lifecycle', '/demo/token', '/api/accounts']) {
    it(`refuses a 200 MB chunked body to ${path} with 413 after reading little more than the limit`, async () => {
      ran.length = 0;
      const { stream, counter } = countingBody(200 * 1024 * 1024);
      const res = await post(path, stream);
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(counter.pulled).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
      expect(ran).toEqual([]);
    });

    it(`refuses a body that lies about its length (Content-Length: 10) to ${path}`, async () => {
      ran.length = 0;
      const { stream, counter } = countingBody(200 * 1024 * 1024);
      const res = await post(path, stream, { 'content-length': '10' });
      expect(res.status).toBe(413);
      expect(counter.pulled).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
      expect(ran).toEqual([]);
    });

    it(`refuses a declared length over the limit to ${path} before reading any of it`, async () => {
      ran.length = 0;
      const { stream, counter } = countingBody(200 * 1024 * 1024);
      const res = await post(path, stream, { 'content-length': String(200 * 1024 * 1024) });
      expect(res.status).toBe(413);
      expect(counter.pulled).toBeLessThanOrEqual(2 * CHUNK);
      expect(ran).toEqual([]);
    });
  }

  it('passes a body within the limit to the handler unchanged', async () => {
    ran.length = 0;
    const body = JSON.stringify({ userId: 'x'.repeat(LIMIT - 100) });
    const res = await post('/demo/token', body);
    expect(res.status).toBe(200);
    expect((await res.json()).userId).toHaveLength(LIMIT - 100);
    expect(ran).toEqual(['demo']);
  });

  it('refuses a garbled Content-Length', async () => {
    expect((await post('/demo/token', '{}', { 'content-length': 'abc' })).status).toBe(413);
  });
});
