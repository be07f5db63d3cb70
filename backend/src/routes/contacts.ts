import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { ContactCreate, ContactSchema, ContactUpdate, IdParam, Page, problems } from './schemas.ts';
import { requireContact, searchContacts } from '../store/contacts.ts';
import { createContact } from '../use-cases/contacts/create-contact.ts';
import { updateContact } from '../use-cases/contacts/update-contact.ts';
import { archiveContact } from '../use-cases/contacts/archive-contact.ts';
import { restoreContact } from '../use-cases/contacts/restore-contact.ts';
import { getAccount, getAccounts } from '../store/accounts.ts';
import type { Contact } from '../domain/types.ts';
import type { AuthContext } from '../http/context.ts';
import { actorOf, contactCanView, contactView } from './views.ts';
import { DuplicateProblem, mergedAliasRedirect } from './duplicates.ts';
import { ArchivedQuery } from './record-upkeep-schemas.ts';

/** A contact as one contact's answer shows it: with what the asker may do (its account's owner counts). */
async function contactAnswer(auth: AuthContext, contact: Contact) {
  const account = contact.accountId ? await getAccount(auth.scope, contact.accountId) : null;
  return { ...contactView(contact), can: contactCanView(actorOf(auth), contact, account) };
}

export function contactRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/contacts', operationId: 'listContacts', tags: ['Contacts'], security: bearer, summary: 'Search contacts by name or address',
        description: 'Each contact comes with `can` (what the asker may do). `accountId` with `archived=include` or `only` is the account page’s “Show archived”.',
        request: {
          query: z.object({
            q: z.string().trim().max(200).optional(),
            accountId: z.string().max(64).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }).extend(ArchivedQuery.shape),
        },
        responses: { 200: { description: 'A page of contacts', content: { 'application/json': { schema: Page(ContactSchema) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const auth = c.get('auth');
        const r = await searchContacts(auth.scope, { ...(q.q ? { q: q.q } : {}), ...(q.accountId ? { accountId: q.accountId } : {}), ...(q.archived ? { archived: q.archived } : {}), limit: q.limit, offset: q.offset });
        // With what the asker may do, so a list of archived contacts can offer Restore only to whoever may use it.
        const accounts = new Map((await getAccounts(auth.scope, r.items.flatMap((x) => x.accountId ?? []))).map((a) => [a.id, a]));
        const actor = actorOf(auth);
        return c.json({ items: r.items.map((x) => ({ ...contactView(x), can: contactCanView(actor, x, x.accountId ? (accounts.get(x.accountId) ?? null) : null) })), total: r.total }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/contacts', operationId: 'createContact', tags: ['Contacts'], security: bearer, summary: 'Create a contact',
        request: { body: { required: true, content: { 'application/json': { schema: ContactCreate } } } },
        description: 'A contact with the same or a similar name at the same account is refused with 409 `urn:suhde:problem/likely-duplicate` listing `duplicates`, unless `allowDuplicate: true`. An address another contact holds is always refused (409).',
        responses: {
          201: { description: 'Created', content: { 'application/json': { schema: ContactSchema } } },
          ...problems(400, 401, 404, 409, 413, 415, 503),
          409: { description: 'A likely duplicate (`duplicates` names them), or an address another contact holds', content: { 'application/problem+json': { schema: DuplicateProblem } } },
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const contact = await createContact(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock());
        return c.json(await contactAnswer(auth, contact), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/contacts/{id}', operationId: 'getContact', tags: ['Contacts'], security: bearer, summary: 'Read a contact',
        request: { params: IdParam },
        responses: { 200: { description: 'The contact', content: { 'application/json': { schema: ContactSchema } } }, ...problems(400, 401, 404, 503), ...mergedAliasRedirect('contact') },
      }),
      async (c) => c.json(await contactAnswer(c.get('auth'), await requireContact(c.get('auth').scope, c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/contacts/{id}', operationId: 'updateContact', tags: ['Contacts'], security: bearer, summary: 'Update a contact',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ContactUpdate } } } },
        responses: { 200: { description: 'Updated', content: { 'application/json': { schema: ContactSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const contact = await updateContact(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json'), deps.clock());
        return c.json(await contactAnswer(auth, contact), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/contacts/{id}/archive', operationId: 'archiveContact', tags: ['Contacts'], security: bearer, summary: 'Archive a contact',
        description: 'The contact leaves lists and matching (their mail is placed by domain only) and keeps their history; still opens by id. Idempotent.',
        request: { params: IdParam },
        responses: { 200: { description: 'Archived', content: { 'application/json': { schema: ContactSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await contactAnswer(auth, await archiveContact(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/contacts/{id}/restore', operationId: 'restoreContact', tags: ['Contacts'], security: bearer, summary: 'Restore an archived contact',
        request: { params: IdParam },
        responses: { 200: { description: 'Restored', content: { 'application/json': { schema: ContactSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await contactAnswer(auth, await restoreContact(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock())), 200);
      },
    );
}
