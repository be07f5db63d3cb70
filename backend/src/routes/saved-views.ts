// Saved views of the account list, kept on the server: the user's own and their team's.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import type { AuthContext } from '../http/context.ts';
import { IdParam, problems } from './schemas.ts';
import { SavedViewCreate, SavedViewSchema, SavedViewUpdate } from './saved-view-schemas.ts';
import { mayChangeView, mayDeleteView, type SavedView, type ViewActor } from '../domain/saved-views.ts';
import { listSavedViews } from '../use-cases/saved-views/list-saved-views.ts';
import { createSavedView } from '../use-cases/saved-views/create-saved-view.ts';
import { updateSavedView } from '../use-cases/saved-views/update-saved-view.ts';
import { deleteSavedView } from '../use-cases/saved-views/delete-saved-view.ts';

const actor = (auth: AuthContext): ViewActor => ({ id: auth.user.id, role: auth.role, team: auth.user.team });

/** Every view answered is the asker's or shared with their team, so its owner's team is the asker's. */
function savedViewView(v: SavedView, a: ViewActor) {
  return {
    id: v.id, ownerId: v.ownerId, name: v.name, scope: v.scope, filters: v.filters as z.infer<typeof SavedViewSchema>['filters'],
    createdAt: v.createdAt, updatedAt: v.updatedAt,
    can: { change: mayChangeView(a, v).allowed, delete: mayDeleteView(a, v, a.team).allowed },
  };
}

export function savedViewRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/saved-views', operationId: 'listSavedViews', tags: ['Saved views'], security: bearer,
        summary: 'Your saved views of the account list and those shared with your team',
        description: 'Your team is the colleagues the directory gives the same team as you (the dashboard’s teams). Sorted by name.',
        responses: { 200: { description: 'Views', content: { 'application/json': { schema: z.object({ items: z.array(SavedViewSchema) }) } } }, ...problems(401, 503) },
      }),
      async (c) => {
        const a = actor(c.get('auth'));
        return c.json({ items: (await listSavedViews(c.get('auth').scope, a)).map((v) => savedViewView(v, a)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/saved-views', operationId: 'createSavedView', tags: ['Saved views'], security: bearer,
        summary: 'Save the account list’s filters as a named view',
        description: 'Names are unique per owner (409 otherwise). `scope: team` needs a team in the directory (403 otherwise).',
        request: { body: { required: true, content: { 'application/json': { schema: SavedViewCreate } } } },
        responses: {
          201: { description: 'Saved', content: { 'application/json': { schema: SavedViewSchema } } },
          ...problems(400, 401, 403, 409, 413, 415, 422, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const a = actor(auth);
        const body = c.req.valid('json');
        const view = await createSavedView(auth.scope, a, { name: body.name, scope: body.scope ?? 'mine', filters: body.filters }, deps.clock());
        return c.json(savedViewView(view, a), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/saved-views/{id}', operationId: 'updateSavedView', tags: ['Saved views'], security: bearer,
        summary: 'Rename a view, change its filters, or share it with your team (owner only)',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SavedViewUpdate } } } },
        responses: {
          200: { description: 'Changed', content: { 'application/json': { schema: SavedViewSchema } } },
          ...problems(400, 401, 403, 404, 409, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const a = actor(auth);
        const view = await updateSavedView(auth.scope, a, c.req.valid('param').id, c.req.valid('json'), deps.clock());
        return c.json(savedViewView(view, a), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/saved-views/{id}', operationId: 'deleteSavedView', tags: ['Saved views'], security: bearer,
        summary: 'Delete a view: its owner, or a manager of the team it is shared with',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        await deleteSavedView(auth.scope, actor(auth), c.req.valid('param').id, deps.clock());
        return c.body(null, 204);
      },
    );
}
