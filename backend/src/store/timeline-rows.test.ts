// The timeline rows are a copy: after every kind of write (log, merge of copies, change, visibility, removal,
// relink, a mailbox letting go, contacts found, anonymising, purge) the page read from them must equal the page
// computed from the source tables, for every viewer and filter, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { makeTenant, T0, type FixtureTenant } from '../../../test/support/fixtures.ts';
import type { Db } from './connect.ts';
import { createAccount } from './accounts.ts';
import { timelinePageFromSources, type InteractionInput, type TimelineQuery } from './interactions.ts';
import { fillUnbuiltTimelineRows, rebuildTimelineRows, timelinePage } from './timeline-rows.ts';
import { inTransaction } from './scope.ts';
import { setVisibilityOf } from './thread-visibility.ts';
import { dropHolds } from './sync-items.ts';
import { setParticipantContacts } from './review.ts';
import { anonymiseInteractions, purgeRemovedBefore } from './retention.ts';
import { createContact } from './contacts.ts';
import { mergeAndLoad } from '../use-cases/interactions/merge-interaction-copies.ts';
import { changeInteraction } from '../use-cases/interactions/change-interaction.ts';
import { removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import { linkToAccount } from '../use-cases/interactions/relink-unmatched.ts';
import type { Visibility } from '../domain/types.ts';
import { interactionAccess, viewOf } from '../domain/interaction-access.ts';
import { interactionAnswer, timelineItemAnswer } from '../domain/timeline-item.ts';

describe.each(testDatabases())('timeline rows on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let a: FixtureTenant;
  let accX: string;
  let accY: string;
  const ids: Record<string, string> = {};

  const item = (key: string, at: number, visibility: Visibility, holder: 'rep' | 'rep2', extra: Partial<InteractionInput> = {}): InteractionInput => ({
    kind: key.startsWith('call') ? 'call' : 'email', direction: 'inbound', occurredAt: at, subject: `Subject ${key}`, snippet: `Snippet ${key}`, note: null,
    durationMinutes: null,
    participants: [
      { role: 'from', address: `${key}@buyer-x.fi`, displayName: `Buyer ${key}`, userId: null, contactId: null },
      { role: 'to', address: a.users[holder].email, displayName: holder, userId: a.users[holder].id, contactId: null },
    ],
    accountIds: [accX], opportunityId: null, source: 'sync', visibility,
    holders: [{ userId: a.users[holder].id, relation: 'holds', at }], externalKey: `msgid:${key}@buyer-x.fi`, ...extra,
  });

  /** Every viewer, filter and page of both accounts: the rows' answer and the source tables' answer agree. */
  async function expectSameAsSources() {
    for (const accountId of [accX, accY]) {
      for (const viewer of Object.values(a.users)) {
        const filters: Partial<TimelineQuery>[] = [{}, { kinds: ['call'] }, { userId: a.users.rep2.id }, { userId: a.users.rep.id, kinds: ['email'] }];
        if (ids.contact) filters.push({ contactId: ids.contact });
        for (const filter of filters) {
          let before: TimelineQuery['before'];
          for (let pages = 0; pages < 20; pages++) {
            const q: TimelineQuery = { accountId, viewerId: viewer.id, limit: 3, ...filter, ...(before ? { before } : {}) };
            const [fromRows, fromSources] = await Promise.all([timelinePage(a.scope, q), timelinePageFromSources(a.scope, q)]);
            expect(fromRows.next, `${viewer.displayName} ${JSON.stringify(filter)} page ${pages}`).toEqual(fromSources.next);
            // Byte for byte what the route serialises for this viewer: the stored answers with their slots filled,
            // against the source tables' interactions through viewOf and interactionAnswer.
            const who = { userId: viewer.id, role: viewer.role };
            const rowsAnswer = fromRows.items.flatMap((e) => {
              const { see } = interactionAccess(who, { visibility: e.visibility, holders: e.holderIds.map((userId) => ({ userId, relation: 'holds' as const, at: 0 })) });
              return see === 'none' ? [] : [timelineItemAnswer(e.item, see, new Map())];
            });
            const sourcesAnswer = fromSources.items.flatMap((i) => { const v = viewOf(who, i); return v ? [JSON.stringify(interactionAnswer(v, new Map()))] : []; });
            expect(rowsAnswer.length).toBe(fromRows.items.length);
            expect(`[${rowsAnswer.join(',')}]`, `${viewer.displayName} ${JSON.stringify(filter)} page ${pages}`).toBe(`[${sourcesAnswer.join(',')}]`);
            if (!fromRows.next) break;
            before = fromRows.next;
          }
        }
      }
    }
  }

  const visibleTo = async (who: 'rep' | 'rep2', accountId = accX) =>
    (await timelinePage(a.scope, { accountId, viewerId: a.users[who].id, limit: 100 })).items.map((i) => i.id);

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    a = await makeTenant(handle, 'seller-a.fi');
    const mk = (name: string, domain: string) =>
      createAccount(a.scope, { name, domains: [domain], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0);
    accX = (await mk('Buyer X', 'buyer-x.fi')).id;
    accY = (await mk('Buyer Y', 'buyer-y.fi')).id;
    const stored = await mergeAndLoad(a.scope, [
      item('e1', T0 + 1000, 'shared', 'rep'), item('e2', T0 + 2000, 'metadata', 'rep'), item('e3', T0 + 3000, 'private', 'rep'),
      item('e4', T0 + 3000, 'shared', 'rep2'), item('call5', T0 + 4000, 'metadata', 'rep2'), item('e6', T0 + 5000, 'private', 'rep2'),
      item('e7', T0 + 6000, 'shared', 'rep'), item('call8', T0 + 7000, 'shared', 'rep'),
    ], T0 + 10_000);
    stored.forEach((s, n) => { ids[['e1', 'e2', 'e3', 'e4', 'call5', 'e6', 'e7', 'call8'][n]!] = s.interaction.id; });
  });
  afterAll(async () => dispose());

  it('are written with the interaction and read as the source tables would answer', async () => {
    await expectSameAsSources();
    expect(await visibleTo('rep2')).not.toContain(ids.e3);
    expect(await visibleTo('rep')).toContain(ids.e3);
  });

  it('follow a merge of copies: a colleague whose mailbox holds it now sees the private one', async () => {
    await mergeAndLoad(a.scope, [item('e3', T0 + 3000, 'private', 'rep2')], T0 + 11_000);
    expect(await visibleTo('rep2')).toContain(ids.e3);
    await expectSameAsSources();
  });

  it('follow a change of note and of visibility', async () => {
    await changeInteraction(a.scope, { userId: a.users.rep.id, role: 'rep' }, ids.e1!, { note: 'Called back', visibility: 'private' }, T0 + 12_000);
    expect(await visibleTo('rep2')).not.toContain(ids.e1);
    await changeInteraction(a.scope, { userId: a.users.rep.id, role: 'rep' }, ids.e1!, { visibility: 'metadata' }, T0 + 12_500);
    expect(await visibleTo('rep2')).toContain(ids.e1);
    await inTransaction(a.scope, (tx) => setVisibilityOf(tx, [ids.e7!], 'private', T0 + 13_000));
    expect(await visibleTo('rep2')).not.toContain(ids.e7);
    await expectSameAsSources();
  });

  it('follow a relink to another account and contacts found for its addresses', async () => {
    await inTransaction(a.scope, (tx) => linkToAccount(tx, [ids.e2!, ids.call8!], accY));
    expect(await visibleTo('rep', accY)).toEqual([ids.call8, ids.e2]);
    const contact = await createContact(a.scope, { name: 'Buyer Two', emails: ['e2@buyer-x.fi'], phones: [], title: null, accountId: accX, ownerId: null }, null, T0);
    ids.contact = contact.id;
    await inTransaction(a.scope, (tx) => setParticipantContacts(tx, [ids.e2!], new Map([['e2@buyer-x.fi', contact.id]])));
    expect((await timelinePage(a.scope, { accountId: accX, viewerId: a.users.rep.id, limit: 10, contactId: contact.id })).items.map((i) => i.id)).toEqual([ids.e2]);
    await expectSameAsSources();
  });

  it('follow a mailbox letting go, a removal and anonymising; a purge takes the rows with it', async () => {
    await inTransaction(a.scope, (tx) => dropHolds(tx, a.users.rep2.id, [ids.e3!]));
    expect(await visibleTo('rep2')).not.toContain(ids.e3);
    await removeInteraction(a.scope, { userId: a.users.rep2.id, role: 'rep' }, { id: ids.e4!, reason: null }, T0 + 14_000);
    expect(await visibleTo('rep')).not.toContain(ids.e4);
    await inTransaction(a.scope, (tx) => anonymiseInteractions(tx, [ids.call5!], T0 + 15_000));
    await expectSameAsSources();
    await purgeRemovedBefore(a.scope, T0 + 100_000);
    const left = await handle.db.selectFrom('timeline_rows').select('interaction_id').where('tenant_id', '=', a.tenantId).where('interaction_id', '=', ids.e4!).execute();
    expect(left).toEqual([]);
    await expectSameAsSources();
  });

  it('are what a rebuild from scratch gives, and migration 015 backfill builds the same rows', async () => {
    const snapshot = () => handle.db.selectFrom('timeline_rows').selectAll().where('tenant_id', '=', a.tenantId).orderBy('account_id').orderBy('occurred_at').orderBy('interaction_id').execute();
    const kept = await snapshot();
    expect(kept.length).toBeGreaterThan(5);
    await inTransaction(a.scope, (tx) => rebuildTimelineRows(tx, Object.values(ids)));
    expect(await snapshot()).toEqual(kept);
    // As the migration leaves them: keys only, private to nobody, until the fill that migrateToLatest runs.
    await handle.db.updateTable('timeline_rows').set({ item: null, visibility: 'private', holder_ids: '', user_ids: '', contact_ids: '' }).where('tenant_id', '=', a.tenantId).execute();
    expect(await visibleTo('rep')).toEqual([]);
    expect(await fillUnbuiltTimelineRows(handle.db, handle.dialect)).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(kept);
  });
});
