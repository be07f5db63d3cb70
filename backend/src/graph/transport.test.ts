// The transport against the Graph emulator over real HTTP: throttling, concurrency caps and $batch.
import { describe, expect, it } from 'vitest';
import { collect, graphHarness } from '../../../test/support/graph-harness.ts';
import { GraphRequestError } from './graph-errors.ts';
import { eventPath, messagePath } from './request-paths.ts';
import { parseGraphEvent } from './parse-graph-event.ts';
import { parseGraphMessage } from './parse-graph-message.ts';
import { mailboxOfPath, withImmutableIds, type ThrottleEvent } from './transport.ts';

const h = graphHarness();

describe('throttling', () => {
  it('waits the decimal Retry-After of 429 and 503 before retrying, and sends nothing in between', async () => {
    h.emulator.store.addMessage(h.mailbox.id, {});
    h.emulator.inject({ status: 429, retryAfter: '1.5' });
    h.emulator.inject({ status: 503, retryAfter: '0.25' });
    const { waits, requestsAtWait, clock } = h.fakeClock();
    const events: ThrottleEvent[] = [];
    const { items } = await collect(h.client({ clock, onThrottle: (e) => events.push(e) }).deltaMessages(h.mailbox.id, 'inbox', null));
    expect(items).toHaveLength(1);
    expect(waits).toEqual([1500, 250]);
    // Each wait began right after the throttled answer, before the retry went out.
    expect(requestsAtWait).toEqual([1, 2]);
    expect(h.emulator.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(events.map((e) => [e.status, e.waitMs, e.fromRetryAfter])).toEqual([[429, 1500, true], [503, 250, true]]);
  });

  it('backs off exponentially when there is no Retry-After (504 and 503)', async () => {
    h.emulator.store.addMessage(h.mailbox.id, {});
    h.emulator.inject({ status: 504 });
    h.emulator.inject({ status: 503 });
    h.emulator.inject({ status: 504 });
    const { waits, clock } = h.fakeClock();
    await collect(h.client({ clock, backoff: { baseMs: 1000, maxMs: 60_000 } }).deltaMessages(h.mailbox.id, 'inbox', null));
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('retries a dropped connection on a GET', async () => {
    h.emulator.store.addMessage(h.mailbox.id, {});
    h.emulator.inject({ status: 'drop' });
    const { waits, clock } = h.fakeClock();
    expect((await collect(h.client({ clock }).deltaMessages(h.mailbox.id, 'inbox', null))).items).toHaveLength(1);
    expect(waits).toEqual([1000]);
  });

  it('gives up after maxRetries with the last error', async () => {
    h.emulator.inject({ status: 429, retryAfter: '0.1', count: 3 });
    const { waits, clock } = h.fakeClock();
    const error = await collect(h.client({ clock, maxRetries: 2 }).deltaMessages(h.mailbox.id, 'inbox', null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests' });
    expect(waits).toEqual([100, 100]);
  });

  it('never has more than 4 requests in flight for one mailbox', async () => {
    const folders = Array.from({ length: 10 }, (_, i) => h.emulator.store.addFolder(h.mailbox.id, `Asiakkaat ${i}`));
    for (const f of folders) for (let i = 0; i < 3; i++) h.emulator.store.addMessage(h.mailbox.id, { folder: f.id });
    h.emulator.setLatency(15);
    try {
      const graph = h.client();
      const results = await Promise.all(folders.map((f) => collect(graph.deltaMessages(h.mailbox.id, f.id, null, { pageSize: 1 }))));
      expect(results.every((r) => r.items.length === 3)).toBe(true);
      expect(h.emulator.maxConcurrency(h.mailbox.id)).toBeLessThanOrEqual(4);
      expect(h.emulator.maxConcurrency(h.mailbox.id)).toBeGreaterThan(1); // the cap, not the test, kept it there
      expect(h.emulator.concurrencyRefusals).toBe(0);
    } finally {
      h.emulator.setLatency(0);
    }
  });

  it('keeps the whole client under its global cap across mailboxes', async () => {
    const boxes = Array.from({ length: 4 }, (_, i) => h.emulator.addMailbox(`cap${i}-${h.mailbox.id}@suhde.example`));
    for (const b of boxes) h.emulator.store.addMessage(b.id, {});
    h.emulator.setLatency(15);
    try {
      const graph = h.client({ maxInFlight: 2 });
      await Promise.all(boxes.flatMap((b) => [0, 1].map(() => collect(graph.deltaMessages(b.id, 'inbox', null)))));
      expect(h.emulator.requests).toHaveLength(8);
      expect(h.emulator.maxConcurrencyOverall).toBeLessThanOrEqual(2);
    } finally {
      h.emulator.setLatency(0);
    }
  });
});

describe('batch', () => {
  it('sends requests through $batch in groups of 20 and answers in request order', async () => {
    const messages = Array.from({ length: 45 }, (_, i) => h.emulator.store.addMessage(h.mailbox.id, { subject: `m${i}` }));
    h.emulator.setLatency(5);
    try {
      const answers = await h.client().batch(
        messages.map((m, i) => ({ id: `r${i}`, method: 'GET' as const, url: `/users/${h.mailbox.id}/messages/${m.id}?$select=subject` })),
      );
      expect(answers.map((a) => a.id)).toEqual(messages.map((_, i) => `r${i}`));
      expect(answers.every((a, i) => a.status === 200 && (a.body as { subject: string }).subject === `m${i}`)).toBe(true);
      const top = h.emulator.requests.filter((r) => !r.inBatch);
      expect(top.map((r) => r.path)).toEqual(['/$batch', '/$batch', '/$batch']);
      expect(h.emulator.requests.filter((r) => r.inBatch)).toHaveLength(45);
      // Immutable ids were asked for in every request of the batch, not just on the outer one.
      expect(h.emulator.requests.filter((r) => r.inBatch).every((r) => r.immutableIds)).toBe(true);
      expect(h.emulator.maxConcurrency(h.mailbox.id)).toBeLessThanOrEqual(4);
      expect(h.emulator.concurrencyRefusals).toBe(0);
    } finally {
      h.emulator.setLatency(0);
    }
  });

  it('reads single messages and events with the same fields as delta, ready for the mappers', async () => {
    const m = h.emulator.store.addMessage(h.mailbox.id, { subject: 'notified', sensitivity: 'personal', body: 'not asked for' });
    const e = h.emulator.store.addEvent(h.mailbox.id, { subject: 'meeting', start: '2024-05-06T09:00:00Z', end: '2024-05-06T10:00:00Z' });
    const [message, event] = await h.client().batch([
      { id: 'm', method: 'GET', url: messagePath(h.mailbox.id, m.id) },
      { id: 'e', method: 'GET', url: eventPath(h.mailbox.id, e.id) },
    ]);
    expect(parseGraphMessage(message?.body)).toMatchObject({ graphId: m.id, subject: 'notified', sensitivity: 'personal', bodyPreview: null });
    expect(message?.body).not.toHaveProperty('body');
    expect(parseGraphEvent(event?.body)).toMatchObject({ graphId: e.id, subject: 'meeting', start: Date.parse('2024-05-06T09:00:00Z') });
    expect(event?.body).not.toHaveProperty('body');
  });

  it('retries a throttled $batch request as a whole', async () => {
    const m = h.emulator.store.addMessage(h.mailbox.id, {});
    h.emulator.inject({ status: 429, retryAfter: '0.3', path: /\$batch/ });
    const { waits, clock } = h.fakeClock();
    const [answer] = await h.client({ clock }).batch([{ id: '1', method: 'GET', url: messagePath(h.mailbox.id, m.id) }]);
    expect(answer?.status).toBe(200);
    expect(waits).toEqual([300]);
  });

  it('retries only the throttled requests of a batch after the longest Retry-After', async () => {
    const messages = Array.from({ length: 3 }, () => h.emulator.store.addMessage(h.mailbox.id, {}));
    h.emulator.inject({ status: 429, where: 'batch-item', retryAfter: '0.5' });
    h.emulator.inject({ status: 429, where: 'batch-item', retryAfter: '1.25' });
    const { waits, clock } = h.fakeClock();
    const answers = await h.client({ clock }).batch(messages.map((m, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${h.mailbox.id}/messages/${m.id}` })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(waits).toEqual([1250]);
    expect(h.emulator.requests.filter((r) => r.inBatch)).toHaveLength(5); // 3, then the 2 throttled again
  });

  it('refuses a dependency across groups of 20 and duplicate ids before sending anything', async () => {
    const graph = h.client();
    const reqs = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${h.mailbox.id}` }));
    await expect(graph.batch([...reqs.slice(0, 20), { ...reqs[20]!, dependsOn: ['0'] }])).rejects.toThrow(/not in its group/);
    await expect(graph.batch([reqs[0]!, reqs[0]!])).rejects.toThrow(/used twice/);
    expect(h.emulator.requests).toHaveLength(0);
  });
});

describe('helpers', () => {
  it('adds the immutable-id preference once, beside others', () => {
    expect(withImmutableIds(null)).toBe('IdType="ImmutableId"');
    expect(withImmutableIds('odata.maxpagesize=50')).toBe('IdType="ImmutableId", odata.maxpagesize=50');
    expect(withImmutableIds('IdType="RestId"')).toBe('IdType="RestId"');
  });
  it('finds the mailbox a batch request is about', () => {
    expect(mailboxOfPath('/users/Aino%40Asiakas.fi/messages/1')).toBe('aino@asiakas.fi');
    expect(mailboxOfPath("users('u1')/events")).toBe('u1');
    expect(mailboxOfPath('/me/messages')).toBe('me');
    expect(mailboxOfPath('/subscriptions')).toBeNull();
  });
});
