// Interactions are searched newest first: the newest RECENT_CANDIDATES visible matches are ranked, older ones are
// not (store/search.ts). These pin that rule and what it must never cost: a record hit, or a private item leaking.
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import { createContact } from '../../store/contacts.ts';
import { RECENT_CANDIDATES } from '../../store/search.ts';
import type { Visibility } from '../../domain/types.ts';
import { mergeInteractionCopies } from '../interactions/merge-interaction-copies.ts';
import { searchRecords } from './search-records.ts';

const HOUR = 3_600_000;
const NOW = T0 + 1000 * HOUR;
/** The newest of RECENT_CANDIDATES + 5 items numbered from 0. */
const LAST = RECENT_CANDIDATES + 4;

describe.each(testDatabases())('search recency on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-recency.fi');
  let accountId: string;
  let n = 0;
  const rep = () => ({ userId: a.users.rep.id, role: 'rep' as const });
  const rep2 = () => ({ userId: a.users.rep2.id, role: 'rep' as const });
  // Mail as the sync stores it, in time order (the order it arrives); held by rep.
  const store = (items: { subject: string; at: number; visibility: Visibility; from?: string }[]) =>
    mergeInteractionCopies(a.scope, items.map((i) => ({
      kind: 'email' as const, direction: 'inbound' as const, occurredAt: i.at, subject: i.subject, snippet: null, note: null, durationMinutes: null,
      participants: [{ role: 'from' as const, address: 'asiakas@vanhala.fi', displayName: i.from ?? 'Asta Asiakas', userId: null, contactId: null }],
      accountIds: [accountId], opportunityId: null, source: 'sync' as const, visibility: i.visibility,
      holders: [{ userId: a.users.rep.id, relation: 'holds' as const, at: i.at }], externalKey: `msgid:recency-${++n}@vanhala.fi`,
    })), NOW);
  const many = (count: number, from: number, item: (k: number) => { subject: string; visibility: Visibility; from?: string }) =>
    Array.from({ length: count }, (_, k) => ({ ...item(k), at: from + k * HOUR }));

  beforeAll(async () => {
    accountId = (await createAccount(a.scope, { name: 'Vanhala Huolto Oy', domains: ['vanhala.fi'], tier: 'B', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;
  });

  it('ranks a newer match above an older one of equal relevance, and ranks only the newest matches', async () => {
    // The oldest is the most about the word, but more than RECENT_CANDIDATES newer ones match it too.
    await store([{ subject: 'Kattotarkastus kattotarkastus kattotarkastus', at: T0, visibility: 'shared' }]);
    await store(many(RECENT_CANDIDATES + 5, T0 + HOUR, (k) => ({ subject: `Kattotarkastus ${k} ja muuta asiaa viikon ohjelmassa`, visibility: 'shared' })));
    const r = await searchRecords(a.scope, rep2(), { q: 'kattotarkastus', kinds: ['interaction'], limit: 3 });
    // Equal relevance: the same words in each, newest first.
    expect(r.interactions.map((h) => h.title)).toEqual([LAST, LAST - 1, LAST - 2].map((k) => `Kattotarkastus ${k} ja muuta asiaa viikon ohjelmassa`));
    // The oldest, past the bound, is not ranked at all; a newer one most about the word comes first.
    const older = await searchRecords(a.scope, rep2(), { q: 'kattotarkastus', kinds: ['interaction'], limit: 50 });
    expect(older.interactions).toHaveLength(50);
    expect(older.interactions.map((h) => h.title)).not.toContain('Kattotarkastus kattotarkastus kattotarkastus');
    await store([{ subject: 'Kattotarkastus kattotarkastus', at: T0 + 900 * HOUR, visibility: 'shared' }]);
    const best = await searchRecords(a.scope, rep2(), { q: 'kattotarkastus', kinds: ['interaction'], limit: 1 });
    expect(best.interactions.map((h) => h.title)).toEqual(['Kattotarkastus kattotarkastus']);
  });

  it('never drops an account or contact hit, however many interactions match', async () => {
    const contactId = (await createContact(a.scope, { name: 'Veikko Vanhala', emails: ['veikko@vanhala.fi'], phones: [], title: null, accountId, ownerId: null }, null, T0)).id;
    await store(many(RECENT_CANDIDATES + 5, T0 + 300 * HOUR, (k) => ({ subject: `Vanhala viikkoraportti ${k}`, visibility: 'shared' })));
    const r = await searchRecords(a.scope, rep2(), { q: 'vanhala' });
    expect(r.accounts.map((h) => h.id)).toEqual([accountId]);
    expect(r.contacts.map((h) => h.id)).toEqual([contactId]);
    expect(r.interactions).toHaveLength(5);
    // Two letters only: records are ranked among their first matches, still found.
    const typing = await searchRecords(a.scope, rep2(), { q: 'Va' });
    expect(typing.accounts.map((h) => h.id)).toEqual([accountId]);
    expect(typing.contacts.map((h) => h.id)).toEqual([contactId]);
    expect(typing.interactions).toHaveLength(5);
  });

  it('never returns a private or metadata-only item of another by its content, even when the newest matches are those', async () => {
    await store([{ subject: 'Hinnoittelumalli yhteinen', at: T0 + 500 * HOUR, visibility: 'shared' }]);
    await store(many(RECENT_CANDIDATES + 5, T0 + 501 * HOUR, (k) => ({ subject: `Hinnoittelumalli salainen ${k}`, visibility: k % 2 ? 'private' : 'metadata', from: 'Pirkko Pihlaja' })));
    // The colleague: only the older shared item; the newer ones neither found nor taking its place.
    const colleague = await searchRecords(a.scope, rep2(), { q: 'hinnoittelumalli', kinds: ['interaction'], limit: 50 });
    expect(colleague.interactions.map((h) => h.title)).toEqual(['Hinnoittelumalli yhteinen']);
    // By who took part: the metadata-only ones, subject withheld; never a private one.
    const byPerson = await searchRecords(a.scope, rep2(), { q: 'pihlaja', kinds: ['interaction'], limit: 50 });
    expect(byPerson.interactions).toHaveLength(50);
    expect(byPerson.interactions.every((h) => h.redacted && h.title === null)).toBe(true);
    const visibility = new Map((await a.handle.db.selectFrom('interactions').select(['id', 'visibility']).where('tenant_id', '=', a.tenantId).execute()).map((r) => [r.id, r.visibility]));
    expect(byPerson.interactions.map((h) => visibility.get(h.id))).toEqual(Array(50).fill('metadata'));
    // Their holder finds the newest of them whole.
    const holder = await searchRecords(a.scope, rep(), { q: 'hinnoittelumalli', kinds: ['interaction'], limit: 2 });
    expect(holder.interactions.map((h) => h.title)).toEqual([`Hinnoittelumalli salainen ${LAST}`, `Hinnoittelumalli salainen ${LAST - 1}`]);
  });
});
