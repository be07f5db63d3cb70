// Real answers against the document: a representative call of every operation, each answer checked against
// the schema documented for its status and media type, with no property beyond the documented ones (so
// nothing a view did not name, tenantId least of all, reaches a client).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { operations, type Doc } from './openapi-walk.ts';

/**
 * A copy of the document in which every object schema with properties allows no others. An allOf of object
 * schemas (an extended one) is merged first, as a closed member would refuse its siblings' properties.
 */
function closed(doc: Doc): unknown {
  const schemas = doc.components.schemas as Record<string, Record<string, unknown>>;
  const resolve = (s: Record<string, unknown>) => (typeof s.$ref === 'string' ? schemas[s.$ref.replace('#/components/schemas/', '')]! : s);
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!node || typeof node !== 'object') return node;
    let n = node as Record<string, unknown>;
    const parts = Array.isArray(n.allOf) ? (n.allOf as Record<string, unknown>[]).map(resolve) : [];
    if (parts.length && parts.every((p) => p.type === 'object' && p.properties)) {
      const { allOf: _, ...rest } = n;
      n = {
        ...rest, type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties)),
        required: parts.flatMap((p) => (p.required as string[] | undefined) ?? []),
      };
    }
    const out: Record<string, unknown> = Object.fromEntries(Object.entries(n).map(([k, v]) => [k, close(v)]));
    if (out.type === 'object' && out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
    return out;
  };
  return close(doc);
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function findTenantId(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findTenantId(v, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'tenantId' ? [`${at}.${k}`] : findTenantId(v, `${at}.${k}`)));
}

