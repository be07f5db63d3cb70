import { createAccount as createStoredAccount } from './store/accounts.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../test/support/api-harness.ts';
import type { Db } from './store/connect.ts';
import { BAD_TOKEN_REASONS, type BadTokenKind } from '../../test/support/test-issuer.ts';

describe.each(testDatabases())('API on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let rep: Harness['a']['users']['rep'];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    rep = h.a.users.rep;
  });
  afterAll(async () => dispose());

  const asRep = () => [h.a, h.a.users.rep] as [Harness['a'], typeof rep];
  const asManager = () => [h.a, h.a.users.manager] as [Harness['a'], typeof rep];
  const asAdmin = () => [h.a, h.a.users.admin] as [Harness['a'], typeof rep];
  const asOther = () => [h.b, h.b.users.admin] as [Harness['a'], typeof rep];

  it('answers health and readiness without a token', async () => {
    expect((await h.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await h.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', migrations: 'applied', database: database.name });
  });

  it('publishes an OpenAPI document generated from the validators, and a docs page', async () => {
    const doc = await h.call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/accounts', '/accounts/{id}/timeline', '/interactions', '/match', '/pipeline', '/care/overdue', '/settings']));
    expect(doc.body.components.schemas.AccountCreate.properties.tier.enum).toEqual(['A', 'B', 'C', 'D']);
    const docs = await h.call('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('/api/accounts/{id}/timeline');
  });

  it('refuses requests without a token, as problem+json', async () => {
    const r = await h.call('GET', '/api/me');
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 401, title: 'Sign-in required' });
    expect(r.headers.get('www-authenticate')).toContain('Bearer');
  });

  it.each(Object.keys(BAD_TOKEN_REASONS) as BadTokenKind[])('refuses a bad token: %s', async (kind) => {
    const token = await h.issuer.bad(kind, { oid: rep.entraObjectId, username: rep.email, name: rep.displayName });
    const r = await h.call('GET', '/api/me', { as: token });
    expect(r.status).toBe(401);
    expect(r.body.detail).toBeTruthy();
  });

  it('knows who you are from the token: /api/me', async () => {
    const r = await h.call('GET', '/api/me', { as: asManager() });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: { id: h.a.users.manager.id, role: 'manager' }, tenant: { name: 'Seller A Oy' } });
  });

  it('creates, reads, updates and searches accounts', async () => {
    const created = await h.call('POST', '/api/accounts', {
      as: asRep(),
      body: { name: 'Kivimäki Logistics Oy', domains: ['Kivimaki-Logistics.fi', 'kivimaki.com'], tier: 'A', lifecycle: 'customer', industry: 'Logistics' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Kivimäki Logistics Oy', domains: ['kivimaki-logistics.fi', 'kivimaki.com'], ownerId: rep.id, tier: 'A' });
    expect(created.body.care).toMatchObject({ cadenceDays: 14, lastContactAt: null });
    ids.account = created.body.id;
    const read = await h.call('GET', `/api/accounts/${ids.account}`, { as: asRep() });
    expect(read.body).toMatchObject({ id: ids.account, owner: { id: rep.id }, careByUser: [], latestFeedback: { nps: null, csat: null } });
    const patched = await h.call('PATCH', `/api/accounts/${ids.account}`, { as: asRep(), body: { region: 'Pirkanmaa' } });
    expect(patched.status).toBe(200);
    expect(patched.body.region).toBe('Pirkanmaa');
    const found = await h.call('GET', '/api/accounts?q=kivim&tier=A,B&sort=name', { as: asRep() });
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({ id: ids.account, openPipelineCents: 0 });
    const mine = await h.call('GET', '/api/accounts?ownerId=me', { as: asRep() });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(ids.account);
  });

  it('explains bad input field by field and writes nothing', async () => {
    const r = await h.call('POST', '/api/accounts', { as: asRep(), body: { name: '', domains: ['not a domain'], tier: 'E' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'domains.0', 'tier']));
    expect(r.body.errors.find((e: { field: string }) => e.field === 'domains.0').message).toMatch(/domain name/);
    const bad = await h.call('POST', '/api/accounts', { as: asRep(), raw: '{"name": "Broken', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/JSON/);
    const form = await h.call('POST', '/api/accounts', { as: asRep(), raw: 'name=Broken', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.body.detail).toMatch(/Content-Type: application\/json/);
    const q = await h.call('GET', '/api/accounts?limit=100000&tier=Z', { as: asRep() });
    expect(q.status).toBe(400);
    expect(q.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['limit', 'tier.0']));
    expect((await h.call('GET', '/api/accounts?q=Broken', { as: asRep() })).body.total).toBe(0);
  });

  it('refuses a body over the limit with 413', async () => {
    const r = await h.call('POST', '/api/accounts', { as: asRep(), body: { name: 'x'.repeat(70 * 1024) } });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ status: 413, title: 'Request too large' });
  });

  it('lets the owner change their account’s tier, and leaves owner changes (and others’ tiers) to managers', async () => {
    const own = await h.call('PATCH', `/api/accounts/${ids.account}`, { as: asRep(), body: { tier: 'A' } });
    expect(own.status).toBe(200);
    const r = await h.call('PATCH', `/api/accounts/${ids.account}`, { as: asRep(), body: { ownerId: h.a.users.rep2.id } });
    expect(r.status).toBe(403);
    expect(r.body.detail).toMatch(/manager/);
    const m = await h.call('PATCH', `/api/accounts/${ids.account}`, { as: asManager(), body: { tier: 'B', ownerId: h.a.users.rep2.id } });
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ tier: 'B', ownerId: h.a.users.rep2.id });
    const other = await h.call('PATCH', `/api/accounts/${ids.account}`, { as: asRep(), body: { region: 'Uusimaa' } });
    expect(other.status).toBe(403);
  });

  it('creates contacts; an address belongs to one contact', async () => {
    const c = await h.call('POST', '/api/contacts', {
      as: asRep(), body: { name: 'Liisa Ostaja', emails: ['Liisa.Ostaja@Kivimaki-Logistics.fi'], phones: ['+358 40 123 4567'], title: 'Hankintapäällikkö', accountId: ids.account },
    });
    expect(c.status).toBe(201);
    expect(c.body.emails).toEqual(['liisa.ostaja@kivimaki-logistics.fi']);
    ids.contact = c.body.id;
    const dup = await h.call('POST', '/api/contacts', { as: asRep(), body: { name: 'Liisa O', emails: ['liisa.ostaja@kivimaki-logistics.fi'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toMatch(/already belongs to another contact/);
    const list = await h.call('GET', `/api/accounts/${ids.account}/contacts`, { as: asRep() });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([ids.contact]);
    const bad = await h.call('POST', '/api/contacts', { as: asRep(), body: { name: 'X', emails: ['nope'], phones: ['call me'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['emails.0', 'phones.0']));
  });

  it('matches addresses: contact, account by domain, colleague, public provider, unknown with suggestions', async () => {
    const r = await h.call('POST', '/api/match', {
      as: asRep(),
      body: {
        addresses: [
          { address: 'LIISA.OSTAJA@kivimaki-logistics.fi', displayName: 'Liisa Ostaja' },
          { address: 'jussi@mail.kivimaki-logistics.fi', displayName: 'Jussi Varasto' },
          { address: 'rep2@seller-a.fi', displayName: null },
          { address: 'someone@gmail.com', displayName: 'Some One' },
          { address: 'pekka.uusi@uusi-asiakas.fi', displayName: 'Uusi, Pekka' },
          { address: 'no-reply@kivimaki-logistics.fi', displayName: null },
        ],
      },
    });
    expect(r.status).toBe(200);
    const [contact, byDomain, colleague, personal, unknown, automated] = r.body.results;
    expect(contact).toMatchObject({ kind: 'contact', contactId: ids.contact, accountIds: [ids.account] });
    expect(byDomain).toMatchObject({ kind: 'account', accountIds: [ids.account], contactId: null });
    expect(byDomain.suggestion.newContact).toMatchObject({ name: 'Jussi Varasto', accountId: ids.account });
    expect(colleague).toMatchObject({ kind: 'colleague', userId: h.a.users.rep2.id });
    expect(personal.kind).toBe('personal');
    expect(personal.suggestion?.newAccount ?? null).toBeNull();
    expect(unknown).toMatchObject({ kind: 'unknown', suggestion: { newAccount: { domain: 'uusi-asiakas.fi' }, newContact: { name: 'Pekka Uusi' } } });
    expect(automated.automated).toBe(true);
    expect(r.body.accounts.map((a: { id: string }) => a.id)).toEqual([ids.account]);
    expect(r.body.contacts.map((c: { id: string }) => c.id)).toEqual([ids.contact]);
  });

  it('reports an address that fits two accounts as ambiguous', async () => {
    await h.call('POST', '/api/accounts', { as: asRep(), body: { name: 'Twin One', domains: ['twins.fi'] } });
    // The API now refuses a second account for one domain (409 domain-taken); data from before that rule can still hold one.
    await createStoredAccount(h.a.scope, { name: 'Twin Two', domains: ['twins.fi'], tier: 'C', lifecycle: 'prospect', ownerId: null, industry: null, size: null, region: null }, null, h.clock.now);
    const r = await h.call('POST', '/api/match', { as: asRep(), body: { addresses: [{ address: 'x@twins.fi' }] } });
    expect(r.body.results[0].kind).toBe('ambiguous');
    expect(r.body.results[0].accountIds).toHaveLength(2);
    const log = await h.call('POST', '/api/interactions', {
      as: asRep(), body: { kind: 'email', internetMessageId: '<amb-1@twins.fi>', participants: [{ role: 'from', address: 'x@twins.fi' }, { role: 'to', address: rep.email }] },
    });
    expect(log.status).toBe(422);
    expect(log.body.detail).toMatch(/more than one account/);
  });

  it('logs an email once, however many colleagues log it', async () => {
    const email = {
      kind: 'email', occurredAt: h.clock.now - 3_600_000, subject: 'Tarjouspyyntö: trukit 2027', internetMessageId: '<CAF=abc123@mail.kivimaki-logistics.fi>',
      participants: [{ role: 'from', address: 'liisa.ostaja@kivimaki-logistics.fi', displayName: 'Liisa Ostaja' }, { role: 'to', address: rep.email }],
      note: 'Wants an offer by Friday',
    };
    const first = await h.call('POST', '/api/interactions', { as: asRep(), body: email });
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.interaction).toMatchObject({ kind: 'email', direction: 'inbound', accountIds: [ids.account], visibility: 'shared', externalKey: 'msgid:CAF=abc123@mail.kivimaki-logistics.fi' });
    expect(first.body.interaction.participants[0]).toMatchObject({ contactId: ids.contact });
    expect(first.body.interaction.participants[1]).toMatchObject({ userId: rep.id });
    ids.interaction = first.body.interaction.id;
    const again = await h.call('POST', '/api/interactions', { as: [h.a, h.a.users.rep2], body: { ...email, internetMessageId: 'CAF=abc123@mail.kivimaki-logistics.fi', note: null } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, interaction: { id: ids.interaction } });
    expect(again.body.interaction.holders.map((x: { userId: string }) => x.userId).sort()).toEqual([rep.id, h.a.users.rep2.id].sort());
    const timeline = await h.call('GET', `/api/accounts/${ids.account}/timeline`, { as: asRep() });
    expect(timeline.body.items.map((x: { id: string }) => x.id)).toEqual([ids.interaction]);
    const lookup = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent('<CAF=abc123@mail.kivimaki-logistics.fi>')}`, { as: asRep() });
    expect(lookup.body.id).toBe(ids.interaction);
    const account = await h.call('GET', `/api/accounts/${ids.account}`, { as: asRep() });
    expect(account.body.lastContactAt).toBe(email.occurredAt);
    expect(account.body.careByUser.map((x: { userId: string }) => x.userId).sort()).toEqual([rep.id, h.a.users.rep2.id].sort());
  });

  it('refuses to log internal-only mail as customer contact', async () => {
    const r = await h.call('POST', '/api/interactions', {
      as: asRep(), body: { kind: 'email', internetMessageId: '<int-1@seller-a.fi>', participants: [{ role: 'from', address: rep.email }, { role: 'to', address: 'manager@seller-a.fi' }] },
    });
    expect(r.status).toBe(422);
    expect(r.body.detail).toMatch(/colleague/);
  });

  it('pages the timeline with an opaque cursor and filters by kind', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await h.call('POST', '/api/interactions', {
        as: asRep(), body: { kind: 'call', occurredAt: h.clock.now - (10 + i) * 86_400_000, durationMinutes: 15, accountIds: [ids.account], note: `Call ${i}` },
      });
      expect(r.status).toBe(201);
      ids.call = r.body.interaction.id;
    }
    const p1 = await h.call('GET', `/api/accounts/${ids.account}/timeline?limit=4`, { as: asRep() });
    expect(p1.body.items).toHaveLength(4);
    const p2 = await h.call('GET', `/api/accounts/${ids.account}/timeline?limit=4&cursor=${p1.body.next}`, { as: asRep() });
    expect(p2.body.items).toHaveLength(2);
    expect(p2.body.next).toBeNull();
    const calls = await h.call('GET', `/api/accounts/${ids.account}/timeline?kind=call`, { as: asRep() });
    expect(calls.body.items.every((x: { kind: string }) => x.kind === 'call')).toBe(true);
    const bad = await h.call('GET', `/api/accounts/${ids.account}/timeline?cursor=garbage`, { as: asRep() });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cursor');
  });

  it('rates who knows the account and its contacts, and how strongly', async () => {
    const r = await h.call('GET', `/api/accounts/${ids.account}/relationships`, { as: asRep() });
    expect(r.status).toBe(200);
    const me = r.body.colleagues.find((x: { userId: string }) => x.userId === rep.id);
    const other = r.body.colleagues.find((x: { userId: string }) => x.userId === h.a.users.rep2.id);
    expect(me).toMatchObject({ emailsIn: 1, emailsOut: 0, calls: 5, meetings: 0 });
    expect(other).toMatchObject({ emailsIn: 1, calls: 0 });
    expect(me.strength).toBeGreaterThan(other.strength); // the calls weigh in
    expect(r.body.contacts.map((x: { contactId: string; userId: string }) => [x.contactId, x.userId]).sort()).toEqual([[ids.contact, rep.id], [ids.contact, h.a.users.rep2.id]].sort());
  });

  it('shows colleagues only the metadata of a metadata-only interaction; holders decide visibility', async () => {
    const r = await h.call('PATCH', `/api/interactions/${ids.interaction}`, { as: asManager(), body: { visibility: 'metadata' } });
    expect(r.status).toBe(403);
    const own = await h.call('PATCH', `/api/interactions/${ids.interaction}`, { as: asRep(), body: { visibility: 'metadata' } });
    expect(own.status).toBe(200);
    const seen = await h.call('GET', `/api/interactions/${ids.interaction}`, { as: asManager() });
    expect(seen.body).toMatchObject({ redacted: true, subject: null, note: null, kind: 'email' });
    const holder = await h.call('GET', `/api/interactions/${ids.interaction}`, { as: asRep() });
    expect(holder.body).toMatchObject({ redacted: false, subject: 'Tarjouspyyntö: trukit 2027' });
    const priv = await h.call('PATCH', `/api/interactions/${ids.interaction}`, { as: asRep(), body: { visibility: 'private' } });
    expect(priv.status).toBe(200);
    expect((await h.call('GET', `/api/interactions/${ids.interaction}`, { as: asManager() })).status).toBe(404);
    await h.call('PATCH', `/api/interactions/${ids.interaction}`, { as: asRep(), body: { visibility: 'shared' } });
  });

  it('runs the pipeline: create with lines, move stage, summary with weighted forecast', async () => {
    const o = await h.call('POST', '/api/opportunities', {
      as: asRep(), body: { accountId: ids.account, name: 'Trukit 2027', lines: [{ product: 'Forklift lease', quantity: 4, unitPrice: 250_000 }], expectedCloseDate: '2027-02-28' },
    });
    expect(o.status).toBe(201);
    expect(o.body).toMatchObject({ value: 1_000_000, stage: 'identified', probability: 10, weightedValue: 100_000, currency: 'EUR' });
    ids.opportunity = o.body.id;
    const moved = await h.call('POST', `/api/opportunities/${ids.opportunity}/stage`, { as: asRep(), body: { stage: 'negotiation' } });
    expect(moved.body).toMatchObject({ stage: 'negotiation', probability: 75 });
    const p = await h.call('GET', '/api/pipeline', { as: asRep() });
    expect(p.body.stages.find((s: { stage: string }) => s.stage === 'negotiation')).toMatchObject({ count: 1, valueCents: 1_000_000, weightedCents: 750_000 });
    expect(p.body.weightedForecastCents).toBe(750_000);
    const badDate = await h.call('POST', '/api/opportunities', { as: asRep(), body: { accountId: ids.account, name: 'X', expectedCloseDate: '31.12.2027' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0]).toMatchObject({ field: 'expectedCloseDate' });
    const accounts = await h.call('GET', '/api/accounts?sort=pipeline', { as: asRep() });
    expect(accounts.body.items[0]).toMatchObject({ id: ids.account, openPipelineCents: 1_000_000 });
  });

  it('records feedback with range checks per kind', async () => {
    const bad = await h.call('POST', `/api/accounts/${ids.account}/feedback`, { as: asRep(), body: { kind: 'csat', score: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'score', message: 'CSAT scores run from 1 to 5' });
    const ok = await h.call('POST', `/api/accounts/${ids.account}/feedback`, { as: asRep(), body: { kind: 'nps', score: 9, contactId: ids.contact, comment: 'Toimitukset pelaavat' } });
    expect(ok.status).toBe(201);
    expect((await h.call('GET', `/api/accounts/${ids.account}`, { as: asRep() })).body.latestFeedback.nps).toMatchObject({ score: 9 });
  });

  it('lists overdue accounts by cadence', async () => {
    const stale = await h.call('POST', '/api/accounts', { as: asManager(), body: { name: 'Hiljainen Oy', domains: ['hiljainen.fi'], tier: 'A', lifecycle: 'customer' } });
    await h.call('POST', '/api/interactions', { as: asRep(), body: { kind: 'meeting', occurredAt: h.clock.now - 40 * 86_400_000, durationMinutes: 60, accountIds: [stale.body.id], iCalUId: 'ical-stale-1' } });
    const r = await h.call('GET', '/api/care/overdue', { as: asRep() });
    const item = r.body.items.find((x: { id: string }) => x.id === stale.body.id);
    expect(item.care).toMatchObject({ overdue: true, cadenceDays: 14 });
    expect(item.care.daysOverdue).toBeGreaterThanOrEqual(25);
    expect(r.body.items.find((x: { id: string }) => x.id === ids.account)).toBeUndefined();
  });

  it('lets only admins change tenant settings', async () => {
    const current = (await h.call('GET', '/api/settings', { as: asRep() })).body;
    expect(current.cadenceDays).toEqual({ A: 14, B: 30, C: 90, D: null });
    const denied = await h.call('PUT', '/api/settings', { as: asManager(), body: current });
    expect(denied.status).toBe(403);
    const ok = await h.call('PUT', '/api/settings', { as: asAdmin(), body: { ...current, cadenceDays: { ...current.cadenceDays, A: 7 }, blockedDomains: ['union.fi'] } });
    expect(ok.status).toBe(200);
    expect(ok.body.cadenceDays.A).toBe(7);
    const bad = await h.call('PUT', '/api/settings', { as: asAdmin(), body: { ...current, cadenceDays: { ...current.cadenceDays, B: 0 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cadenceDays.B');
  });

  it('soft-removes an interaction with an audit trail; only holders or managers may', async () => {
    const other = await h.call('DELETE', `/api/interactions/${ids.interaction}`, { as: [h.a, h.a.users.rep2] });
    expect(other.status).toBe(204); // rep2 holds it (logged it too)
    expect((await h.call('GET', `/api/interactions/${ids.interaction}`, { as: asRep() })).status).toBe(404);
    const relog = await h.call('GET', `/api/interactions/lookup?internetMessageId=CAF%3Dabc123%40mail.kivimaki-logistics.fi`, { as: asRep() });
    expect(relog.status).toBe(404);
  });

  it('never reveals another tenant’s records: 404 for every id route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/accounts/${ids.account}`],
      ['PATCH', `/api/accounts/${ids.account}`, { region: 'X' }],
      ['GET', `/api/accounts/${ids.account}/timeline`],
      ['GET', `/api/accounts/${ids.account}/contacts`],
      ['GET', `/api/accounts/${ids.account}/relationships`],
      ['GET', `/api/interactions/${ids.call}`],
      ['PATCH', `/api/interactions/${ids.call}`, { note: 'x' }],
      ['DELETE', `/api/interactions/${ids.call}`],
      ['GET', `/api/accounts/${ids.account}/opportunities`],
      ['GET', `/api/accounts/${ids.account}/feedback`],
      ['POST', `/api/accounts/${ids.account}/feedback`, { kind: 'nps', score: 5 }],
      ['GET', `/api/contacts/${ids.contact}`],
      ['PATCH', `/api/contacts/${ids.contact}`, { name: 'X' }],
      ['GET', `/api/opportunities/${ids.opportunity}`],
      ['PATCH', `/api/opportunities/${ids.opportunity}`, { name: 'X' }],
      ['POST', `/api/opportunities/${ids.opportunity}/stage`, { stage: 'won' }],
      ['POST', '/api/opportunities', { accountId: ids.account, name: 'X' }],
      ['POST', '/api/contacts', { name: 'X', accountId: ids.account }],
      ['POST', '/api/interactions', { kind: 'note', accountIds: [ids.account], note: 'x' }],
    ];
    for (const [method, path, body] of routes) {
      const r = await h.call(method, path, { as: asOther(), ...(body ? { body } : {}) });
      expect([method, path, r.status]).toEqual([method, path, 404]);
      expect(r.body.detail).toMatch(/No .* with that id exists/);
    }
    const search = await h.call('GET', '/api/accounts?q=kivim', { as: asOther() });
    expect(search.body.total).toBe(0);
    // And the record is still whole for its own tenant.
    expect((await h.call('GET', `/api/accounts/${ids.account}`, { as: asRep() })).body.region).toBe('Pirkanmaa');
    expect((await h.call('GET', `/api/interactions/${ids.call}`, { as: asRep() })).body.note).toBe('Call 4');
  });
});
