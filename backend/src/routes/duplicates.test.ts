// Duplicates over HTTP on both databases: the 409 before a likely duplicate, the suggestions with their evidence,
// who may merge, what a merge moves, and that a merged id still leads to the survivor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.each(testDatabases())('duplicates on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (key: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];
  const email = (id: string, from: string, at: number, followUpOn: string | null = null) => ({
    kind: 'email', source: 'addin', subject: `Tarjous ${id}`, occurredAt: at, internetMessageId: `<${id}@x>`, followUpOn,
    participants: [{ role: 'from', address: from, displayName: null }, { role: 'to', address: 'rep@seller-a.fi', displayName: null }],
  });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('answers a likely duplicate account with 409 and the candidates; a taken domain cannot be overridden', async () => {
    const first = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Järvi Logistiikka Oy', domains: ['jarvi-log.fi'] } })).body;
    const similar = await h.call('POST', '/api/accounts', { as: as('rep2'), body: { name: 'Jarvi Logistiikka', domains: [] } });
    expect(similar.status).toBe(409);
    expect(similar.headers.get('content-type')).toContain('application/problem+json');
    expect(similar.body.type).toMatch(/\/likely-duplicate$/);
    expect(similar.body.detail).toContain('Järvi Logistiikka Oy');
    expect(similar.body.duplicates).toEqual([{ id: first.id, name: 'Järvi Logistiikka Oy', reasons: ['similar name'] }]);
    expect((await h.call('POST', '/api/accounts', { as: as('rep2'), body: { name: 'Jarvi Logistiikka', allowDuplicate: true } })).status).toBe(201);

    const taken = await h.call('POST', '/api/accounts', { as: as('rep2'), body: { name: 'JL Kuljetus', domains: ['JARVI-LOG.fi'], allowDuplicate: true } });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/\/domain-taken$/);
    expect(taken.body.detail).toContain('Järvi Logistiikka Oy');
    expect(taken.body.duplicates[0]).toEqual({ id: first.id, name: 'Järvi Logistiikka Oy', reasons: ['same domain jarvi-log.fi'] });
    // The same rule on an edit: a second account cannot take the domain either.
    const other = (await h.call('POST', '/api/accounts', { as: as('rep2'), body: { name: 'Muu Yhtiö Oy' } })).body;
    expect((await h.call('PATCH', `/api/accounts/${other.id}`, { as: as('rep2'), body: { domains: ['jarvi-log.fi'] } })).status).toBe(409);
    expect((await h.call('PATCH', `/api/accounts/${first.id}`, { as: as('rep'), body: { domains: ['jarvi-log.fi', 'jarvilog.com'] } })).status).toBe(200);
  });

  it('answers a likely duplicate contact at the same account with 409, not a namesake elsewhere', async () => {
    const acc = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kivimäki Oy', domains: ['kivimaki.fi'] } })).body;
    const liisa = (await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Liisa Kivimäki', accountId: acc.id } })).body;
    const dup = await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Kivimäki, Liisa', accountId: acc.id } });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toMatch(/\/likely-duplicate$/);
    expect(dup.body.duplicates).toEqual([{ id: liisa.id, name: 'Liisa Kivimäki', reasons: ['same name at the same account'] }]);
    expect((await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Liisa Kivimäki' } })).status).toBe(201);
    const second = await h.call('POST', '/api/contacts', { as: as('rep'), body: { name: 'Kivimäki, Liisa', accountId: acc.id, emails: ['liisa@kivimaki.fi'], allowDuplicate: true } });
    expect(second.status).toBe(201);

    const suggestions = (await h.call('GET', `/api/duplicates?kind=contact&recordId=${second.body.id}`, { as: as('rep') })).body;
    expect(suggestions.items).toHaveLength(1);
    expect(suggestions.items[0].contacts.map((c: { id: string }) => c.id).sort()).toEqual([liisa.id, second.body.id].sort());

    // A rep merges contacts they own; the address and the phones move, the old id is an alias.
    const merged = await h.call('POST', `/api/contacts/${liisa.id}/merge`, { as: as('rep'), body: { mergeIds: [second.body.id], preview: false } });
    expect(merged.status).toBe(200);
    expect(merged.body.result.emails).toEqual(['liisa@kivimaki.fi']);
    expect(merged.body.moves).toMatchObject({ addresses: 1 });
    const old = await h.call('GET', `/api/contacts/${second.body.id}`, { as: as('rep') });
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe(`/api/contacts/${liisa.id}`);
  });

  it('lets only managers, admins or the owner of every account merge; previews, merges in one go and keeps the old id', async () => {
    const now = h.clock.now;
    const keep = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Aalto Infra Oy', domains: ['aalto-infra.fi'], tier: 'A' } })).body;
    h.clock.now += 1000; // the older record is the proposed survivor
    const dupe = (await h.call('POST', '/api/accounts', { as: as('rep2'), body: { name: 'Aalto Infra', domains: ['aaltoinfra.com'], tier: 'C', industry: 'Rakentaminen', allowDuplicate: true } })).body;
    const pekka = (await h.call('POST', '/api/contacts', { as: as('rep2'), body: { name: 'Pekka Aalto', emails: ['pekka@aaltoinfra.com'], accountId: dupe.id } })).body;
    const logged = await h.call('POST', '/api/interactions', { as: as('rep2'), body: email('m1', 'pekka@aaltoinfra.com', now - 2 * 86_400_000, iso(now + 86_400_000)) });
    expect(logged.status).toBe(201);
    expect(logged.body.interaction.accountIds).toEqual([dupe.id]);
    expect((await h.call('POST', '/api/opportunities', { as: as('rep2'), body: { accountId: dupe.id, name: 'Siltahanke', value: 50_000 } })).status).toBe(201);
    expect((await h.call('POST', `/api/accounts/${dupe.id}/feedback`, { as: as('rep2'), body: { kind: 'nps', score: 9 } })).status).toBe(201);

    const suggestions = (await h.call('GET', '/api/duplicates?kind=account', { as: as('manager') })).body;
    const pair = suggestions.items.find((s: { accounts: { id: string }[] }) => s.accounts[0]!.id === keep.id);
    expect(pair.accounts[1].id).toBe(dupe.id);
    expect(pair.evidence).toEqual([{ code: 'same-name', reason: 'same name' }]);
    expect((await h.call('GET', `/api/duplicates?kind=account&recordId=${keep.id}`, { as: as('rep') })).body.total).toBe(1);

    // Neither rep owns both; a preview is refused as the merge is.
    const body = { mergeIds: [dupe.id], preview: true };
    expect((await h.call('POST', `/api/accounts/${keep.id}/merge`, { as: as('rep'), body })).status).toBe(403);
    expect((await h.call('POST', `/api/accounts/${keep.id}/merge`, { as: as('rep2'), body })).status).toBe(403);
    expect((await h.call('POST', `/api/accounts/${keep.id}/merge`, { as: as('manager'), body: { mergeIds: [keep.id], preview: true } })).status).toBe(400);

    const preview = await h.call('POST', `/api/accounts/${keep.id}/merge`, { as: as('manager'), body });
    expect(preview.status).toBe(200);
    expect(preview.body.done).toBe(false);
    expect(preview.body.moves).toEqual({ interactions: 1, contacts: 1, opportunities: 1, feedback: 1, followUps: 1, domains: 1 });
    expect(preview.body.fields).toEqual([
      { field: 'name', survivor: 'Aalto Infra Oy', merged: 'Aalto Infra', keep: 'survivor' },
      { field: 'tier', survivor: 'A', merged: 'C', keep: 'survivor' },
      { field: 'ownerId', survivor: h.a.users.rep.id, merged: h.a.users.rep2.id, keep: 'survivor' },
      { field: 'industry', survivor: null, merged: 'Rakentaminen', keep: 'merged' },
    ]);
    expect(preview.body.result.domains).toEqual(['aalto-infra.fi', 'aaltoinfra.com']);
    // Nothing moved yet.
    expect((await h.call('GET', `/api/accounts/${dupe.id}`, { as: as('manager') })).status).toBe(200);

    const done = await h.call('POST', `/api/accounts/${keep.id}/merge`, { as: as('manager'), body: { ...body, preview: false, fields: { industry: 'survivor' } } });
    expect(done.status).toBe(200);
    expect(done.body.result).toMatchObject({ id: keep.id, name: 'Aalto Infra Oy', tier: 'A', industry: null, domains: ['aalto-infra.fi', 'aaltoinfra.com'], lastContactAt: now - 2 * 86_400_000 });
    expect(done.body.result.care.overdue).toBe(false);

    // The merged id answers with the survivor, for the record and for its timeline.
    const old = await h.call('GET', `/api/accounts/${dupe.id}`, { as: as('rep') });
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe(`/api/accounts/${keep.id}`);
    expect((await h.call('GET', `/api/accounts/${dupe.id}/timeline?limit=5`, { as: as('rep') })).headers.get('location')).toBe(`/api/accounts/${keep.id}/timeline?limit=5`);
    expect((await h.call('GET', `/api/accounts/no-such-id`, { as: as('rep') })).status).toBe(404);

    const timeline = (await h.call('GET', `/api/accounts/${keep.id}/timeline`, { as: as('rep2') })).body;
    expect(timeline.items.map((i: { id: string }) => i.id)).toContain(logged.body.interaction.id);
    expect((await h.call('GET', `/api/accounts/${keep.id}/contacts`, { as: as('rep') })).body.items.map((c: { id: string }) => c.id)).toEqual([pekka.id]);
    expect((await h.call('GET', `/api/accounts/${keep.id}/opportunities`, { as: as('rep') })).body.items).toHaveLength(1);
    expect((await h.call('GET', `/api/accounts/${keep.id}/feedback`, { as: as('rep') })).body.items).toHaveLength(1);
    expect((await h.call('GET', '/api/follow-ups', { as: as('rep2') })).body.items.map((f: { accountId: string }) => f.accountId)).toEqual([keep.id]);
    expect((await h.call('GET', '/api/accounts?q=aalto', { as: as('rep') })).body.items.map((a: { id: string }) => a.id)).toEqual([keep.id]);
    expect((await h.call('GET', '/api/duplicates?kind=account', { as: as('manager') })).body.items.some((s: { accounts: { id: string }[] }) => s.accounts.some((a) => a.id === dupe.id))).toBe(false);

    // New mail from the merged account's domain lands on the survivor.
    const later = await h.call('POST', '/api/interactions', { as: as('rep'), body: email('m2', 'pekka@aaltoinfra.com', now - 3_600_000) });
    expect(later.body.interaction.accountIds).toEqual([keep.id]);

    const audit = (await h.call('GET', `/api/audit?entityType=account&entityId=${keep.id}`, { as: as('admin') })).body.items;
    const entry = audit.find((e: { action: string }) => e.action === 'account.merge');
    expect(entry).toMatchObject({ actorId: h.a.users.manager.id, detail: { values: { from: dupe.id, interactions: 1, contacts: 1, opportunities: 1, feedback: 1, followUps: 1, domains: 1 } } });

    // Merging a merged id again is refused as "into itself" (it resolves to the survivor).
    expect((await h.call('POST', `/api/accounts/${keep.id}/merge`, { as: as('manager'), body })).status).toBe(400);
  });

  it('lets a rep merge two accounts they own both of and keep either tier (an owner may change their tier), never a colleague’s account', async () => {
    const a = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Mäkelä Koneistus Oy', tier: 'B' } })).body;
    const b = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Makela Koneistus', tier: 'C', allowDuplicate: true } })).body;
    const theirs = (await h.call('POST', '/api/accounts', { as: as('rep2'), body: { name: 'Makela Koneistus Ab', tier: 'C', allowDuplicate: true } })).body;
    expect((await h.call('POST', `/api/accounts/${a.id}/merge`, { as: as('rep'), body: { mergeIds: [theirs.id], preview: false } })).status).toBe(403);
    const r = await h.call('POST', `/api/accounts/${a.id}/merge`, { as: as('rep'), body: { mergeIds: [b.id], preview: false, fields: { name: 'merged', tier: 'merged' } } });
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ name: 'Makela Koneistus', tier: 'C' });
    // Another tenant's id is not found, never merged.
    const other = await h.call('POST', '/api/accounts', { as: [h.b, h.b.users.manager], body: { name: 'Toinen Oy' } });
    expect((await h.call('POST', `/api/accounts/${a.id}/merge`, { as: as('manager'), body: { mergeIds: [other.body.id], preview: true } })).status).toBe(404);
  });
});
