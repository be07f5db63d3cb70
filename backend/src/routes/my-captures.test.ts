// A user's view of what the sync captured from their own mailbox, their blocklist and thread visibility from it,
// and the tenant's retention setting, through the API on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';
import { insertMailbox, type Mailbox } from '../store/mailboxes.ts';
import { upsertItemRefs } from '../store/sync-items.ts';
import { addSkipCounts } from '../store/skip-counts.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';

describe.each(testDatabases())('my captures and retention on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let mailbox: Mailbox;
  let accountId: string;
  let n = 0;
  const rep = () => [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
  const rep2 = () => [h.a, h.a.users.rep2] as [Harness['a'], Harness['a']['users']['rep']];
  const admin = () => [h.a, h.a.users.admin] as [Harness['a'], Harness['a']['users']['rep']];

  /** An email synced from the rep's Inbox in a thread. */
  const synced = async (at: number, from: string, subject: string, conversationId = `conv-${++n}`) => {
    const [r] = await mergeInteractionCopies(h.a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: at, subject, snippet: null, note: null, durationMinutes: null,
      participants: [{ role: 'from', address: from, displayName: null, userId: null, contactId: null }],
      accountIds: [accountId], opportunityId: null, source: 'sync', visibility: 'metadata',
      holders: [{ userId: h.a.users.rep.id, relation: 'holds', at }], externalKey: `msgid:capture-${++n}@asiakas.fi`,
    }], at);
    await upsertItemRefs(h.a.scope, mailbox.id, 'mail:inbox', 1, [{ graphId: `g-${n}`, interactionId: r!.id, conversationId }]);
    return r!.id;
  };

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    accountId = (await h.call('POST', '/api/accounts', { as: rep(), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
    mailbox = await insertMailbox(h.a.scope, { id: 'mbx-rep', userId: h.a.users.rep.id, address: h.a.users.rep.email }, h.clock.now);
  });
  afterAll(async () => dispose());

  it('lists nothing for a user whose mailbox is not synced', async () => {
    const r = await h.call('GET', '/api/sync/my-captures', { as: rep2() });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ mailbox: null, skipped: {}, items: [], next: null });
  });

  it('pages what was captured from my mailbox newest first, in full, with the skips by reason', async () => {
    const older = await synced(h.clock.now - 3 * 3_600_000, 'pekka@kallio-rakennus.fi', 'Tarjous: runkourakka');
    const newer = await synced(h.clock.now - 3_600_000, 'laskutus@kallio-rakennus.fi', 'Lasku 1234');
    await addSkipCounts(h.a.scope, mailbox.id, { personal: 4, automated: 2 }, h.clock.now);
    const first = await h.call('GET', '/api/sync/my-captures?limit=1', { as: rep() });
    expect(first.status).toBe(200);
    expect(first.body.mailbox).toMatchObject({ id: mailbox.id, address: h.a.users.rep.email, blockedAddresses: [], blockedDomains: [] });
    expect(first.body.skipped).toEqual({ automated: 2, personal: 4 });
    expect(first.body.items).toEqual([{
      id: newer, kind: 'email', occurredAt: h.clock.now - 3_600_000, subject: 'Lasku 1234', visibility: 'metadata', inThread: true,
      accounts: [{ id: accountId, name: 'Kallio Rakennus Oy' }],
    }]);
    const second = await h.call('GET', `/api/sync/my-captures?limit=1&cursor=${first.body.next}`, { as: rep() });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([older]);
    // A colleague sees only their own mailbox's captures: none.
    expect((await h.call('GET', '/api/sync/my-captures', { as: rep2() })).body.items).toEqual([]);
    expect((await h.call('GET', '/api/sync/my-captures?cursor=nonsense', { as: rep() })).status).toBe(400);
  });

  it('keeps a captured thread private, then shares it, and blocking an address takes its mail off the list', async () => {
    const id = await synced(h.clock.now - 1000, 'oma.laakari@terveys.fi', 'Ajanvaraus');
    const priv = await h.call('PUT', `/api/interactions/${id}/thread-visibility`, { as: rep(), body: { visibility: 'private' } });
    expect(priv.status).toBe(200);
    let list = await h.call('GET', '/api/sync/my-captures', { as: rep() });
    expect(list.body.items.find((i: { id: string }) => i.id === id).visibility).toBe('private');
    await h.call('PUT', `/api/interactions/${id}/thread-visibility`, { as: rep(), body: { visibility: 'shared' } });
    list = await h.call('GET', '/api/sync/my-captures', { as: rep() });
    expect(list.body.items.find((i: { id: string }) => i.id === id).visibility).toBe('shared');
    const blocked = await h.call('PUT', '/api/sync/my-blocklist', { as: rep(), body: { blockedAddresses: [], blockedDomains: ['terveys.fi'] } });
    expect(blocked.status).toBe(200);
    list = await h.call('GET', '/api/sync/my-captures', { as: rep() });
    expect(list.body.mailbox.blockedDomains).toEqual(['terveys.fi']);
    expect(list.body.items.some((i: { id: string }) => i.id === id)).toBe(false);
  });

  it('saves the tenant’s retention, keeps it when a client leaves it out, and refuses a nonsense one', async () => {
    const current = (await h.call('GET', '/api/settings', { as: admin() })).body;
    expect(current.retention).toEqual({ months: null, action: 'anonymise' });
    const saved = await h.call('PUT', '/api/settings', { as: admin(), body: { ...current, retention: { months: 36, action: 'delete' } } });
    expect(saved.status).toBe(200);
    expect(saved.body.retention).toEqual({ months: 36, action: 'delete' });
    const { retention: _left, ...older } = current;
    expect((await h.call('PUT', '/api/settings', { as: admin(), body: { ...older, minutesPerEmail: 6 } })).body.retention).toEqual({ months: 36, action: 'delete' });
    const bad = await h.call('PUT', '/api/settings', { as: admin(), body: { ...current, retention: { months: 0, action: 'shred' } } });
    expect(bad.status).toBe(400);
    expect((await h.call('PUT', '/api/settings', { as: rep(), body: current })).status).toBe(403);
  });
});
