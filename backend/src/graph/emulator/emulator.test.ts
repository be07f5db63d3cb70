// The emulator's wire format, checked with plain fetch against what Graph's documentation shows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator, type MailboxRecord } from './index.ts';

let emulator: GraphEmulator;
let mailbox: MailboxRecord;
const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url.startsWith('http') ? url : `${emulator.url}/v1.0${url}`, { headers: { Authorization: 'Bearer t', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${emulator.url}/v1.0${path}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** Follows a delta round to its deltaLink, collecting the items of every page. */
async function round(first: string, headers: Record<string, string> = {}) {
  const pages: { value: Record<string, unknown>[]; nextLink?: string; deltaLink?: string }[] = [];
  let url: string | undefined = first;
  while (url) {
    const { status, body } = await get(url, headers);
    expect(status).toBe(200);
    pages.push({ value: body.value, nextLink: body['@odata.nextLink'], deltaLink: body['@odata.deltaLink'] });
    url = body['@odata.nextLink'];
  }
  return { pages, items: pages.flatMap((p) => p.value), deltaLink: pages[pages.length - 1]?.deltaLink as string };
}

beforeAll(async () => {
  // 'me:<upn>' stands for a delegated token of that user.
  emulator = await startGraphEmulator({ checkToken: (t) => (t === 'bad' ? false : t.startsWith('me:') ? t.slice(3) : true) });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  mailbox = emulator.addMailbox(`user${Math.random().toString(36).slice(2, 8)}@contoso.example`, 'Test User');
});

describe('authentication', () => {
  it('answers 401 with a Graph error body without a valid bearer token', async () => {
    const missing = await fetch(`${emulator.url}/v1.0/users/${mailbox.id}`);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    const bad = await get(`/users/${mailbox.id}`, { Authorization: 'Bearer bad' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.innerError['request-id']).toEqual(expect.any(String));
  });
  it('resolves /me to the user a delegated token is for', async () => {
    const me = await get('/me/mailFolders/inbox', { Authorization: `Bearer me:${mailbox.userPrincipalName}` });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(mailbox.wellKnown.get('inbox'));
  });
  it('serves users by id or user principal name', async () => {
    expect((await get(`/users/${encodeURIComponent(mailbox.userPrincipalName)}`)).body).toMatchObject({ id: mailbox.id, displayName: 'Test User' });
  });
});

describe('folders', () => {
  it('resolves well-known names and ids to the same folder', async () => {
    const byName = await get(`/users/${mailbox.id}/mailFolders/inbox`);
    const byId = await get(`/users/${mailbox.id}/mailFolders('${byName.body.id}')`);
    expect(byName.body.displayName).toBe('Inbox');
    expect(byId.body.id).toBe(byName.body.id);
    expect((await get(`/users/${mailbox.id}/mailFolders/SentItems`)).body.displayName).toBe('Sent Items');
  });
});

describe('message delta', () => {
  it('pages by $skiptoken to a $deltatoken and returns only the selected properties, id and annotations', async () => {
    for (let i = 0; i < 5; i++) emulator.store.addMessage(mailbox.id, { subject: `m${i}`, from: 'a@asiakas.fi', to: [mailbox.userPrincipalName], body: 'secret body' });
    const { pages, items, deltaLink } = await round(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject,sender,isRead`, { Prefer: 'odata.maxpagesize=2' });
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    expect(pages[0]?.nextLink).toMatch(/\/v1\.0\/users\/[^/]+\/mailFolders\('[^']+'\)\/messages\/delta\?\$skiptoken=[\w-]+$/);
    expect(deltaLink).toMatch(/\/messages\/delta\?\$deltatoken=[\w-]+$/);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'sender', 'subject']);
    expect(items[0]).toMatchObject({ '@odata.type': '#microsoft.graph.message', sender: { emailAddress: { address: 'a@asiakas.fi' } } });
    expect(items.map((m) => m.subject).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('uses $top as the page size when no maxpagesize preference is sent, and says which preference it applied', async () => {
    for (let i = 0; i < 3; i++) emulator.store.addMessage(mailbox.id, { subject: `t${i}` });
    const first = await get(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$top=2`);
    expect(first.body.value).toHaveLength(2);
    const preferred = await get(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$top=2`, { Prefer: 'odata.maxpagesize=1' });
    expect(preferred.body.value).toHaveLength(1);
    expect(preferred.headers.get('preference-applied')).toBe('odata.maxpagesize=1');
  });

  it('refuses $select=sensitivity on messages, which have no such property, and expands PidTagSensitivity instead', async () => {
    const refused = await get(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject,sensitivity`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe("Could not find a property named 'sensitivity' on type 'microsoft.graph.message'.");
    emulator.store.addMessage(mailbox.id, { subject: 'private', sensitivity: 'private' });
    emulator.store.addMessage(mailbox.id, { subject: 'plain' });
    const expand = encodeURIComponent("singleValueExtendedProperties($filter=id eq 'Integer 0x0036')");
    const { items } = await round(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject&$expand=${expand}`);
    expect(items.find((m) => m.subject === 'private')?.singleValueExtendedProperties).toEqual([{ id: 'Integer 0x36', value: '2' }]);
    expect(items.find((m) => m.subject === 'plain')).not.toHaveProperty('singleValueExtendedProperties');
  });

  it('stores other extended properties and expands several ids joined by or, on delta pages and single reads', async () => {
    const cecp = 'String {00020329-0000-0000-C000-000000000046} Name cecp-5eed0000-0000-4000-8000-00000000ade0';
    const value = JSON.stringify({ suhdeLogIntent: JSON.stringify({ note: 'Tarjous' }) });
    const tagged = emulator.store.addMessage(mailbox.id, { subject: 'tagged', sensitivity: 'normal', extendedProperties: { [cecp]: value } });
    emulator.store.addMessage(mailbox.id, { subject: 'only-sensitive', sensitivity: 'personal' });
    emulator.store.addMessage(mailbox.id, { subject: 'bare' });
    const both = encodeURIComponent(`singleValueExtendedProperties($filter=id eq 'Integer 0x0036' or id eq '${cecp}')`);
    const { items } = await round(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject&$expand=${both}`, IMMUTABLE);
    const echoed = 'String {00020329-0000-0000-c000-000000000046} Name cecp-5eed0000-0000-4000-8000-00000000ade0';
    expect(items.find((m) => m.subject === 'tagged')?.singleValueExtendedProperties).toEqual([{ id: 'Integer 0x36', value: '0' }, { id: echoed, value }]);
    expect(items.find((m) => m.subject === 'only-sensitive')?.singleValueExtendedProperties).toEqual([{ id: 'Integer 0x36', value: '1' }]);
    // Absent, not empty, when the message has none of them.
    expect(items.find((m) => m.subject === 'bare')).not.toHaveProperty('singleValueExtendedProperties');
    // Only what the filter names: the sensitivity alone leaves the custom properties out.
    const one = encodeURIComponent("singleValueExtendedProperties($filter=id eq 'Integer 0x0036')");
    const single = await get(`/users/${mailbox.id}/messages/${tagged.id}?$select=subject&$expand=${one}`, IMMUTABLE);
    expect(single.body.singleValueExtendedProperties).toEqual([{ id: 'Integer 0x36', value: '0' }]);
    const named = await get(`/users/${mailbox.id}/messages/${tagged.id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${cecp}')`)}`, IMMUTABLE);
    expect(named.body.singleValueExtendedProperties).toEqual([{ id: echoed, value }]);
    // The Name is case-sensitive; a malformed id is Graph's 400.
    const upper = await get(`/users/${mailbox.id}/messages/${tagged.id}?$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${cecp.toUpperCase()}')`)}`, IMMUTABLE);
    expect(upper.body).not.toHaveProperty('singleValueExtendedProperties');
    const bad = await get(`/users/${mailbox.id}/messages/${tagged.id}?$expand=${encodeURIComponent("singleValueExtendedProperties($filter=id eq 'String cecp')")}`, IMMUTABLE);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ErrorInvalidExtendedProperty');
  });

  it('returns only changes in the next round, deletions and moves under @removed', async () => {
    const keep = emulator.store.addMessage(mailbox.id, { subject: 'keep' });
    const change = emulator.store.addMessage(mailbox.id, { subject: 'change' });
    const remove = emulator.store.addMessage(mailbox.id, { subject: 'remove' });
    const move = emulator.store.addMessage(mailbox.id, { subject: 'move' });
    const first = await round(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject`, IMMUTABLE);
    expect(first.items).toHaveLength(4);
    emulator.store.updateMessage(mailbox.id, change.id, { subject: 'changed' });
    emulator.store.deleteMessage(mailbox.id, remove.id);
    emulator.store.moveMessage(mailbox.id, move.id, 'archive');
    const created = emulator.store.addMessage(mailbox.id, { subject: 'new' });
    const second = await round(first.deltaLink, IMMUTABLE);
    expect(second.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: change.id, subject: 'changed' }),
        { '@odata.type': '#microsoft.graph.message', id: remove.id, '@removed': { reason: 'deleted' } },
        { '@odata.type': '#microsoft.graph.message', id: move.id, '@removed': { reason: 'deleted' } },
        expect.objectContaining({ id: created.id, subject: 'new' }),
      ]),
    );
    expect(second.items).toHaveLength(4);
    expect(second.items.some((m) => m.id === keep.id)).toBe(false);
    const third = await round(second.deltaLink, IMMUTABLE);
    expect(third.items).toEqual([]);
  });

  it('keeps immutable ids across a move and changes default ids, reporting the id the client knew', async () => {
    const m = emulator.store.addMessage(mailbox.id, { subject: 'travels' });
    const restBefore = m.restId;
    const plain = await round(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject`);
    const immutable = await round(`/users/${mailbox.id}/mailFolders/inbox/messages/delta?$select=subject`, IMMUTABLE);
    expect(plain.items[0]?.id).toBe(restBefore);
    expect(immutable.items[0]?.id).toBe(m.id);
    emulator.store.moveMessage(mailbox.id, m.id, 'archive');
    expect((await round(plain.deltaLink)).items).toEqual([expect.objectContaining({ id: restBefore, '@removed': { reason: 'deleted' } })]);
    expect((await round(immutable.deltaLink, IMMUTABLE)).items).toEqual([expect.objectContaining({ id: m.id, '@removed': { reason: 'deleted' } })]);
    const archive = await round(`/users/${mailbox.id}/mailFolders/archive/messages/delta?$select=subject`);
    expect(archive.items[0]?.id).not.toBe(restBefore);
    expect((await get(`/users/${mailbox.id}/messages/${encodeURIComponent(restBefore)}`)).status).toBe(404);
    expect((await get(`/users/${mailbox.id}/messages/${encodeURIComponent(m.id)}?$select=subject`, IMMUTABLE)).body).toMatchObject({ id: m.id, subject: 'travels' });
  });

  it('answers 410 syncStateNotFound for expired delta and skip tokens', async () => {
    for (let i = 0; i < 3; i++) emulator.store.addMessage(mailbox.id, {});
    const page = await get(`/users/${mailbox.id}/mailFolders/inbox/messages/delta`, { Prefer: 'odata.maxpagesize=1' });
    const { deltaLink } = await round(page.body['@odata.nextLink']);
    expect(emulator.expireDeltaTokens(mailbox.id)).toBeGreaterThan(0);
    for (const link of [page.body['@odata.nextLink'], deltaLink]) {
      const expired = await get(link);
      expect(expired.status).toBe(410);
      expect(expired.body.error.code).toBe('syncStateNotFound');
    }
  });
});

describe('calendarView delta', () => {
  const day = Date.parse('2024-05-06T00:00:00Z');
  const window = `startDateTime=${new Date(day).toISOString()}&endDateTime=${new Date(day + 7 * 86_400_000).toISOString()}`;

  it('returns events in the window in UTC, without series masters, and refuses $select', async () => {
    const inside = emulator.store.addEvent(mailbox.id, { subject: 'inside', start: day + 9 * 3_600_000, end: day + 10 * 3_600_000, organizer: 'o@asiakas.fi', attendees: [{ address: 'a@asiakas.fi', response: 'accepted' }] });
    emulator.store.addEvent(mailbox.id, { subject: 'outside', start: day - 86_400_000, end: day - 86_000_000 });
    emulator.store.addEvent(mailbox.id, { subject: 'master', type: 'seriesMaster', start: day, end: day + 3_600_000 });
    const { items } = await round(`/users/${mailbox.id}/calendarView/delta?${window}`);
    expect(items.map((e) => e.subject)).toEqual(['inside']);
    expect(items[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.event',
      id: inside.restId,
      start: { dateTime: '2024-05-06T09:00:00.0000000', timeZone: 'UTC' },
      attendees: [{ type: 'required', status: { response: 'accepted' }, emailAddress: { address: 'a@asiakas.fi' } }],
    });
    expect((await get(`/users/${mailbox.id}/calendarView/delta?${window}&$select=subject`)).status).toBe(400);
  });

  it('writes an online Teams meeting’s onlineMeeting as Graph documents it, the same join URL in every calendar', async () => {
    const other = emulator.addMailbox(`other${Math.random().toString(36).slice(2, 8)}@contoso.example`, 'Other');
    const ical = `040000008200E00074C5B7101A82E008${Math.random().toString(16).slice(2, 10).toUpperCase()}`;
    const meeting = { subject: 'online', start: day + 9 * 3_600_000, end: day + 10 * 3_600_000, organizer: 'o@contoso.example', isOnlineMeeting: true, iCalUId: ical };
    const mine = emulator.store.addEvent(mailbox.id, meeting);
    emulator.store.addEvent(other.id, meeting);
    const onsite = emulator.store.addEvent(mailbox.id, { subject: 'on site', start: day + 11 * 3_600_000, end: day + 12 * 3_600_000 });
    const { items } = await round(`/users/${mailbox.id}/calendarView/delta?${window}`, IMMUTABLE);
    const online = items.find((e) => e.id === mine.id)!;
    expect(online).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', onlineMeetingUrl: null });
    const info = online.onlineMeeting as Record<string, unknown>;
    expect(Object.keys(info).sort()).toEqual(['conferenceId', 'joinUrl', 'phones', 'quickDial', 'tollFreeNumbers', 'tollNumber']);
    expect(info.conferenceId).toMatch(/^\d{9}$/);
    // https://teams.microsoft.com/l/meetup-join/19%3ameeting_<base64 of a GUID>%40thread.v2/0?context=%7b%22Tid%22%3a...%7d
    const joinUrl = info.joinUrl as string;
    expect(joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9+/]{48}%40thread\.v2\/0\?context=%7b%22Tid%22%3a%22[0-9a-f-]{36}%22%2c%22Oid%22%3a%22[0-9a-f-]{36}%22%7d$/);
    const thread = decodeURIComponent(new URL(joinUrl).pathname.split('/')[3]!);
    expect(Buffer.from(thread.slice('19:meeting_'.length, -'@thread.v2'.length), 'base64').toString()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(JSON.parse(decodeURIComponent(new URL(joinUrl).search.slice('?context='.length)))).toEqual({ Tid: expect.any(String), Oid: expect.any(String) });
    const theirs = (await round(`/users/${other.id}/calendarView/delta?${window}`, IMMUTABLE)).items.find((e) => e.subject === 'online')!;
    expect((theirs.onlineMeeting as { joinUrl: string }).joinUrl).toBe(joinUrl);
    expect(items.find((e) => e.id === onsite.id)).toMatchObject({ isOnlineMeeting: false, onlineMeetingProvider: 'unknown', onlineMeeting: null });
    // "Get online meeting information": $select=isOnlineMeeting,onlineMeetingProvider,onlineMeeting on one event.
    const one = await get(`/users/${mailbox.id}/events/${mine.id}?$select=isOnlineMeeting,onlineMeetingProvider,onlineMeeting`, IMMUTABLE);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: mine.id, isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', onlineMeeting: { joinUrl } });
    expect(one.body.subject).toBeUndefined();
  });

  it('reports deletions and events leaving the window under @removed', async () => {
    const a = emulator.store.addEvent(mailbox.id, { subject: 'a', start: day + 3_600_000, end: day + 7_200_000 });
    const b = emulator.store.addEvent(mailbox.id, { subject: 'b', start: day + 3_600_000, end: day + 7_200_000 });
    const first = await round(`/users/${mailbox.id}/calendarView/delta?${window}`, IMMUTABLE);
    emulator.store.deleteEvent(mailbox.id, a.id);
    emulator.store.updateEvent(mailbox.id, b.id, { start: day + 30 * 86_400_000, end: day + 30 * 86_400_000 + 3_600_000 });
    const second = await round(first.deltaLink, IMMUTABLE);
    expect(second.items).toEqual([
      { '@odata.type': '#microsoft.graph.event', id: a.id, '@removed': { reason: 'deleted' } },
      { '@odata.type': '#microsoft.graph.event', id: b.id, '@removed': { reason: 'deleted' } },
    ]);
  });
});

describe('faults and limits', () => {
  it('injects 429 with a decimal Retry-After, 503 and 504, then recovers', async () => {
    emulator.inject({ status: 429, retryAfter: '1.5' });
    emulator.inject({ status: 503 });
    emulator.inject({ status: 504, retryAfter: '0.2' });
    const throttled = await get(`/users/${mailbox.id}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1.5');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect((await get(`/users/${mailbox.id}`)).status).toBe(503);
    const timeout = await get(`/users/${mailbox.id}`);
    expect([timeout.status, timeout.headers.get('retry-after')]).toEqual([504, '0.2']);
    expect((await get(`/users/${mailbox.id}`)).status).toBe(200);
  });

  it('drops a connection when asked', async () => {
    emulator.inject({ status: 'drop' });
    await expect(get(`/users/${mailbox.id}`)).rejects.toThrow();
    expect((await get(`/users/${mailbox.id}`)).status).toBe(200);
  });

  it('refuses a fifth concurrent request to one mailbox with 429 MailboxConcurrency and records the most seen', async () => {
    // Long enough that all six overlap even on a loaded machine, where their arrivals spread out.
    emulator.setLatency(1500);
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => get(`/users/${mailbox.id}/mailFolders/inbox`)));
      const refused = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(2);
      expect(refused[0]?.body.error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
      expect(refused[0]?.headers.get('retry-after')).toBe('1');
      expect(emulator.maxConcurrency(mailbox.id)).toBeGreaterThan(4);
      expect(emulator.concurrencyRefusals).toBeGreaterThanOrEqual(2);
    } finally {
      emulator.setLatency(0);
    }
  });
});

describe('$batch', () => {
  it('runs up to 20 requests and answers each with its own status, headers and body', async () => {
    const m = emulator.store.addMessage(mailbox.id, { subject: 'batched' });
    const answer = await post('/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${mailbox.id}/messages/${m.id}?$select=subject`, headers: IMMUTABLE },
        { id: '2', method: 'GET', url: `/users/${mailbox.id}/messages/nope` },
        { id: '3', method: 'GET', url: `users/${mailbox.id}/mailFolders/inbox`, dependsOn: ['1'] },
        { id: '4', method: 'GET', url: `/users/${mailbox.id}`, dependsOn: ['2'] },
      ],
    });
    expect(answer.status).toBe(200);
    const byId = Object.fromEntries(answer.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 200, body: { id: m.id, subject: 'batched' } });
    expect(byId['2']).toMatchObject({ status: 404, body: { error: { code: 'ErrorItemNotFound' } } });
    expect(byId['3']).toMatchObject({ status: 200, body: { displayName: 'Inbox' } });
    expect(byId['4']).toMatchObject({ status: 424 });
  });

  it('refuses more than 20 requests, duplicate ids and unknown dependencies', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/${mailbox.id}` }));
    expect((await post('/$batch', { requests: many })).status).toBe(400);
    expect((await post('/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users' }, { id: 'A', method: 'GET', url: '/users' }] })).status).toBe(400);
    expect((await post('/$batch', { requests: [{ id: 'a', method: 'GET', url: '/users', dependsOn: ['b'] }] })).status).toBe(400);
  });

  it('throttles single requests inside a batch with their own Retry-After', async () => {
    emulator.inject({ status: 429, where: 'batch-item', retryAfter: '0.75' });
    const answer = await post('/$batch', { requests: [{ id: '1', method: 'GET', url: `/users/${mailbox.id}` }] });
    expect(answer.status).toBe(200);
    expect(answer.body.responses[0]).toMatchObject({ id: '1', status: 429, headers: { 'Retry-After': '0.75' } });
  });
});
