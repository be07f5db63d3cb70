// The Graph client against the Graph emulator over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator, type MailboxRecord } from './emulator/index.ts';
import { startWebhookListener } from './emulator/webhook-listener.ts';
import { createGraphClient, mailboxOfPath, withImmutableIds, type GraphClientOptions, type ThrottleEvent } from './graph-client.ts';
import { DeltaExpiredError, GraphPayloadError, GraphRequestError } from './graph-errors.ts';
import type { CalendarItem, DeltaPage, MailItem } from './items.ts';
import { eventPath, messagePath } from './request-paths.ts';
import { messageSelect } from './select-fields.ts';
import { parseGraphEvent } from './parse-graph-event.ts';
import { parseGraphMessage } from './parse-graph-message.ts';

let emulator: GraphEmulator;
let mailbox: MailboxRecord;

/** A clock whose sleep records the wait and moves time on instead of waiting. */
function fakeClock() {
  let now = Date.parse('2024-05-01T08:00:00Z');
  const waits: number[] = [];
  /** Requests the emulator had seen when each wait began. */
  const requestsAtWait: number[] = [];
  return {
    waits,
    requestsAtWait,
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        requestsAtWait.push(emulator.requests.length);
        now += ms;
      },
    },
  };
}

function client(overrides: Partial<GraphClientOptions> = {}) {
  return createGraphClient({ baseUrl: emulator.url, authProvider: async () => 'test-token', random: () => 1, ...overrides });
}

async function collect<T>(pages: AsyncGenerator<DeltaPage<T>>) {
  const all: DeltaPage<T>[] = [];
  for await (const page of pages) all.push(page);
  const last = all[all.length - 1];
  return { pages: all, items: all.flatMap((p) => p.items), removedIds: all.flatMap((p) => p.removedIds), deltaLink: last?.deltaLink ?? null };
}

beforeAll(async () => {
  emulator = await startGraphEmulator({ checkToken: (t) => t === 'test-token' });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  mailbox = emulator.addMailbox(`rep${Math.random().toString(36).slice(2, 8)}@suhde.example`);
  emulator.clearLog();
  emulator.faults.clear();
});

