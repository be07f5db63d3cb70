// Follow-ups: the dates someone promised to get back to a customer, set when logging (followUpOn); listed,
// marked done, snoozed or handed to a colleague from Today, the account page and the add-in.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { Id, IdParam, IsoDate, problems } from './schemas.ts';
import { accountFollowUps, followUpOnInteraction, openFollowUps, type FollowUpDetail } from '../store/follow-ups.ts';
import { getAccount } from '../store/accounts.ts';
import { updateFollowUp } from '../use-cases/follow-ups/update-follow-up.ts';
import { itemSubjectFor } from '../use-cases/follow-ups/follow-up-item.ts';
import { mayEditFollowUp, mayReassignFollowUp } from '../domain/record-permissions.ts';
import { isValidTimeZone } from '../domain/period.ts';
import { TIERS } from '../domain/types.ts';
import { notFound } from '../domain/errors.ts';
import { createFollowUp } from '../use-cases/follow-ups/create-follow-up.ts';
import { actorOf, followUpView } from './views.ts';
import type { AuthContext } from '../http/context.ts';

const TimeZone = z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone like Europe/Helsinki');

export const FollowUpSchema = z.object({
  id: z.string(),
  interactionId: z.string(),
  accountId: z.string(),
  dueOn: z.string().openapi({ description: 'YYYY-MM-DD' }),
  doneAt: z.number().nullable(),
  assigneeId: z.string().openapi({ description: 'Whose Today it is in' }),
  createdBy: z.string().openapi({ description: 'Who set it' }),
  originalDueOn: z.string().nullable().openapi({ description: 'The date first promised, once snoozed (YYYY-MM-DD)' }),
  note: z.string().nullable().openapi({ description: 'What was promised' }),
}).openapi('FollowUp');

const FollowUpDetailSchema = FollowUpSchema.extend({
  accountName: z.string(),
  tier: z.enum(TIERS),
  assigneeName: z.string(),
  creatorName: z.string(),
  item: z.object({
    kind: z.string(), occurredAt: z.number(),
    subject: z.string().nullable().openapi({ description: 'The item’s subject (or a note’s first line); null when you may not read the item' }),
  }),
  may: z.object({ edit: z.boolean(), reassign: z.boolean() }).openapi({ description: 'What you may do with it: mark done or snooze, hand it to a colleague' }),
}).openapi('FollowUpDetail');

const UpdateFollowUpBody = z.object({
  done: z.boolean().optional(),
  dueOn: IsoDate.optional().openapi({ description: 'Snooze: the new due date, today or later; the date first promised is kept as originalDueOn' }),
  assigneeId: z.string().min(1).max(64).optional().openapi({ description: 'Hand it to this colleague (GET /api/users); they see it in their Today' }),
  note: z.string().trim().max(2000).nullable().optional().transform((v) => (v === '' ? null : v)).openapi({ description: 'What was promised' }),
  tz: TimeZone.optional().openapi({ description: 'Your time zone: what "today" is for a snooze. Default Europe/Helsinki' }),
}).strict().refine((b) => b.done !== undefined || b.dueOn !== undefined || b.assigneeId !== undefined || b.note !== undefined, {
  message: 'Send at least one of done, dueOn, assigneeId, note',
});

function detailView(auth: AuthContext, f: FollowUpDetail) {
  const actor = actorOf(auth);
  return {
    ...followUpView(f), accountName: f.accountName, tier: f.tier, assigneeName: f.assigneeName, creatorName: f.creatorName,
    item: { kind: f.item.kind, occurredAt: f.item.occurredAt, subject: itemSubjectFor(auth.user.id, f, auth.role) },
    may: { edit: mayEditFollowUp(actor, f).allowed, reassign: mayReassignFollowUp(actor, f).allowed },
  };
}

export function followUpRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/follow-ups', operationId: 'listFollowUps', tags: ['Follow-ups'], security: bearer, summary: 'Your open follow-ups, soonest first',
        request: {
          query: z.object({
            dueBy: IsoDate.optional().openapi({ description: 'Only those due on or before this date' }),
            interactionId: z.string().max(64).optional().openapi({ description: 'Only the one on this item that is yours or that you set (the add-in)' }),
          }),
        },
        responses: { 200: { description: 'Open follow-ups', content: { 'application/json': { schema: z.object({ items: z.array(FollowUpSchema) }) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        if (q.interactionId) {
          const f = await followUpOnInteraction(auth.scope, auth.user.id, q.interactionId);
          return c.json({ items: f && (!q.dueBy || f.dueOn <= q.dueBy) ? [followUpView(f)] : [] }, 200);
        }
        return c.json({ items: (await openFollowUps(auth.scope, auth.user.id, q.dueBy)).map(followUpView) }, 200);
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
        method: 'get', path: '/accounts/{id}/follow-ups', operationId: 'listAccountFollowUps', tags: ['Follow-ups'], security: bearer,
        summary: 'Open follow-ups on an account, whoever they are assigned to, soonest first',
        description: 'What was promised to this customer and by whom. The subject of the item a follow-up came from shows only to those who may read that item.',
        request: { params: IdParam },
        responses: { 200: { description: 'Open follow-ups', content: { 'application/json': { schema: z.object({ items: z.array(FollowUpDetailSchema) }) } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        if (!(await getAccount(auth.scope, id))) throw notFound('account');
        return c.json({ items: (await accountFollowUps(auth.scope, id, 200)).map((f) => detailView(auth, f)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/follow-ups/{id}', operationId: 'updateFollowUp', tags: ['Follow-ups'], security: bearer,
        summary: 'Mark a follow-up done (or open again), snooze it to a date, hand it to a colleague, or change its note',
        description:
          'done, dueOn and note: the person it is assigned to or who set it. assigneeId: they, or a manager or admin. ' +
          'Anyone else is answered 404 as if it did not exist. Each change is audited; a snooze keeps the date first promised as originalDueOn.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: UpdateFollowUpBody } } } },
        responses: { 200: { description: 'Saved', content: { 'application/json': { schema: FollowUpSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { tz, ...change } = c.req.valid('json');
        const saved = await updateFollowUp(auth.scope, actorOf(auth), c.req.valid('param').id, change, deps.clock(), tz ?? 'Europe/Helsinki');
        return c.json(followUpView(saved), 200);
      },
    );
}
