// The timeline page is served from stored answers with slots (domain/timeline-item.ts), not by hydrating each
// interaction and serialising its view per request. Its bytes must be exactly what the old path gave: the
// source tables' interactions through viewOf, the deals' names and JSON.stringify. Checked for the account's
// owner, a colleague, a manager and an admin, over several pages, for shared, metadata-only (redacted for who
// does not hold it) and private items, a linked deal (renamed: its name is read when answering) and content
// that JSON must escape; the ETag is the hash of those bytes and a 304 answers it. Two deals on a page, and 404 for
// an account outside the caller's tenant (the probe and the names are compiled once, their values placed per run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';
import { timelinePageFromSources } from '../store/interactions.ts';
import { opportunityNames } from '../store/opportunities.ts';
import { entityTag } from '../http/etag.ts';
import { encodeCursor, interactionViews } from './views.ts';

type Who = 'rep' | 'rep2' | 'manager' | 'admin';

describe.each(testDatabases())('timeline answer bytes on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let accountId: string;
  let dealId: string;
  let secondDealId: string;
  const as = (who: Who) => [h.a, h.a.users[who]] as [Harness['a'], Harness['a']['users']['rep']];
  let n = 0;
  const log = async (who: Who, visibility: string, extra: Record<string, unknown> = {}) => {
    n++;
    const r = await h.call('POST', '/api/interactions', {
      as: as(who),
      body: {
        kind: 'email', source: 'addin', subject: `Tarjous ${n} "lainausmerkit" \\ ja \u0001 ja \u2028 ja 😀`, occurredAt: h.clock.now - n * 3_600_000,
        internetMessageId: `<m${n}@kallio.fi>`, visibility, note: n % 2 ? `Muistiinpano ${n}` : null,
        participants: [{ role: 'from', address: 'pekka@kallio.fi', displayName: 'Pekka "P" Kallio\u0002' }, { role: 'to', address: h.a.users[who].email, displayName: null }],
        ...extra,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.interaction.id as string;
  };

  /** Every page for this viewer through the route, each against what the source tables and the old views give. */
  async function expectSameBytes(who: Who) {
    const viewer = { userId: h.a.users[who].id, role: h.a.users[who].role };
    let before: { occurredAt: number; id: string } | undefined;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await h.app.request(`/api/accounts/${accountId}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${await h.token(h.a, h.a.users[who])}` } });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.clone().arrayBuffer());
      const text = await res.text();
      const page = await timelinePageFromSources(h.a.scope, { accountId, viewerId: viewer.userId, limit: 3, ...(before ? { before } : {}) });
      const items = interactionViews(page.items, viewer, await opportunityNames(h.a.scope, page.items.map((i) => i.opportunityId)));
      const expected = JSON.stringify({ items, next: page.next ? encodeCursor(page.next) : null });
      expect(text, `${who} page ${pages}`).toBe(expected);
      expect(res.headers.get('etag')).toBe(entityTag(expected));
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(bytes).toEqual(new Uint8Array(Buffer.from(expected)));
      const again = await h.app.request(`/api/accounts/${accountId}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${await h.token(h.a, h.a.users[who])}`, 'if-none-match': entityTag(expected) },
      });
      expect(again.status).toBe(304);
      cursor = JSON.parse(text).next;
      before = page.next ?? undefined;
      pages++;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    accountId = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'A' } })).body.id;
    dealId = (await h.call('POST', '/api/opportunities', { as: as('rep'), body: { accountId, name: 'Siltahanke', value: 50_000 } })).body.id;
    await log('rep', 'shared', { opportunityId: dealId });
    await log('rep', 'metadata');
    await log('rep2', 'metadata', { opportunityId: dealId });
    await log('rep', 'private');
    await log('rep2', 'private');
    await log('rep2', 'shared');
    await log('manager', 'metadata');
    await log('admin', 'shared', { opportunityId: dealId });
    await log('rep2', 'metadata');
    // A second deal on the same page, its name with what JSON escapes and characters of two and three UTF-8 bytes:
    // the names are written into the page as bytes.
    secondDealId = (await h.call('POST', '/api/opportunities', { as: as('rep2'), body: { accountId, name: 'Ö-silta "B" \\ – 2027', value: 9_000 } })).body.id;
    await log('rep2', 'shared', { opportunityId: secondDealId });
    await log('rep', 'metadata', { opportunityId: secondDealId });
  });
  afterAll(async () => dispose());

  it('is byte for byte the old answer for the owner, a colleague, a manager and an admin', async () => {
    for (const who of ['rep', 'rep2', 'manager', 'admin'] as const) expect(await expectSameBytes(who)).toBeGreaterThan(1);
    // What differs between them is real: the owner's redacted view of rep2's metadata-only item has no subject.
    const first = await h.call('GET', `/api/accounts/${accountId}/timeline?limit=50`, { as: as('rep') });
    const redacted = first.body.items.filter((i: { redacted: boolean }) => i.redacted);
    expect(redacted.length).toBeGreaterThan(0);
    expect(redacted.every((i: { subject: unknown; note: unknown; externalKey: unknown }) => i.subject === null && i.note === null && i.externalKey === null)).toBe(true);
    expect(first.body.items.some((i: { opportunity: { name: string } | null }) => i.opportunity?.name === 'Siltahanke')).toBe(true);
  });

  it('names both deals of a page, each by its own name', async () => {
    const items = (await h.call('GET', `/api/accounts/${accountId}/timeline?limit=50`, { as: as('rep') })).body.items as { opportunity: { id: string; name: string } | null }[];
    const names = new Map(items.filter((i) => i.opportunity).map((i) => [i.opportunity!.id, i.opportunity!.name]));
    expect(names.get(dealId)).toMatch(/^Siltahanke/);
    expect(names.get(secondDealId)).toBe('Ö-silta "B" \\ – 2027');
  });

  it('answers 404 for an account it cannot find in the caller’s tenant, and the other tenant its own', async () => {
    // The probe is compiled once: each run must still ask for this tenant and this id.
    const theirs = (await h.call('POST', '/api/accounts', { as: [h.b, h.b.users.rep], body: { name: 'Muu Oy', domains: ['muu-oy.fi'], tier: 'C' } })).body.id as string;
    expect((await h.call('GET', `/api/accounts/${theirs}/timeline`, { as: as('rep') })).status).toBe(404);
    expect((await h.call('GET', `/api/accounts/${accountId}/timeline`, { as: [h.b, h.b.users.rep] })).status).toBe(404);
    expect((await h.call('GET', `/api/accounts/${theirs}/timeline`, { as: [h.b, h.b.users.rep] })).status).toBe(200);
    expect((await h.call('GET', `/api/accounts/00000000-0000-7000-8000-000000000000/timeline`, { as: as('rep') })).status).toBe(404);
    expect((await h.call('GET', `/api/accounts/${accountId}/timeline`, { as: as('rep') })).status).toBe(200);
  });

  it('names a renamed deal at once, and a change of visibility reaches every viewer', async () => {
    expect((await h.call('PATCH', `/api/opportunities/${dealId}`, { as: as('rep'), body: { name: 'Siltahanke II' } })).status).toBe(200);
    const mine = (await h.call('GET', `/api/accounts/${accountId}/timeline?limit=50`, { as: as('rep') })).body.items;
    expect(mine.filter((i: { opportunity: { name: string } | null }) => i.opportunity).map((i: { opportunity: { name: string } }) => i.opportunity.name)).toContain('Siltahanke II');
    const theirs = (await h.call('GET', `/api/accounts/${accountId}/timeline?limit=50`, { as: as('rep2') })).body.items;
    const metadataOfRep = theirs.find((i: { redacted: boolean; holders: { userId: string }[] }) => i.redacted && i.holders.some((x) => x.userId === h.a.users.rep.id));
    expect((await h.call('PATCH', `/api/interactions/${metadataOfRep.id}`, { as: as('rep'), body: { visibility: 'shared' } })).status).toBe(200);
    for (const who of ['rep', 'rep2', 'manager', 'admin'] as const) await expectSameBytes(who);
  });
});
