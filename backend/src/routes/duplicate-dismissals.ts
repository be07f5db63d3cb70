// "Not a duplicate": dismissing a suggested pair so it is no longer suggested, and undoing that.
import { createRoute } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { IdParam, problems } from './schemas.ts';
import { DismissalBody, DismissalSchema } from './record-upkeep-schemas.ts';
import { dismissDuplicate, undoDuplicateDismissal } from '../use-cases/duplicates/dismiss-duplicate.ts';
import { actorOf } from './views.ts';

export function duplicateDismissalRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/duplicates/dismissals', operationId: 'createDuplicateDismissal', tags: ['Duplicates'], security: bearer,
        summary: 'Mark a pair as not a duplicate',
        description: 'The pair is no longer suggested, in the duplicates list or on an account page, to anyone. Who may merge the pair may dismiss it (managers and admins, or the owner of both). Audited. Dismissing a dismissed pair answers 200 with the existing dismissal.',
        request: { body: { required: true, content: { 'application/json': { schema: DismissalBody } } } },
        responses: {
          201: { description: 'Dismissed', content: { 'application/json': { schema: DismissalSchema } } },
          200: { description: 'Already dismissed', content: { 'application/json': { schema: DismissalSchema } } },
          ...problems(400, 401, 403, 404, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { dismissal, created } = await dismissDuplicate(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock());
        return created ? c.json(dismissal, 201) : c.json(dismissal, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/duplicates/dismissals/{id}', operationId: 'deleteDuplicateDismissal', tags: ['Duplicates'], security: bearer,
        summary: 'Undo a “not a duplicate”: the pair is suggested again',
        description: 'Same permission as dismissing. Audited.',
        request: { params: IdParam },
        responses: { 204: { description: 'Undone' }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        await undoDuplicateDismissal(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock());
        return c.body(null, 204);
      },
    );
}
