// The timeline page cache (http/timeline-page-cache.ts): a page asked again with nothing changed is served from
// memory, byte for byte what computing it gives, and after every kind of write a page can show (a new interaction
// from the sync, a note, a visibility, a deal's name, a holder, a share, an account merge, a role, an erasure) the
// next request answers what the database says now, on this instance and on a second one over the same database.
// Each viewer has their own entries: the owner's page with their private item never reaches a colleague or a manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { createApp } from '../app.ts';
import { openDb, type Db } from '../store/connect.ts';
import { createAccessTokenVerifier } from '../auth/index.ts';
import { findTenantByEntraId } from '../store/tenants.ts';
import { mergeAndLoad } from '../use-cases/interactions/merge-interaction-copies.ts';
import { createTimelinePageCache, timelineCacheBytesFromEnv, timelinePageKey, type TimelinePageCache } from '../http/timeline-page-cache.ts';
import { entityTag } from '../http/etag.ts';
import { noteEffectiveRole } from '../use-cases/users/provision-user.ts';

type Who = 'rep' | 'rep2' | 'manager' | 'admin';
const VIEWERS: Who[] = ['rep', 'rep2', 'manager', 'admin'];

describe('the timeline page cache', () => {
  const page = (n: number) => ({ body: new Uint8Array(n), tag: `"t${n}"` });
  it('drops the least recently used pages past its size in bytes, and a page of another data version', () => {
    const cache = createTimelinePageCache(3 * 1300);
    cache.set('a', 1, page(1000));
    cache.set('b', 1, page(1000));
    cache.set('c', 1, page(1000));
    expect(cache.get('a', 1)?.tag).toBe('"t1000"'); // a is now the most recently used
    cache.set('d', 1, page(1000));
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.bytes()).toBeLessThanOrEqual(3 * 1300);
    expect(cache.get('c', 2)).toBeUndefined(); // read at version 1: not an answer at version 2, and dropped
    expect(cache.get('c', 1)).toBeUndefined();
    cache.set('huge', 1, page(10_000));
    expect(cache.get('huge', 1)).toBeUndefined();
    expect(createTimelinePageCache(0).get('a', 1)).toBeUndefined();
  });

  it('is sized by SUHDE_TIMELINE_CACHE_MB, 32 MB unset, off at 0, and refuses what is not a size', () => {
    expect(timelineCacheBytesFromEnv({})).toBe(32 * 1024 * 1024);
    expect(timelineCacheBytesFromEnv({ SUHDE_TIMELINE_CACHE_MB: '0' })).toBe(0);
    expect(timelineCacheBytesFromEnv({ SUHDE_TIMELINE_CACHE_MB: '1.5' })).toBe(1.5 * 1024 * 1024);
    expect(() => timelineCacheBytesFromEnv({ SUHDE_TIMELINE_CACHE_MB: 'lots' })).toThrow(/SUHDE_TIMELINE_CACHE_MB/);
  });

  it('keys each viewer and role apart, and kinds as a set', () => {
    const q = { limit: 50, kind: ['email', 'call'] };
    const key = timelinePageKey('t', { userId: 'u', role: 'rep' }, 'a', q);
    expect(timelinePageKey('t', { userId: 'u', role: 'rep' }, 'a', { limit: 50, kind: ['call', 'email', 'call'] })).toBe(key);
    expect(timelinePageKey('t', { userId: 'v', role: 'rep' }, 'a', q)).not.toBe(key);
    expect(timelinePageKey('t', { userId: 'u', role: 'manager' }, 'a', q)).not.toBe(key);
    expect(timelinePageKey('t2', { userId: 'u', role: 'rep' }, 'a', q)).not.toBe(key);
    expect(timelinePageKey('t', { userId: 'u', role: 'rep' }, 'a', { ...q, cursor: 'x' })).not.toBe(key);
  });
});

