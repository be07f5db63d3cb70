import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { IdParam, OpportunityCreate, OpportunitySchema, OpportunityUpdate, PipelineSchema, problems } from './schemas.ts';
import { getOpportunity, listOpportunities, pipelineSummary } from '../store/opportunities.ts';
import { createOpportunity } from '../use-cases/opportunities/create-opportunity.ts';
import { updateOpportunity } from '../use-cases/opportunities/update-opportunity.ts';
import { moveOpportunityStage } from '../use-cases/opportunities/move-opportunity-stage.ts';
import { archiveOpportunity } from '../use-cases/opportunities/archive-opportunity.ts';
import { restoreOpportunity } from '../use-cases/opportunities/restore-opportunity.ts';
import { STAGES } from '../domain/types.ts';
import { notFound } from '../domain/errors.ts';
import { actorOf, pipelineStageView } from './views.ts';
import { opportunityAnswer, opportunityAnswers } from './answers.ts';
import { ArchivedQuery } from './record-upkeep-schemas.ts';
import type { AuthContext } from '../http/context.ts';

async function requireOpportunity(auth: AuthContext, id: string) {
  const o = await getOpportunity(auth.scope, id);
  if (!o) throw notFound('opportunity');
  return o;
}

export function opportunityRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/opportunities', operationId: 'listOpportunities', tags: ['Pipeline'], security: bearer, summary: 'List opportunities',
        description: 'Deals of an archived account are listed only with its `accountId`. `accountId` with `archived=include` or `only` is the account page’s “Show archived”.',
        request: { query: z.object({ ownerId: z.string().max(64).optional(), stage: z.enum(STAGES).optional(), accountId: z.string().max(64).optional() }).extend(ArchivedQuery.shape) },
        responses: { 200: { description: 'Opportunities', content: { 'application/json': { schema: z.object({ items: z.array(OpportunitySchema) }) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const ownerId = q.ownerId === 'me' ? auth.user.id : q.ownerId;
        const items = await listOpportunities(auth.scope, { ...(q.accountId ? { accountId: q.accountId } : {}), ...(ownerId ? { ownerId } : {}), ...(q.stage ? { stages: [q.stage] } : {}), ...(q.archived ? { archived: q.archived } : {}) });
        return c.json({ items: await opportunityAnswers(auth, items) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/opportunities', operationId: 'createOpportunity', tags: ['Pipeline'], security: bearer, summary: 'Create an opportunity',
        description: 'With product lines the value is their sum (quantity × unit price). Probability follows the stage (tenant settings).',
        request: { body: { required: true, content: { 'application/json': { schema: OpportunityCreate } } } },
        responses: { 201: { description: 'Created', content: { 'application/json': { schema: OpportunitySchema } } }, ...problems(400, 401, 404, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const o = await createOpportunity(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock());
        return c.json(await opportunityAnswer(auth, o), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/opportunities/{id}', operationId: 'getOpportunity', tags: ['Pipeline'], security: bearer, summary: 'Read an opportunity',
        request: { params: IdParam },
        responses: { 200: { description: 'The opportunity', content: { 'application/json': { schema: OpportunitySchema } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => c.json(await opportunityAnswer(c.get('auth'), await requireOpportunity(c.get('auth'), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/opportunities/{id}', operationId: 'updateOpportunity', tags: ['Pipeline'], security: bearer, summary: 'Update an opportunity',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: OpportunityUpdate } } } },
        responses: { 200: { description: 'Updated', content: { 'application/json': { schema: OpportunitySchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const o = await updateOpportunity(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json'), deps.clock());
        return c.json(await opportunityAnswer(auth, o), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/opportunities/{id}/archive', operationId: 'archiveOpportunity', tags: ['Pipeline'], security: bearer, summary: 'Archive an opportunity',
        description: 'The deal leaves the board, the pipeline, the forecast and Today; its stage history and timeline stay and it still opens by id. Idempotent.',
        request: { params: IdParam },
        responses: { 200: { description: 'Archived', content: { 'application/json': { schema: OpportunitySchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await opportunityAnswer(auth, await archiveOpportunity(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/opportunities/{id}/restore', operationId: 'restoreOpportunity', tags: ['Pipeline'], security: bearer, summary: 'Restore an archived opportunity',
        request: { params: IdParam },
        responses: { 200: { description: 'Restored', content: { 'application/json': { schema: OpportunitySchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await opportunityAnswer(auth, await restoreOpportunity(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/opportunities/{id}/stage', operationId: 'moveOpportunityStage', tags: ['Pipeline'], security: bearer, summary: 'Move an opportunity to another stage',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: z.object({ stage: z.enum(STAGES) }) } } } },
        responses: { 200: { description: 'Moved', content: { 'application/json': { schema: OpportunitySchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const o = await moveOpportunityStage(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json').stage, deps.clock());
        return c.json(await opportunityAnswer(auth, o), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/pipeline', operationId: 'getPipeline', tags: ['Pipeline'], security: bearer, summary: 'Pipeline by stage with the weighted forecast (EUR)',
        request: { query: z.object({ ownerId: z.string().max(64).optional() }) },
        responses: { 200: { description: 'Pipeline summary', content: { 'application/json': { schema: PipelineSchema } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const ownerId = q.ownerId === 'me' ? auth.user.id : q.ownerId;
        const stages = await pipelineSummary(auth.scope, ownerId ? { ownerId } : {});
        const open = stages.filter((s) => s.stage !== 'won' && s.stage !== 'lost');
        return c.json({
          currency: 'EUR' as const,
          stages: stages.map(pipelineStageView),
          openValueCents: open.reduce((n, s) => n + s.valueCents, 0),
          weightedForecastCents: open.reduce((n, s) => n + s.weightedCents, 0),
        }, 200);
      },
    );
}