describe('deltaMessages', () => {
  it('reads the add-in\'s custom properties when given its id, and goes on without them if Graph refuses the $expand', async () => {
    const addInId = '5eed0000-0000-4000-8000-00000000ade0';
    const cecp = `String {00020329-0000-0000-C000-000000000046} Name cecp-${addInId}`;
    emulator.store.addMessage(mailbox.id, { subject: 'tagged', extendedProperties: { [cecp]: '{"suhdeLogIntent":"{}"}' }, sensitivity: 'personal' });
    const { items } = await collect(client({ addInId }).deltaMessages(mailbox.userPrincipalName, 'inbox', null));
    expect(items[0]).toMatchObject({ sensitivity: 'personal', addInProperties: { ok: true, values: { suhdeLogIntent: '{}' } } });
    expect(decodeURIComponent(emulator.requests[0]!.query)).toContain(`or id eq '${cecp}'`);

    // An id Graph cannot parse stands in for a Graph that refuses the joined filter: a 400 on the round's first request.
    emulator.clearLog();
    const refused: string[] = [];
    const fallback = await collect(client({ addInId: "it's", onAddInPropertiesRefused: (e) => refused.push(`${e.mailbox} ${e.error.status}`) })
      .deltaMessages(mailbox.userPrincipalName, 'inbox', null));
    expect(fallback.items).toHaveLength(1);
    expect(fallback.items[0]).toMatchObject({ sensitivity: 'personal', addInProperties: null });
    expect(refused).toEqual([`${mailbox.userPrincipalName} 400`]);
    expect(emulator.requests.map((r) => r.status)).toEqual([400, 200]);
    expect(decodeURIComponent(emulator.requests[1]!.query)).toContain("$expand=singleValueExtendedProperties($filter=id eq 'Integer 0x0036')");
  });

  it('pages by @odata.nextLink to a deltaLink, with immutable ids, the page size and only the selected fields', async () => {
    const sent = Array.from({ length: 5 }, (_, i) =>
      emulator.store.addMessage(mailbox.id, {
        subject: `Tarjous ${i}`, from: { address: 'Aino@Asiakas.fi', name: 'Aino' }, to: [mailbox.userPrincipalName], body: 'never fetched',
        receivedAt: '2024-05-02T08:15:00Z', sensitivity: i === 0 ? 'private' : undefined,
      }),
    );
    const { pages, items, deltaLink } = await collect(client().deltaMessages(mailbox.userPrincipalName, 'inbox', null, { select: messageSelect(false), pageSize: 2 }));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.slice(0, 2).every((p) => p.nextLink !== null && p.deltaLink === null)).toBe(true);
    expect(deltaLink).toMatch(/\$deltatoken=/);
    expect(items.map((m) => m.graphId).sort()).toEqual(sent.map((m) => m.id).sort()); // immutable ids
    const first = items.find((m) => m.graphId === sent[0]?.id) as MailItem;
    expect(first).toMatchObject({ from: { address: 'aino@asiakas.fi', name: 'Aino' }, bodyPreview: null, sensitivity: 'private', receivedAt: Date.parse('2024-05-02T08:15:00Z') });
    expect(items.filter((m) => m.sensitivity === 'normal')).toHaveLength(4);

    const log = emulator.requests;
    expect(log).toHaveLength(3);
    expect(log.every((r) => r.immutableIds && r.status === 200)).toBe(true);
    expect(log[0]?.query).toContain('$select=id,internetMessageId,conversationId,subject,from,sender,toRecipients,ccRecipients,sentDateTime,receivedDateTime,isDraft,parentFolderId');
    expect(log[0]?.query).not.toContain('bodyPreview');
    // The later pages went to the nextLinks verbatim: Graph's key syntax and nothing but the skip token.
    expect(log.slice(1).map((r) => [r.path, r.query.split('=')[0]])).toEqual([
      [expect.stringMatching(/^\/users\/[^/]+\/mailFolders\('[^']+'\)\/messages\/delta$/), '$skiptoken'],
      [expect.stringMatching(/^\/users\/[^/]+\/mailFolders\('[^']+'\)\/messages\/delta$/), '$skiptoken'],
    ]);
  });

  it('asks for bodyPreview only when snippets are allowed', async () => {
    emulator.store.addMessage(mailbox.id, { subject: 's', body: 'Hei, tässä tarjous' });
    const { items } = await collect(client().deltaMessages(mailbox.id, 'inbox', null, { select: messageSelect(true) }));
    expect(items[0]?.bodyPreview).toBe('Hei, tässä tarjous');
  });

  it('returns only the change in an incremental round, and removals as removedIds', async () => {
    const a = emulator.store.addMessage(mailbox.id, { subject: 'a' });
    const b = emulator.store.addMessage(mailbox.id, { subject: 'b' });
    emulator.store.addMessage(mailbox.id, { subject: 'c' });
    const graph = client();
    const full = await collect(graph.deltaMessages(mailbox.id, 'inbox', null, { pageSize: 2 }));
    expect(full.items).toHaveLength(3);

    emulator.store.updateMessage(mailbox.id, a.id, { subject: 'a, edited' });
    const next = await collect(graph.deltaMessages(mailbox.id, 'inbox', full.deltaLink, { pageSize: 2 }));
    expect(next.items.map((m) => [m.graphId, m.subject])).toEqual([[a.id, 'a, edited']]);
    expect(next.removedIds).toEqual([]);

    emulator.store.deleteMessage(mailbox.id, b.id);
    emulator.store.moveMessage(mailbox.id, a.id, 'archive');
    const after = await collect(graph.deltaMessages(mailbox.id, 'inbox', next.deltaLink));
    expect(after.items).toEqual([]);
    expect(after.removedIds.sort()).toEqual([a.id, b.id].sort());
    // The moved message keeps its immutable id in the folder it moved to.
    const archive = await collect(graph.deltaMessages(mailbox.id, 'archive', null));
    expect(archive.items.map((m) => m.graphId)).toEqual([a.id]);
  });

  it('throws DeltaExpiredError when Graph answers 410 syncStateNotFound', async () => {
    emulator.store.addMessage(mailbox.id, {});
    const graph = client();
    const { deltaLink } = await collect(graph.deltaMessages(mailbox.id, 'inbox', null));
    emulator.expireDeltaTokens(mailbox.id);
    const error = await collect(graph.deltaMessages(mailbox.id, 'inbox', deltaLink)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeltaExpiredError);
    expect(error).toMatchObject({ status: 410, code: 'syncStateNotFound' });
  });

  it('refuses a stored link that points to another host', async () => {
    const pages = client().deltaMessages(mailbox.id, 'inbox', 'https://attacker.example/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=1');
    await expect(collect(pages)).rejects.toBeInstanceOf(GraphPayloadError);
    expect(emulator.requests).toHaveLength(0);
  });

  it('accepts a baseUrl that already ends in the version', async () => {
    emulator.store.addMessage(mailbox.id, {});
    const graph = client({ baseUrl: `${emulator.url}/v1.0` });
    expect(graph.root).toBe(`${emulator.url}/v1.0`);
    expect((await collect(graph.deltaMessages(mailbox.id, 'inbox', null))).items).toHaveLength(1);
  });

  it('surfaces a rejected token as a 401 GraphRequestError', async () => {
    const error = await collect(client({ authProvider: async () => 'expired' }).deltaMessages(mailbox.id, 'inbox', null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
  });
});

describe('deltaEvents', () => {
  const day = Date.parse('2024-05-06T00:00:00Z');
  const window = { start: day, end: day + 7 * 86_400_000 };

  it('syncs a calendar view window, then reports deletions and events leaving it', async () => {
    const meeting = emulator.store.addEvent(mailbox.id, {
      subject: 'Katselmointi', start: day + 9 * 3_600_000, end: day + 9.5 * 3_600_000, organizer: mailbox.userPrincipalName,
      attendees: [{ address: 'aino@asiakas.fi', name: 'Aino', response: 'accepted' }], isOnlineMeeting: true, iCalUId: 'ical-1',
    });
    const other = emulator.store.addEvent(mailbox.id, { subject: 'Lounas', start: day + 12 * 3_600_000, end: day + 13 * 3_600_000 });
    emulator.store.addEvent(mailbox.id, { subject: 'Last month', start: day - 30 * 86_400_000, end: day - 30 * 86_400_000 + 3_600_000 });
    const graph = client();
    const full = await collect(graph.deltaEvents(mailbox.id, window, null, { pageSize: 1 }));
    expect(full.pages).toHaveLength(2);
    expect(full.items.find((e) => e.graphId === meeting.id)).toEqual<CalendarItem>({
      graphId: meeting.id, iCalUId: 'ical-1', subject: 'Katselmointi', start: day + 9 * 3_600_000, end: day + 9.5 * 3_600_000,
      organizer: { address: mailbox.userPrincipalName, name: mailbox.userPrincipalName },
      attendees: [{ address: 'aino@asiakas.fi', name: 'Aino', type: 'required', response: 'accepted' }],
      isOnlineMeeting: true, teamsThreadId: expect.stringMatching(/^19:meeting_[A-Za-z0-9+/]+@thread\.v2$/), isCancelled: false, sensitivity: 'normal',
      type: 'singleInstance', seriesMasterId: null,
    });
    expect(emulator.requests[0]?.query).toBe(`startDateTime=${encodeURIComponent(new Date(window.start).toISOString())}&endDateTime=${encodeURIComponent(new Date(window.end).toISOString())}`);

    emulator.store.deleteEvent(mailbox.id, meeting.id);
    emulator.store.updateEvent(mailbox.id, other.id, { start: day + 40 * 86_400_000, end: day + 40 * 86_400_000 + 3_600_000 });
    const next = await collect(graph.deltaEvents(mailbox.id, window, full.deltaLink));
    expect(next.items).toEqual([]);
    expect(next.removedIds).toEqual([meeting.id, other.id]);
  });
});

describe('throttling', () => {
  it('waits the decimal Retry-After of 429 and 503 before retrying, and sends nothing in between', async () => {
    emulator.store.addMessage(mailbox.id, {});
    emulator.inject({ status: 429, retryAfter: '1.5' });
    emulator.inject({ status: 503, retryAfter: '0.25' });
    const { waits, requestsAtWait, clock } = fakeClock();
    const events: ThrottleEvent[] = [];
    const { items } = await collect(client({ clock, onThrottle: (e) => events.push(e) }).deltaMessages(mailbox.id, 'inbox', null));
    expect(items).toHaveLength(1);
    expect(waits).toEqual([1500, 250]);
    // Each wait began right after the throttled answer, before the retry went out.
    expect(requestsAtWait).toEqual([1, 2]);
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(events.map((e) => [e.status, e.waitMs, e.fromRetryAfter])).toEqual([[429, 1500, true], [503, 250, true]]);
  });

  it('backs off exponentially when there is no Retry-After (504 and 503)', async () => {
    emulator.store.addMessage(mailbox.id, {});
    emulator.inject({ status: 504 });
    emulator.inject({ status: 503 });
    emulator.inject({ status: 504 });
    const { waits, clock } = fakeClock();
    await collect(client({ clock, backoff: { baseMs: 1000, maxMs: 60_000 } }).deltaMessages(mailbox.id, 'inbox', null));
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('retries a dropped connection on a GET', async () => {
    emulator.store.addMessage(mailbox.id, {});
    emulator.inject({ status: 'drop' });
    const { waits, clock } = fakeClock();
    expect((await collect(client({ clock }).deltaMessages(mailbox.id, 'inbox', null))).items).toHaveLength(1);
    expect(waits).toEqual([1000]);
  });

  it('gives up after maxRetries with the last error', async () => {
    emulator.inject({ status: 429, retryAfter: '0.1', count: 3 });
    const { waits, clock } = fakeClock();
    const error = await collect(client({ clock, maxRetries: 2 }).deltaMessages(mailbox.id, 'inbox', null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests' });
    expect(waits).toEqual([100, 100]);
  });

  it('never has more than 4 requests in flight for one mailbox', async () => {
    const folders = Array.from({ length: 10 }, (_, i) => emulator.store.addFolder(mailbox.id, `Asiakkaat ${i}`));
    for (const f of folders) for (let i = 0; i < 3; i++) emulator.store.addMessage(mailbox.id, { folder: f.id });
    emulator.setLatency(15);
    try {
      const graph = client();
      const results = await Promise.all(folders.map((f) => collect(graph.deltaMessages(mailbox.id, f.id, null, { pageSize: 1 }))));
      expect(results.every((r) => r.items.length === 3)).toBe(true);
      expect(emulator.maxConcurrency(mailbox.id)).toBeLessThanOrEqual(4);
      expect(emulator.maxConcurrency(mailbox.id)).toBeGreaterThan(1); // the cap, not the test, kept it there
      expect(emulator.concurrencyRefusals).toBe(0);
    } finally {
      emulator.setLatency(0);
    }
  });

  it('keeps the whole client under its global cap across mailboxes', async () => {
    const boxes = Array.from({ length: 4 }, (_, i) => emulator.addMailbox(`cap${i}-${mailbox.id}@suhde.example`));
    for (const b of boxes) emulator.store.addMessage(b.id, {});
    emulator.setLatency(15);
    try {
      const graph = client({ maxInFlight: 2 });
      await Promise.all(boxes.flatMap((b) => [0, 1].map(() => collect(graph.deltaMessages(b.id, 'inbox', null)))));
      expect(emulator.requests).toHaveLength(8);
      expect(emulator.maxConcurrencyOverall).toBeLessThanOrEqual(2);
    } finally {
      emulator.setLatency(0);
    }
  });
});

describe('batch', () => {
  it('sends requests through $batch in groups of 20 and answers in request order', async () => {
    const messages = Array.from({ length: 45 }, (_, i) => emulator.store.addMessage(mailbox.id, { subject: `m${i}` }));
    emulator.setLatency(5);
    try {
      const answers = await client().batch(
        messages.map((m, i) => ({ id: `r${i}`, method: 'GET' as const, url: `/users/${mailbox.id}/messages/${m.id}?$select=subject` })),
      );
      expect(answers.map((a) => a.id)).toEqual(messages.map((_, i) => `r${i}`));
      expect(answers.every((a, i) => a.status === 200 && (a.body as { subject: string }).subject === `m${i}`)).toBe(true);
      const top = emulator.requests.filter((r) => !r.inBatch);
      expect(top.map((r) => r.path)).toEqual(['/$batch', '/$batch', '/$batch']);
      expect(emulator.requests.filter((r) => r.inBatch)).toHaveLength(45);
      // Immutable ids were asked for in every request of the batch, not just on the outer one.
      expect(emulator.requests.filter((r) => r.inBatch).every((r) => r.immutableIds)).toBe(true);
      expect(emulator.maxConcurrency(mailbox.id)).toBeLessThanOrEqual(4);
      expect(emulator.concurrencyRefusals).toBe(0);
    } finally {
      emulator.setLatency(0);
    }
  });

  it('reads single messages and events with the same fields as delta, ready for the mappers', async () => {
    const m = emulator.store.addMessage(mailbox.id, { subject: 'notified', sensitivity: 'personal', body: 'not asked for' });
    const e = emulator.store.addEvent(mailbox.id, { subject: 'meeting', start: '2024-05-06T09:00:00Z', end: '2024-05-06T10:00:00Z' });
    const [message, event] = await client().batch([
      { id: 'm', method: 'GET', url: messagePath(mailbox.id, m.id) },
      { id: 'e', method: 'GET', url: eventPath(mailbox.id, e.id) },
    ]);
    expect(parseGraphMessage(message?.body)).toMatchObject({ graphId: m.id, subject: 'notified', sensitivity: 'personal', bodyPreview: null });
    expect(message?.body).not.toHaveProperty('body');
    expect(parseGraphEvent(event?.body)).toMatchObject({ graphId: e.id, subject: 'meeting', start: Date.parse('2024-05-06T09:00:00Z') });
    expect(event?.body).not.toHaveProperty('body');
  });

  it('retries a throttled $batch request as a whole', async () => {
    const m = emulator.store.addMessage(mailbox.id, {});
    emulator.inject({ status: 429, retryAfter: '0.3', path: /\$batch/ });
    const { waits, clock } = fakeClock();
    const [answer] = await client({ clock }).batch([{ id: '1', method: 'GET', url: messagePath(mailbox.id, m.id) }]);
    expect(answer?.status).toBe(200);
    expect(waits).toEqual([300]);
  });

  it('retries only the throttled requests of a batch after the longest Retry-After', async () => {
    const messages = Array.from({ length: 3 }, () => emulator.store.addMessage(mailbox.id, {}));
    emulator.inject({ status: 429, where: 'batch-item', retryAfter: '0.5' });
    emulator.inject({ status: 429, where: 'batch-item', retryAfter: '1.25' });
    const { waits, clock } = fakeClock();
    const answers = await client({ clock }).batch(messages.map((m, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${mailbox.id}/messages/${m.id}` })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(waits).toEqual([1250]);
    expect(emulator.requests.filter((r) => r.inBatch)).toHaveLength(5); // 3, then the 2 throttled again
  });

  it('refuses a dependency across groups of 20 and duplicate ids before sending anything', async () => {
    const graph = client();
    const reqs = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${mailbox.id}` }));
    await expect(graph.batch([...reqs.slice(0, 20), { ...reqs[20]!, dependsOn: ['0'] }])).rejects.toThrow(/not in its group/);
    await expect(graph.batch([reqs[0]!, reqs[0]!])).rejects.toThrow(/used twice/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('subscriptions', () => {
  it('creates (after the handshake), renews and deletes a subscription', async () => {
    const listener = await startWebhookListener('echo');
    try {
      const graph = client();
      const expiresAt = Date.now() + 2 * 3_600_000;
      const created = await graph.createSubscription({
        resource: `/users/${mailbox.id}/mailFolders('inbox')/messages`, changeType: 'created,updated,deleted',
        notificationUrl: listener.url, lifecycleNotificationUrl: listener.lifecycleUrl, expiresAt, clientState: 'per-subscription-secret',
      });
      expect(created).toMatchObject({ clientState: 'per-subscription-secret', lifecycleNotificationUrl: listener.lifecycleUrl, expiresAt });
      expect(listener.validations).toHaveLength(2);
      // Created with the ImmutableId preference, so notifications carry immutable ids.
      expect(emulator.subscriptions.get(created.id)?.immutableIds).toBe(true);
      const renewed = await graph.renewSubscription(created.id, expiresAt + 86_400_000);
      expect(renewed.expiresAt).toBe(expiresAt + 86_400_000);
      await graph.deleteSubscription(created.id);
      await expect(graph.renewSubscription(created.id, expiresAt)).rejects.toMatchObject({ status: 404 });
    } finally {
      await listener.stop();
    }
  });

  it('reports a failed handshake as a GraphRequestError', async () => {
    const listener = await startWebhookListener('wrong');
    try {
      const error = await client()
        .createSubscription({ resource: `/users/${mailbox.id}/events`, changeType: 'created', notificationUrl: listener.url, expiresAt: Date.now() + 3_600_000, clientState: 's' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, code: 'ValidationError' });
    } finally {
      await listener.stop();
    }
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
