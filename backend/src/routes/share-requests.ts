// Share requests: a colleague who sees only that a contact happened asks its holders to share it; the holders
// see the open requests (in Today) and share the item with the account team, or decline.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { IdParam, problems, problemResponse } from './schemas.ts';
import { requestShare } from '../use-cases/interactions/request-share.ts';
import { answerShareRequest } from '../use-cases/interactions/answer-share-request.ts';
import { openShareRequestsFor } from '../store/share-requests.ts';
import { shareRequestView } from './views.ts';
import type { AuthContext } from '../http/context.ts';

const viewer = (auth: AuthContext) => ({ userId: auth.user.id, role: auth.role });

export const ShareRequestSchema = z
  .object({
    id: z.string(),
    interactionId: z.string(),
    accountId: z.string().nullable(),
    accountName: z.string().nullable(),
    requesterId: z.string(),
    status: z.enum(['open', 'shared', 'declined']),
    message: z.string().nullable(),
    kind: z.string(),
    occurredAt: z.number(),
    subject: z.string().nullable().openapi({ description: 'The item’s subject, for its holders; null for the one who asked' }),
    createdAt: z.number(),
    answeredAt: z.number().nullable(),
    answeredBy: z.string().nullable(),
  })
  .openapi('ShareRequest');

const ShareRequestCreate = z
  .object({ message: z.string().trim().max(500, 'must be at most 500 characters').nullable().optional() })
  .strict()
  .openapi('ShareRequestCreate');

const ShareRequestAnswer = z
  .object({ answer: z.enum(['share', 'decline']).openapi({ description: '`share` opens the item to the account team (visibility `shared`); `decline` keeps it as it is' }) })
  .strict()
  .openapi('ShareRequestAnswer');

export function shareRequestRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/interactions/{id}/share-requests', operationId: 'requestInteractionShare', tags: ['Interactions'], security: bearer,
        summary: 'Ask the holders of an item you see only as “a contact happened” to share it',
        description: 'One open request per person and item: asking again answers the open request (200). The holders see it in `GET /share-requests`.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ShareRequestCreate } } } },
        responses: {
          201: { description: 'Asked', content: { 'application/json': { schema: ShareRequestSchema } } },
          200: { description: 'Already asked: the open request', content: { 'application/json': { schema: ShareRequestSchema } } },
          ...problems(400, 401, 404, 409, 413, 415, 503),
          422: problemResponse('Nobody holds the item any more'),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const body = c.req.valid('json');
        const { request, created } = await requestShare(auth.scope, viewer(auth), c.req.valid('param').id, body.message || null, deps.clock());
        return c.json(shareRequestView(request, { holds: false }), created ? 201 : 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/share-requests', operationId: 'listShareRequests', tags: ['Interactions'], security: bearer,
        summary: 'Open requests to share items you hold, oldest first',
        responses: { 200: { description: 'Open requests', content: { 'application/json': { schema: z.object({ items: z.array(ShareRequestSchema) }) } } }, ...problems(401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json({ items: (await openShareRequestsFor(auth.scope, auth.user.id)).map((r) => shareRequestView(r, { holds: true })) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/share-requests/{id}', operationId: 'answerShareRequest', tags: ['Interactions'], security: bearer,
        summary: 'Answer a request to share an item you hold: share it with the account team, or decline',
        description: 'Sharing sets the item’s visibility to `shared` (only its holders may) and closes every open request on it.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ShareRequestAnswer } } } },
        responses: { 200: { description: 'Answered', content: { 'application/json': { schema: ShareRequestSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const answered = await answerShareRequest(auth.scope, viewer(auth), c.req.valid('param').id, c.req.valid('json').answer, deps.clock());
        return c.json(shareRequestView(answered, { holds: true }), 200);
      },
    );
}
