// The buying committee of an opportunity (which contacts decide, pay, influence, use or champion it), and each
// contact's roles in their account's open deals.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { IdParam, problems } from './schemas.ts';
import { CommitteeSchema, ContactDealRoleSchema, ContactParams, ContactRoleBody } from './record-upkeep-schemas.ts';
import { listCommittee, openDealRolesOfAccount } from '../store/opportunity-contacts.ts';
import { getOpportunity } from '../store/opportunities.ts';
import { requireAccount } from '../store/accounts.ts';
import { removeContactRole, setContactRole } from '../use-cases/opportunities/set-contact-role.ts';
import { notFound } from '../domain/errors.ts';
import type { CommitteeRow } from '../store/opportunity-contacts.ts';
import { actorOf } from './views.ts';

const committeeView = (rows: CommitteeRow[]) => ({
  items: rows.map((r) => ({
    contactId: r.contactId, name: r.contactName, title: r.contactTitle, contactArchivedAt: r.contactArchivedAt, role: r.role,
    createdAt: r.createdAt, createdBy: r.createdBy, updatedAt: r.updatedAt,
  })),
});

const answer = { 200: { description: 'The buying committee, by name', content: { 'application/json': { schema: CommitteeSchema } } } };

export function buyingCommitteeRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/opportunities/{id}/contacts', operationId: 'listOpportunityContacts', tags: ['Pipeline'], security: bearer,
        summary: 'The opportunity’s buying committee: contacts and their roles',
        request: { params: IdParam },
        responses: { ...answer, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        if (!(await getOpportunity(auth.scope, id))) throw notFound('opportunity');
        return c.json(committeeView(await listCommittee(auth.scope, id)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put', path: '/opportunities/{id}/contacts/{contactId}', operationId: 'setOpportunityContactRole', tags: ['Pipeline'], security: bearer,
        summary: 'Put a contact on the buying committee, or change their role',
        description: 'Only a contact of the opportunity’s own account, not archived (422 otherwise). Who may edit the opportunity may change its committee (403 with the reason otherwise); an archived opportunity is read-only (409). Audited.',
        request: { params: ContactParams, body: { required: true, content: { 'application/json': { schema: ContactRoleBody } } } },
        responses: { ...answer, ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id, contactId } = c.req.valid('param');
        return c.json(committeeView(await setContactRole(auth.scope, actorOf(auth), id, contactId, c.req.valid('json').role, deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/opportunities/{id}/contacts/{contactId}', operationId: 'removeOpportunityContactRole', tags: ['Pipeline'], security: bearer,
        summary: 'Take a contact off the buying committee',
        description: 'Taking off someone not on it changes nothing. Same permission as editing the opportunity. Audited.',
        request: { params: ContactParams },
        responses: { ...answer, ...problems(400, 401, 403, 404, 409, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id, contactId } = c.req.valid('param');
        return c.json(committeeView(await removeContactRole(auth.scope, actorOf(auth), id, contactId, deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/contact-roles', operationId: 'listAccountContactRoles', tags: ['Accounts'], security: bearer,
        summary: 'Each contact’s roles in the account’s open deals',
        description: 'For the contacts list: "Decision maker · Cloud migration". Won, lost and archived deals are left out.',
        request: { params: IdParam },
        responses: { 200: { description: 'Roles, by deal name', content: { 'application/json': { schema: z.object({ items: z.array(ContactDealRoleSchema) }) } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        await requireAccount(auth.scope, id);
        return c.json({ items: await openDealRolesOfAccount(auth.scope, id) }, 200);
      },
    );
}