describe.each(testDatabases())('timeline pages cached per viewer on $name', (database) => {
  let handle: Db;
  let second: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  /** The same app with the cache off: what a page is, computed now. */
  let plain: ReturnType<typeof createApp>;
  /** A second server instance over the same database with its own cache. */
  let other: ReturnType<typeof createApp>;
  let hits = 0;
  let accountId: string;
  let dealId: string;
  let contactId: string;
  const ids: Record<string, string> = {};
  let n = 0;

  const counting = (inner: TimelinePageCache): TimelinePageCache => ({
    maxBytes: inner.maxBytes,
    get: (key, version) => {
      const found = inner.get(key, version);
      if (found) hits++;
      return found;
    },
    set: (key, version, p) => inner.set(key, version, p),
    bytes: () => inner.bytes(),
  });

  const log = async (who: Who, visibility: string, extra: Record<string, unknown> = {}) => {
    n++;
    const r = await h.call('POST', '/api/interactions', {
      as: [h.a, h.a.users[who]],
      body: {
        kind: 'email', source: 'addin', subject: `Tarjous ${n}`, occurredAt: h.clock.now - n * 3_600_000, internetMessageId: `<c${n}@kallio.fi>`, visibility,
        note: `Muistiinpano ${n}`,
        participants: [{ role: 'from', address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: h.a.users[who].email, displayName: null }],
        ...extra,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.interaction.id as string;
  };

  const ask = async (app: ReturnType<typeof createApp>, who: Who, path: string, roles?: string[]) => {
    const r = await app.request(path, { headers: { authorization: `Bearer ${await h.token(h.a, h.a.users[who], roles ? { roles } : undefined)}` } });
    return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()), etag: r.headers.get('etag'), location: r.headers.get('location') };
  };
  const timeline = (account = accountId) => `/api/accounts/${account}/timeline?limit=50`;

  /**
   * Every viewer asks the cached app twice (the second a hit) and gets exactly what the uncached app and the second
   * instance answer now. Returns each viewer's page as parsed.
   */
  async function expectCurrent(path = timeline()) {
    const pages = {} as Record<Who, { items: { id: string; subject: string | null; note: string | null; redacted: boolean; visibility: string; holders: { userId: string }[]; participants: { address: string }[]; opportunity: { name: string } | null }[] }>;
    for (const who of VIEWERS) {
      const cached = await ask(h.app, who, path);
      const fresh = await ask(plain, who, path);
      const theirs = await ask(other, who, path);
      expect(cached.status, `${who} ${path}`).toBe(fresh.status);
      expect(cached.bytes.equals(fresh.bytes), `${who}: the cached app answers what the database says now`).toBe(true);
      expect(theirs.bytes.equals(fresh.bytes), `${who}: the second instance agrees`).toBe(true);
      expect(cached.etag).toBe(fresh.etag);
      if (fresh.status !== 200) continue;
      expect(cached.etag).toBe(entityTag(fresh.bytes));
      const before = hits;
      const again = await ask(h.app, who, path);
      expect(hits, `${who}: asked again with nothing changed, a hit`).toBe(before + 1);
      expect(again.bytes.equals(fresh.bytes)).toBe(true);
      pages[who] = JSON.parse(fresh.bytes.toString('utf8'));
    }
    return pages;
  }

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle, undefined, { timelinePages: counting(createTimelinePageCache(8 * 1024 * 1024)) });
    if (handle.dialect === 'postgres') {
      const schema = String((await handle.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirstOrThrow()).s);
      second = openDb({ kind: 'postgres', url: process.env.SUHDE_TEST_DATABASE_URL!, schema, poolSize: 2 });
    } else second = handle;
    const verifier = (db: Db) => createAccessTokenVerifier({
      audiences: [h.issuer.audience, h.issuer.appIdUri], authorityHost: h.issuer.authorityHost, getKey: h.issuer.getKey,
      isTenantOnboarded: async (tid) => (await findTenantByEntraId(db.db, tid)) !== null,
    });
    const config = { publicUrl: 'http://127.0.0.1:8080', bodyLimitBytes: 64 * 1024, demo: false };
    const v1 = verifier(handle);
    const v2 = verifier(second);
    plain = createApp({ handle, clock: () => h.clock.now, config, verify: (t) => v1.verify(t), timelinePages: createTimelinePageCache(0) });
    other = createApp({ handle: second, clock: () => h.clock.now, config, verify: (t) => v2.verify(t), timelinePages: createTimelinePageCache(8 * 1024 * 1024) });

    const rep = [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
    accountId = (await h.call('POST', '/api/accounts', { as: rep, body: { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'A' } })).body.id;
    contactId = (await h.call('POST', '/api/contacts', { as: rep, body: { name: 'Pekka Kallio', emails: ['pekka@kallio.fi'], accountId } })).body.id;
    dealId = (await h.call('POST', '/api/opportunities', { as: rep, body: { accountId, name: 'Siltahanke', value: 50_000 } })).body.id;
    ids.shared = await log('rep', 'shared', { opportunityId: dealId });
    ids.metadata = await log('rep', 'metadata');
    ids.private = await log('rep', 'private');
    ids.theirs = await log('rep2', 'shared');
  });
  afterAll(async () => {
    if (second !== handle) await second.close();
    await dispose();
  });

  it('never gives one viewer the page cached for another: the owner’s private item stays theirs', async () => {
    // The owner asks first, so their page (with the private item) is the one in memory when the others ask.
    const own = await ask(h.app, 'rep', timeline());
    expect(own.bytes.toString()).toContain(ids.private);
    for (const who of ['rep2', 'manager', 'admin'] as const) {
      const cached = await ask(h.app, who, timeline());
      const fresh = await ask(plain, who, timeline());
      expect(cached.bytes.toString(), who).not.toContain(ids.private);
      expect(cached.bytes.equals(fresh.bytes), who).toBe(true);
      expect(cached.etag).not.toBe(own.etag);
    }
    const pages = await expectCurrent();
    expect(pages.rep.items.map((i) => i.id)).toContain(ids.private);
    expect(pages.rep2.items.find((i) => i.id === ids.metadata)?.redacted).toBe(true);
    expect(pages.rep.items.find((i) => i.id === ids.metadata)?.redacted).toBe(false);
  });

  it('keeps a page per query and a 304 for its tag; a missing account is still 404', async () => {
    await expectCurrent(`/api/accounts/${accountId}/timeline?limit=2`);
    const first = await ask(h.app, 'rep', `/api/accounts/${accountId}/timeline?limit=2`);
    const next = JSON.parse(first.bytes.toString()).next as string;
    await expectCurrent(`/api/accounts/${accountId}/timeline?limit=2&cursor=${next}`);
    await expectCurrent(`/api/accounts/${accountId}/timeline?limit=50&kind=email&contactId=${contactId}&userId=${h.a.users.rep.id}`);
    const tag = (await ask(h.app, 'rep', timeline())).etag!;
    const before = hits;
    const notModified = await h.app.request(timeline(), { headers: { authorization: `Bearer ${await h.token(h.a, h.a.users.rep)}`, 'if-none-match': tag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(tag);
    expect(hits).toBe(before + 1);
    expect((await ask(h.app, 'rep', timeline('00000000-0000-7000-8000-000000000000'))).status).toBe(404);
    expect((await ask(h.app, 'rep', timeline('00000000-0000-7000-8000-000000000000'))).status).toBe(404);
  });

  it('answers each write at once, on this instance and the other: sync, note, visibility, deal name, holder, share', async () => {
    await expectCurrent();
    // A new interaction stored by the sync, through no API.
    await mergeAndLoad(h.a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: h.clock.now - 60_000, subject: 'Synkattu viesti', snippet: null, note: null, durationMinutes: null, opportunityId: null,
      source: 'sync', visibility: 'shared', externalKey: '<sync-1@kallio.fi>', accountIds: [accountId],
      participants: [{ role: 'from', address: 'pekka@kallio.fi', displayName: null, userId: null, contactId }, { role: 'to', address: h.a.users.rep.email, displayName: null, userId: h.a.users.rep.id, contactId: null }],
      holders: [{ userId: h.a.users.rep.id, relation: 'holds', at: h.clock.now }],
    }], h.clock.now);
    expect((await expectCurrent()).rep2.items.map((i) => i.subject)).toContain('Synkattu viesti');

    expect((await h.call('PATCH', `/api/interactions/${ids.shared}`, { as: [h.a, h.a.users.rep], body: { note: 'Uusi muistiinpano' } })).status).toBe(200);
    expect((await expectCurrent()).manager.items.find((i) => i.id === ids.shared)?.note).toBe('Uusi muistiinpano');

    expect((await h.call('PATCH', `/api/interactions/${ids.private}`, { as: [h.a, h.a.users.rep], body: { visibility: 'shared' } })).status).toBe(200);
    expect((await expectCurrent()).rep2.items.find((i) => i.id === ids.private)?.visibility).toBe('shared');

    expect((await h.call('PATCH', `/api/opportunities/${dealId}`, { as: [h.a, h.a.users.rep], body: { name: 'Siltahanke II' } })).status).toBe(200);
    expect((await expectCurrent()).admin.items.find((i) => i.id === ids.shared)?.opportunity?.name).toBe('Siltahanke II');

    // rep2 logs the same email (its key): they join its holders.
    const joined = await h.call('POST', '/api/interactions', {
      as: [h.a, h.a.users.rep2],
      body: { kind: 'email', source: 'addin', subject: 'Tarjous 1', occurredAt: h.clock.now - 3_600_000, internetMessageId: '<c1@kallio.fi>', visibility: 'shared', participants: [{ role: 'from', address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' }] },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBeLessThan(300);
    expect((await expectCurrent()).rep.items.find((i) => i.id === ids.shared)?.holders.map((x) => x.userId)).toContain(h.a.users.rep2.id);

    // rep2 asks for rep's metadata-only item and rep shares it: rep2 sees its content.
    const asked = await h.call('POST', `/api/interactions/${ids.metadata}/share-requests`, { as: [h.a, h.a.users.rep2], body: {} });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await expectCurrent()).rep2.items.find((i) => i.id === ids.metadata)?.redacted).toBe(true);
    expect((await h.call('POST', `/api/share-requests/${asked.body.id}`, { as: [h.a, h.a.users.rep], body: { answer: 'share' } })).status).toBe(200);
    const shared = (await expectCurrent()).rep2.items.find((i) => i.id === ids.metadata);
    expect(shared?.redacted).toBe(false);
    expect(shared?.subject).toBe('Tarjous 2');
  });

  it('answers a role change, an account merge and an erasure at once', async () => {
    // A rep raised to manager by an Entra app role: their key changes with the role, and the page is the same as computed.
    const asRep = await ask(h.app, 'rep', timeline());
    const raised = await ask(h.app, 'rep', timeline(), ['Suhde.Manager']);
    expect(raised.bytes.equals((await ask(plain, 'rep', timeline(), ['Suhde.Manager'])).bytes)).toBe(true);
    expect(raised.bytes.equals(asRep.bytes)).toBe(true); // seeing follows holding, not role
    // Signing in without the app role again notes the role back (an audited write, so the version moves) whenever
    // an app's sign-in cache for the plain token expires: noted here, so that nothing moves it during the comparisons.
    await noteEffectiveRole(h.a.scope, h.a.users.rep, 'rep', h.clock.now);
    await expectCurrent();

    // Another account with an item of its own, its page cached everywhere, then merged into this one.
    const dup = (await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep], body: { name: 'Kallio Oy (vanha)', domains: ['kallio-vanha.fi'], tier: 'C', allowDuplicate: true } })).body.id as string;
    const old = await log('rep', 'shared', { accountIds: [dup], participants: [{ role: 'from', address: 'liisa@kallio-vanha.fi', displayName: null }] });
    expect((await expectCurrent(timeline(dup))).rep.items.map((i) => i.id)).toContain(old);
    const merged = await h.call('POST', `/api/accounts/${accountId}/merge`, { as: [h.a, h.a.users.admin], body: { mergeIds: [dup], preview: false } });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await expectCurrent()).rep2.items.map((i) => i.id)).toContain(old);
    const gone = await ask(h.app, 'rep', timeline(dup));
    expect(gone.status).toBe(308);
    expect(gone.location).toContain(accountId);
    expect((await ask(other, 'rep', timeline(dup))).status).toBe(308);

    // Erasing the contact anonymises them on every item: no page still names them.
    expect((await expectCurrent()).rep.items.some((i) => i.participants.some((p) => p.address === 'pekka@kallio.fi'))).toBe(true);
    const erased = await h.call('POST', `/api/contacts/${contactId}/erase`, { as: [h.a, h.a.users.admin] });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const after = await expectCurrent();
    for (const who of VIEWERS) expect(JSON.stringify(after[who]), who).not.toContain('pekka@kallio.fi');
  });
});
