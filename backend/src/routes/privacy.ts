// A person's data for admins: what Suhde holds about them (JSON or CSV), and erasing a person or an organisation.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { Id, IdParam, problems } from './schemas.ts';
import { actorOf } from './views.ts';
import { contactDataCsv, exportContactData } from '../use-cases/privacy/export-contact-data.ts';
import { eraseContact } from '../use-cases/privacy/erase-contact.ts';
import { eraseAccount } from '../use-cases/privacy/erase-account.ts';

const Ms = z.number().int();
const ContactDataSchema = z.object({
  contact: z.object({
    id: Id, name: z.string(), title: z.string().nullable(), emails: z.array(z.string()), phones: z.array(z.string()),
    accountId: z.string().nullable(), ownerId: z.string().nullable(), createdAt: Ms, updatedAt: Ms,
  }),
  interactions: z.array(z.object({
    id: Id, kind: z.string(), direction: z.string().nullable(), occurredAt: Ms, subject: z.string().nullable(), snippet: z.string().nullable(),
    note: z.string().nullable(), durationMinutes: z.number().int().nullable(),
    source: z.string().openapi({ description: 'Where it came from: sync, addin, manual, teams, import' }),
    visibility: z.string().openapi({ description: 'Who can see it, with the holders' }),
    holders: z.array(z.object({ userId: z.string(), relation: z.enum(['logged', 'holds']), at: Ms })),
    accountIds: z.array(z.string()), opportunityId: z.string().nullable(),
    asParticipant: z.array(z.object({ role: z.string(), address: z.string(), displayName: z.string().nullable() })),
  })),
  feedback: z.array(z.object({ id: Id, accountId: z.string(), kind: z.string(), score: z.number(), comment: z.string().nullable(), givenAt: Ms, createdBy: z.string().nullable() })),
  followUps: z.array(z.object({ id: Id, interactionId: z.string(), userId: z.string(), dueOn: z.string(), doneAt: Ms.nullable() })),
  opportunities: z.array(z.object({ id: Id, accountId: z.string(), name: z.string(), stage: z.string() })),
}).openapi('ContactData');

const ErasureSchema = z.object({
  contacts: z.number().int(), addresses: z.number().int(),
  interactions: z.number().int().openapi({ description: 'Interactions whose participant was anonymised; they stay for the figures' }),
  blanked: z.number().int().openapi({ description: 'Of those, where the subject, snippet and note were removed too' }),
  domains: z.number().int().optional(),
}).openapi('Erasure');

export function privacyRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/contacts/{id}/data-export', operationId: 'exportContactData', tags: ['Privacy'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'What Suhde holds about a person, as JSON or CSV (admin; audited)',
        request: { params: IdParam, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
        responses: {
          200: { description: 'Every field of the contact and every interaction naming them', content: { 'application/json': { schema: ContactDataSchema }, 'text/csv': { schema: z.string() } } },
          ...problems(400, 401, 403, 404, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { format } = c.req.valid('query');
        const data = await exportContactData(auth.scope, actorOf(auth), c.req.valid('param').id, format, deps.clock());
        if (format === 'csv') {
          return c.body(contactDataCsv(data), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="contact-${data.contact.id}.csv"` });
        }
        return c.json(data, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/contacts/{id}/erase', operationId: 'eraseContact', tags: ['Privacy'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Erase a person’s data and keep them from coming back (admin; audited)',
        request: { params: IdParam },
        responses: { 200: { description: 'Erased; the counts say what was touched', content: { 'application/json': { schema: ErasureSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await eraseContact(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock()), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/accounts/{id}/erase', operationId: 'eraseAccount', tags: ['Privacy'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Erase an organisation: all its people, and its name and domains (admin; audited)',
        request: { params: IdParam },
        responses: { 200: { description: 'Erased; the counts say what was touched', content: { 'application/json': { schema: ErasureSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await eraseAccount(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock()), 200);
      },
    );
}
