// Who am I, who are my colleagues, the tenant's settings, and the care list.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { AccountListItemSchema, Page, UserSchema, problems } from './schemas.ts';
import { SettingsSchema } from './settings-schema.ts';
import { listUsers } from '../store/users.ts';
import { getTenant } from '../store/tenants.ts';
import { updateTenantSettings } from '../use-cases/tenant/update-tenant-settings.ts';
import { searchAccounts } from '../store/accounts.ts';
import { accountView, actorOf, settingsView, userView } from './views.ts';
import { TIERS } from '../domain/types.ts';


export function tenantRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/me', operationId: 'getMe', tags: ['Tenant'], security: bearer, summary: 'The signed-in user, their role and tenant',
        responses: {
          200: { description: 'You', content: { 'application/json': { schema: z.object({ user: UserSchema, tenant: z.object({ id: z.string(), name: z.string() }) }) } } },
          ...problems(401, 503),
        },
      }),
      (c) => {
        const { user, tenant, role } = c.get('auth');
        return c.json({ user: userView({ ...user, role }), tenant: { id: tenant.id, name: tenant.name } }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/users', operationId: 'listUsers', tags: ['Tenant'], security: bearer, summary: 'Colleagues in your organisation',
        responses: { 200: { description: 'Users', content: { 'application/json': { schema: z.object({ items: z.array(UserSchema) }) } } }, ...problems(401, 503) },
      }),
      async (c) => c.json({ items: (await listUsers(c.get('auth').scope)).map(userView) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/settings', operationId: 'getSettings', tags: ['Tenant'], security: bearer, summary: 'Tenant settings: tier cadences, internal, blocked domains and addresses',
        responses: { 200: { description: 'Settings', content: { 'application/json': { schema: SettingsSchema } } }, ...problems(401, 503) },
      }),
      async (c) => c.json(settingsView((await getTenant(c.get('auth').scope)).settings), 200),
    )
    .openapi(
      createRoute({
        method: 'put', path: '/settings', operationId: 'replaceSettings', tags: ['Tenant'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Replace the tenant settings (admin)',
        request: { body: { required: true, content: { 'application/json': { schema: SettingsSchema } } } },
        responses: { 200: { description: 'Saved', content: { 'application/json': { schema: SettingsSchema } } }, ...problems(400, 401, 403, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(settingsView((await updateTenantSettings(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock())).settings), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/care/overdue', operationId: 'listOverdueAccounts', tags: ['Care'], security: bearer,
        summary: 'Accounts whose tier cadence has run out, longest overdue first',
        request: {
          query: z.object({
            ownerId: z.string().max(64).optional().openapi({ description: 'A user id or "me"; all owners when left out' }),
            tier: z.enum(TIERS).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: { 200: { description: 'Overdue accounts', content: { 'application/json': { schema: Page(AccountListItemSchema) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const ownerId = q.ownerId === 'me' ? auth.user.id : q.ownerId;
        const r = await searchAccounts(
          auth.scope,
          { overdue: true, sort: 'lastContact', order: 'asc', limit: q.limit, offset: 0, ...(ownerId ? { ownerId } : {}), ...(q.tier ? { tiers: [q.tier] } : {}) },
          auth.tenant.settings,
          now,
        );
        const items = r.items
          .map((a) => ({ ...accountView(a, auth.tenant.settings, now), openPipelineCents: a.openPipelineCents }))
          .sort((x, y) => y.care.daysOverdue - x.care.daysOverdue);
        return c.json({ items, total: r.total }, 200);
      },
    );
}