describe.each(testDatabases())('API answers match the document on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let doc: Doc;
  let ajv: Ajv2020;
  const called = new Set<string>();

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    doc = (await h.call('GET', '/api/openapi.json')).body;
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'https://suhde.invalid/openapi.json', ...(closed(doc) as object) });
  });
  afterAll(async () => dispose());

  type As = 'rep' | 'rep2' | 'manager' | 'admin' | 'none';
  /** Calls `template` with its {params} filled in, and checks the answer against the document. */
  async function call(method: string, template: string, opts: { as?: As; params?: Record<string, string>; query?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const path = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(opts.params![k]!)) + (opts.query ? `?${opts.query}` : '');
    const as = opts.as ?? 'rep';
    const res = await h.call(method, `/api${path}`, {
      ...(as === 'none' ? {} : { as: [h.a, h.a.users[as]] as [Harness['a'], Harness['a']['users']['rep']] }),
      ...(opts.body !== undefined ? { body: opts.body } : {}),
      ...(opts.raw !== undefined ? { raw: opts.raw } : {}),
      ...(opts.headers ? { headers: opts.headers } : {}),
    });
    const where = `${method} ${template} → ${res.status}`;
    const op = doc.paths[template]?.[method.toLowerCase() as 'get'];
    expect(op, `${method} ${template} is documented`).toBeTruthy();
    called.add(`${method.toLowerCase()} ${template}`);
    const documented = op!.responses[String(res.status)];
    expect(documented, `${where}: status documented`).toBeTruthy();
    expect(findTenantId(res.body), where).toEqual([]);
    const media = Object.keys(documented!.content ?? {});
    if (res.status === 204) return res;
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    expect(media, `${where}: media type`).toContain(type);
    const validate = ajv.getSchema(`https://suhde.invalid/openapi.json#/${pointer('paths', template, method.toLowerCase(), 'responses', String(res.status), 'content', type, 'schema')}`)!;
    expect(validate(res.body) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`), where).toEqual([]);
    return res;
  }

  it('answers every operation as documented, with no field a view did not name', async () => {
    const now = h.clock.now;
    await call('GET', '/me');
    await call('GET', '/users');
    const settings = await call('GET', '/settings');
    await call('PUT', '/settings', { as: 'admin', body: settings.body });
    await call('PUT', '/settings', { body: settings.body });
    await call('GET', '/me', { as: 'none' });

    const account = await call('POST', '/accounts', { body: { name: 'Kivimäki Logistics Oy', domains: ['Kivimaki.fi'], tier: 'A' } });
    const id = account.body.id as string;
    await call('POST', '/accounts', { raw: 'name=x', headers: { 'content-type': 'text/plain' } });
    await call('POST', '/accounts', { body: { name: '' } });
    await call('GET', '/accounts', { query: 'q=kivi&tier=A,B' });
    await call('GET', '/accounts/{id}', { params: { id } });
    await call('GET', '/accounts/{id}', { params: { id: 'no-such-account' } });
    await call('PATCH', '/accounts/{id}', { params: { id }, body: { region: 'Pirkanmaa' } });

    const contact = await call('POST', '/contacts', { body: { name: 'Sanna Saarinen', emails: ['Sanna@Kivimaki.fi'], accountId: id } });
    const contactId = contact.body.id as string;
    await call('GET', '/contacts', { query: 'q=sanna' });
    await call('GET', '/contacts/{id}', { params: { id: contactId } });
    await call('PATCH', '/contacts/{id}', { params: { id: contactId }, body: { title: 'Purchasing manager' } });
    await call('GET', '/accounts/{id}/contacts', { params: { id } });
    await call('POST', '/match', { body: { addresses: [{ address: 'sanna@kivimaki.fi' }, { address: 'uusi@kivimaki.fi' }, { address: h.a.users.rep2.email }, { address: 'x@newco.fi' }] } });

    const opportunity = await call('POST', '/opportunities', { body: { accountId: id, name: 'Fleet renewal', value: 1_200_000 } });
    const oppId = opportunity.body.id as string;
    await call('GET', '/opportunities');
    await call('GET', '/opportunities/{id}', { params: { id: oppId } });
    await call('PATCH', '/opportunities/{id}', { params: { id: oppId }, body: { probability: 40 } });
    await call('POST', '/opportunities/{id}/stage', { params: { id: oppId }, body: { stage: 'offer' } });
    await call('GET', '/accounts/{id}/opportunities', { params: { id } });
    await call('GET', '/pipeline');
    // The account page's open pipeline is the server's figure (the list's computation): the one open deal.
    expect((await call('GET', '/accounts/{id}', { params: { id } })).body).toMatchObject({ openPipelineCents: 1_200_000, openDeals: 1 });
    // The product catalogue, a deal's lines chosen from it, and what was sold to whom.
    const product = await call('POST', '/products', { as: 'manager', body: { name: 'Fleet telematics unit', code: 'TEL-1', unitPrice: 45_000 } });
    expect((await call('POST', '/products', { as: 'manager', body: { name: 'Again', code: 'tel-1', unitPrice: 1 } })).status).toBe(409);
    expect((await call('POST', '/products', { body: { name: 'Mine', code: 'MINE', unitPrice: 1 } })).status).toBe(403);
    await call('GET', '/products', { query: 'includeInactive=true' });
    await call('GET', '/products/{id}', { params: { id: product.body.id } });
    await call('PATCH', '/products/{id}', { as: 'manager', params: { id: product.body.id }, body: { unitPrice: 42_000 } });
    const sold = await call('POST', '/opportunities', { body: { accountId: id, name: 'Telematics', stage: 'won', lines: [{ productId: product.body.id, quantity: 10 }] } });
    expect(sold.body.lines[0]).toMatchObject({ productId: product.body.id, unitPrice: 42_000 });
    await call('DELETE', '/products/{id}', { as: 'manager', params: { id: product.body.id } });
    const spare = await call('POST', '/products', { as: 'manager', body: { name: 'Spare', code: 'SPARE', unitPrice: 1 } });
    await call('DELETE', '/products/{id}', { as: 'manager', params: { id: spare.body.id } });
    await call('GET', '/analytics/products');
    await call('GET', '/analytics/products', { as: 'manager', query: 'team=all&from=2026-01-01&to=2026-12-31' });
    await call('GET', '/analytics/products', { query: 'team=all' });
    await call('GET', '/accounts/{id}/products', { params: { id } });
    await call('POST', '/opportunities/{id}/archive', { params: { id: oppId } });
    await call('POST', '/opportunities/{id}/restore', { params: { id: oppId } });
    await call('POST', '/contacts/{id}/archive', { params: { id: contactId } });
    await call('POST', '/contacts/{id}/restore', { params: { id: contactId } });
    const managers = await call('POST', '/accounts', { as: 'manager', body: { name: 'Johdon Oy' } });
    await call('POST', '/accounts/{id}/archive', { params: { id: managers.body.id } });
    await call('POST', '/accounts/{id}/archive', { as: 'manager', params: { id: managers.body.id } });
    expect((await call('GET', '/search', { query: 'q=johdon&kinds=account&includeArchived=true' })).body.accounts).toMatchObject([{ id: managers.body.id, archived: true }]);
    await call('POST', '/accounts/{id}/restore', { as: 'manager', params: { id: managers.body.id } });
    await call('POST', '/accounts/{id}/restore', { params: { id: 'no-such-account' } });

    const email = {
      kind: 'email', occurredAt: now - 3_600_000, subject: 'Tarjous', internetMessageId: '<offer-1@kivimaki.fi>', followUpOn: '2026-11-05', opportunityId: oppId,
      participants: [{ role: 'from', address: 'sanna@kivimaki.fi' }, { role: 'to', address: h.a.users.rep.email }],
    };
    const logged = await call('POST', '/interactions', { body: email });
    expect(logged.status).toBe(201);
    expect((await call('POST', '/interactions', { body: email })).status).toBe(200);
    await call('POST', '/interactions', { body: { kind: 'email', participants: [{ role: 'from', address: h.a.users.rep2.email }] } });
    const interactionId = logged.body.interaction.id as string;
    await call('GET', '/interactions/lookup', { query: `internetMessageId=${encodeURIComponent(email.internetMessageId)}` });
    await call('GET', '/interactions/{id}', { params: { id: interactionId } });
    await call('PATCH', '/interactions/{id}', { params: { id: interactionId }, body: { note: 'Wants a quote by Friday' } });
    await call('PUT', '/interactions/{id}/thread-visibility', { params: { id: interactionId }, body: { visibility: 'shared' } });
    await call('GET', '/accounts/{id}/timeline', { params: { id } });
    await call('GET', '/accounts/{id}/relationships', { params: { id } });
    await call('POST', '/accounts/{id}/feedback', { params: { id }, body: { kind: 'nps', score: 9 } });
    await call('GET', '/accounts/{id}/feedback', { params: { id } });
    await call('GET', '/accounts/{id}', { params: { id } });
    // Duplicates: a likely duplicate is refused with its candidates, a taken domain always; a merge is previewed, then done.
    expect((await call('POST', '/accounts', { body: { name: 'Kivimaki Logistics' } })).body.type).toMatch(/likely-duplicate$/);
    expect((await call('POST', '/accounts', { body: { name: 'KL', domains: ['kivimaki.fi'], allowDuplicate: true } })).body.type).toMatch(/domain-taken$/);
    const twin = await call('POST', '/accounts', { as: 'manager', body: { name: 'Kivimaki Logistics', allowDuplicate: true } });
    await call('GET', '/duplicates', { query: 'kind=account' });
    expect((await call('POST', '/accounts/{id}/merge', { params: { id }, body: { mergeIds: [twin.body.id], preview: true } })).status).toBe(403);
    await call('POST', '/accounts/{id}/merge', { as: 'manager', params: { id }, body: { mergeIds: [twin.body.id], preview: true } });
    await call('POST', '/accounts/{id}/merge', { as: 'manager', params: { id }, body: { mergeIds: [twin.body.id], preview: false } });
    expect((await call('POST', '/contacts', { body: { name: 'Saarinen Sanna', accountId: id } })).status).toBe(409);
    const twinContact = await call('POST', '/contacts', { body: { name: 'Saarinen Sanna', accountId: id, allowDuplicate: true } });
    await call('GET', '/duplicates', { query: 'kind=contact' });
    await call('POST', '/contacts/{id}/merge', { as: 'manager', params: { id: contactId }, body: { mergeIds: [twinContact.body.id], preview: false } });
    // The buying committee (only the account's own contacts), "not a duplicate" with its undo, and "Show archived".
    await call('PUT', '/opportunities/{id}/contacts/{contactId}', { params: { id: oppId, contactId }, body: { role: 'decision_maker' } });
    await call('PUT', '/opportunities/{id}/contacts/{contactId}', { params: { id: oppId, contactId }, body: { role: 'boss' } });
    const elsewhere = await call('POST', '/contacts', { body: { name: 'Eero Muualla', accountId: managers.body.id } });
    expect((await call('PUT', '/opportunities/{id}/contacts/{contactId}', { params: { id: oppId, contactId: elsewhere.body.id }, body: { role: 'user' } })).status).toBe(422);
    await call('GET', '/opportunities/{id}/contacts', { params: { id: oppId } });
    await call('GET', '/accounts/{id}/contact-roles', { params: { id } });
    await call('DELETE', '/opportunities/{id}/contacts/{contactId}', { params: { id: oppId, contactId } });
    const pair = [
      (await call('POST', '/accounts', { as: 'manager', body: { name: 'Pohjola Rakennus Oy' } })).body.id,
      (await call('POST', '/accounts', { as: 'manager', body: { name: 'Pohjola Rakennus Ab', allowDuplicate: true } })).body.id,
    ];
    expect((await call('POST', '/duplicates/dismissals', { body: { kind: 'account', ids: pair } })).status).toBe(403);
    const dismissal = await call('POST', '/duplicates/dismissals', { as: 'manager', body: { kind: 'account', ids: pair } });
    expect(dismissal.status).toBe(201);
    expect((await call('POST', '/duplicates/dismissals', { as: 'manager', body: { kind: 'account', ids: [pair[1], pair[0]] } })).status).toBe(200);
    expect((await call('DELETE', '/duplicates/dismissals/{id}', { as: 'manager', params: { id: dismissal.body.id } })).status).toBe(204);
    await call('GET', '/accounts', { query: 'archived=include' });
    await call('GET', '/contacts', { query: `accountId=${id}&archived=only` });
    await call('GET', '/opportunities', { query: `accountId=${id}&archived=include` });
    const followUps = await call('GET', '/follow-ups');
    const followUpId = followUps.body.items[0].id as string;
    await call('PATCH', '/follow-ups/{id}', { params: { id: followUpId }, body: { dueOn: '2027-01-04', note: 'Send the quote' } });
    await call('PATCH', '/follow-ups/{id}', { params: { id: followUpId }, body: { assigneeId: 'no-such-user' } });
    await call('PATCH', '/follow-ups/{id}', { params: { id: followUpId }, body: { assigneeId: h.a.users.rep2.id } });
    await call('PATCH', '/follow-ups/{id}', { params: { id: followUpId }, body: { done: true } });
    await call('GET', '/follow-ups', { query: `interactionId=${interactionId}` });
    await call('GET', '/accounts/{id}/follow-ups', { params: { id } });
    await call('GET', '/me/notification-settings');
    await call('PUT', '/me/notification-settings', { body: { followUpsDue: true, overdueCadences: false, idleDeals: true, weeklyDigest: true, locale: 'fi-FI' } });
    await call('PUT', '/me/notification-settings', { body: { followUpsDue: 'yes' } });
    // Saved views: saved, shared with the team, a bad filter refused, deleted.
    const view = await call('POST', '/saved-views', { body: { name: 'Overdue A', scope: 'mine', filters: { q: '', tiers: ['A'], ownerId: 'me', lifecycles: [], industry: '', region: '', size: '', overdue: true, sort: 'attention', order: 'asc' } } });
    await call('GET', '/saved-views');
    await call('PATCH', '/saved-views/{id}', { params: { id: view.body.id }, body: { scope: 'team', name: 'Overdue A (team)' } });
    await call('POST', '/saved-views', { body: { name: 'Bad', filters: { sort: 'random' } } });
    await call('DELETE', '/saved-views/{id}', { as: 'rep2', params: { id: view.body.id } });
    await call('DELETE', '/saved-views/{id}', { params: { id: view.body.id } });
    await call('GET', '/today');
    await call('POST', '/follow-ups', { body: { accountId: id, dueOn: '2026-12-20', note: 'Send the revised offer' } });
    // A colleague's metadata-only email: asked for, listed for its holder, shared.
    const held = await call('POST', '/interactions', {
      as: 'rep2',
      body: { kind: 'email', occurredAt: now - 7_200_000, subject: 'Hinnoittelu', internetMessageId: '<price-1@kivimaki.fi>', visibility: 'metadata', accountIds: [id], participants: [{ role: 'from', address: 'sanna@kivimaki.fi' }, { role: 'to', address: h.a.users.rep2.email }] },
    });
    expect((await call('POST', '/interactions/{id}/share-requests', { params: { id: held.body.interaction.id }, body: {} })).status).toBe(201);
    const shareRequests = await call('GET', '/share-requests', { as: 'rep2' });
    await call('POST', '/share-requests/{id}', { as: 'rep2', params: { id: shareRequests.body.items[0].id }, body: { answer: 'share' } });
    await call('GET', '/search', { query: 'q=kivim&kinds=account,contact,interaction' });
    await call('GET', '/search', { query: 'q=' });
    await call('GET', '/relationship-strength', { query: `accountIds=${id}` });
    await call('GET', '/care/overdue');
    await call('GET', '/analytics/dashboard', { as: 'manager' });
    await call('GET', '/analytics/dashboard');
    await call('GET', '/analytics/headlines', { as: 'manager' });
    await call('GET', '/analytics/headlines', { as: 'manager', query: 'segment=colour' });
    await call('GET', '/meetings/by-chat/{chatId}', { params: { chatId: '19:meeting_abc@thread.v2' } });
    await call('GET', '/sync/health', { as: 'admin' });
    await call('PUT', '/sync/my-blocklist', { body: { blockedAddresses: [], blockedDomains: ['Lapsenkoulu.fi'] } });
    await call('POST', '/sync/my-mailbox');
    await call('GET', '/sync/my-captures', { query: 'limit=10' });
    await call('GET', '/sync/my-captures', { query: 'cursor=nonsense' });
    const mailbox = await call('POST', '/sync/mailboxes', { as: 'admin', body: { userId: h.a.users.rep2.id } });
    await call('PATCH', '/sync/mailboxes/{id}', { as: 'admin', params: { id: mailbox.body.id }, body: { windowBackDays: 30 } });
    await call('POST', '/sync/mailboxes/{id}/run', { as: 'admin', params: { id: mailbox.body.id } });
    await call('GET', '/review', { as: 'admin' });
    await call('POST', '/review/actions', { body: { action: 'create-account', key: 'domain:nobody-here.fi' } });
    await call('POST', '/review/actions', { body: { action: 'pick-account', key: 'x' } });
    await call('POST', '/sync/mailboxes/{id}/streams/{stream}/restart', { as: 'admin', params: { id: mailbox.body.id, stream: 'mail:inbox' } });
    await call('DELETE', '/interactions/{id}', { params: { id: interactionId } });
    await call('POST', '/audit/exports', { body: { view: 'accounts', rows: 3 } });
    // Imports: the CSV upload (its own media type), the dry run, the run as a polled job, and the rows as JSON and CSV.
    const upload = await call('POST', '/imports', { as: 'manager', query: 'fileName=crm.csv', raw: 'Company name;Company Domain Name\nTuonti Oy;tuonti.fi\n;puuttuu.fi\n', headers: { 'content-type': 'text/csv' } });
    const importId = upload.body.import.id as string;
    expect((await call('POST', '/imports', { raw: 'Name\nX\n', headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    expect((await call('POST', '/imports', { as: 'manager', body: { name: 'x' } })).status).toBe(415);
    await call('GET', '/imports', { as: 'manager' });
    await call('POST', '/imports/{id}/dry-run', { as: 'manager', params: { id: importId }, body: { mapping: upload.body.suggested } });
    let imported = (await call('POST', '/imports/{id}/run', { as: 'manager', params: { id: importId } })).body;
    // By time, not by count: a loaded machine runs the job slower, never differently.
    for (const until = Date.now() + 60_000; imported.status === 'running' && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 20));
      imported = (await call('GET', '/imports/{id}', { as: 'manager', params: { id: importId } })).body;
    }
    expect(imported.status).toBe('done');
    await call('GET', '/imports/{id}/rows', { as: 'manager', params: { id: importId }, query: 'outcome=refused' });
    await call('GET', '/imports/{id}/rows', { as: 'manager', params: { id: importId }, query: 'outcome=refused&format=csv' });
    await call('GET', '/audit', { as: 'admin', query: 'action=opportunity.&limit=5' });
    await call('GET', '/audit');
    await call('GET', '/directory/health', { as: 'admin' });
    await call('GET', '/directory/health');
    await call('GET', '/contacts/{id}/data-export', { as: 'admin', params: { id: contactId } });
    await call('GET', '/contacts/{id}/data-export', { as: 'admin', params: { id: contactId }, query: 'format=csv' });
    await call('GET', '/contacts/{id}/data-export', { params: { id: contactId } });
    await call('POST', '/contacts/{id}/erase', { as: 'admin', params: { id: contactId } });
    await call('POST', '/accounts/{id}/erase', { as: 'admin', params: { id } });

    const missed = operations(doc).map((o) => `${o.method} ${o.path}`).filter((k) => !called.has(k));
    expect(missed).toEqual([]);
  });
});
