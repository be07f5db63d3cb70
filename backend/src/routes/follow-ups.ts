// Your follow-ups: the dates you promised to get back to a customer, set when logging (followUpOn).
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { Id, IdParam, IsoDate, problems } from './schemas.ts';
import { openFollowUps } from '../store/follow-ups.ts';
import { markFollowUp } from '../use-cases/follow-ups/mark-follow-up.ts';
import { createFollowUp } from '../use-cases/follow-ups/create-follow-up.ts';
import { actorOf, followUpView } from './views.ts';

export const FollowUpSchema = z.object({
  id: z.string(),
  interactionId: z.string(),
  accountId: z.string(),
  dueOn: z.string().openapi({ description: 'YYYY-MM-DD' }),
  doneAt: z.number().nullable(),
}).openapi('FollowUp');

export function followUpRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/follow-ups', operationId: 'listFollowUps', tags: ['Follow-ups'], security: bearer, summary: 'Your open follow-ups, soonest first',
        request: { query: z.object({ dueBy: IsoDate.optional().openapi({ description: 'Only those due on or before this date' }) }) },
        responses: { 200: { description: 'Open follow-ups', content: { 'application/json': { schema: z.object({ items: z.array(FollowUpSchema) }) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json({ items: (await openFollowUps(auth.scope, auth.user.id, c.req.valid('query').dueBy)).map(followUpView) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/follow-ups', operationId: 'createFollowUp', tags: ['Follow-ups'], security: bearer, summary: 'Promise to get back to an account by a date, without logging anything',
        description: 'What was promised is kept as a note on the account’s timeline (shared with the account team); the follow-up is yours and shows in your Today when due.',
        request: {
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({ accountId: Id, dueOn: IsoDate, note: z.string().trim().min(1, 'say what you promised').max(2000) }).strict().openapi('FollowUpCreate') } },
          },
        },
        responses: { 201: { description: 'Set', content: { 'application/json': { schema: FollowUpSchema } } }, ...problems(400, 401, 404, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const f = await createFollowUp(auth.scope, { userId: auth.user.id, role: auth.role, settings: auth.tenant.settings }, c.req.valid('json'), deps.clock());
        return c.json(followUpView(f), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/follow-ups/{id}', operationId: 'updateFollowUp', tags: ['Follow-ups'], security: bearer, summary: 'Mark one of your follow-ups done, or open again',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: z.object({ done: z.boolean() }).strict() } } } },
        responses: { 200: { description: 'Saved', content: { 'application/json': { schema: FollowUpSchema } } }, ...problems(400, 401, 404, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(followUpView(await markFollowUp(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json').done, deps.clock())), 200);
      },
    );
}
