// The review queue: email and meetings nobody could place with an account, grouped by domain and by person,
// and the one-click actions that place them (or ignore them).
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { problems } from './schemas.ts';
import { listReviewQueue, type ReviewQueueResult } from '../use-cases/review/list-review-queue.ts';
import { actOnReview } from '../use-cases/review/act-on-review.ts';
import type { DomainGroup, PersonGroup } from '../domain/review-queue.ts';
import { actorOf } from './views.ts';

const ReviewItem = z.object({
  id: z.string(), kind: z.string(), occurredAt: z.number(),
  subject: z.string().nullable().openapi({ description: 'Null when you see only that the contact happened' }),
  redacted: z.boolean(),
}).openapi('ReviewItem');
const Candidate = z.object({ id: z.string(), name: z.string() });
const Group = {
  key: z.string().openapi({ description: 'The group to act on: "domain:<domain>" or "person:<address>"' }),
  count: z.number(), latest: ReviewItem, candidates: z.array(Candidate),
  suggestedAction: z.enum(['create-account', 'pick-account', 'add-contact']),
};
const ReviewQueueSchema = z.object({
  domains: z.array(z.object({
    ...Group, domain: z.string(), match: z.enum(['unknown', 'ambiguous', 'account']), addresses: z.array(z.string()), suggestedAccountName: z.string().nullable(),
  }).openapi('ReviewDomainGroup')),
  people: z.array(z.object({
    ...Group, address: z.string(), displayName: z.string().nullable(), domain: z.string().nullable(),
    match: z.enum(['unknown', 'ambiguous', 'account', 'personal', 'contact']), contactId: z.string().nullable(), suggestedContactName: z.string(),
  }).openapi('ReviewPersonGroup')),
  total: z.number().openapi({ description: 'Distinct interactions waiting' }),
}).openapi('ReviewQueue');
const Key = z.string().trim().min(3).max(400);
const AccountRef = z.string().min(1).max(64);
const ReviewAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create-account'), key: Key, name: z.string().trim().min(1).max(200).optional() }),
  z.object({ action: z.literal('add-contact'), key: Key, accountId: AccountRef, name: z.string().trim().min(1).max(200).optional() }),
  z.object({ action: z.literal('pick-account'), key: Key, accountId: AccountRef }),
  z.object({ action: z.literal('ignore'), key: Key, scope: z.enum(['tenant', 'me']).openapi({ description: 'tenant: everyone’s (admins); me: your own mailbox’s blocklist' }) }),
]).openapi('ReviewAction');

function groupView(q: ReviewQueueResult, g: DomainGroup | PersonGroup) {
  const base = {
    key: g.key, count: g.count, suggestedAction: g.suggestedAction,
    latest: { id: g.latest.id, kind: g.latest.kind, occurredAt: g.latest.occurredAt, subject: g.latest.subject, redacted: g.latest.redacted },
    candidates: g.candidateIds.map((id) => ({ id, name: q.accounts.get(id) ?? id })),
  };
  if ('address' in g) {
    return { ...base, address: g.address, displayName: g.displayName, domain: g.domain, match: g.match, contactId: g.contactId, suggestedContactName: g.suggestedContactName };
  }
  return { ...base, domain: g.domain, match: g.match, addresses: [...g.addresses], suggestedAccountName: g.suggestedAccountName };
}

export function reviewRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/review', operationId: 'getReviewQueue', tags: ['Review'], security: bearer,
        summary: 'Email and meetings that belong to no account yet, by domain and by person (yours; an admin sees everyone’s)',
        responses: { 200: { description: 'The queue', content: { 'application/json': { schema: ReviewQueueSchema } } }, ...problems(401, 503) },
      }),
      async (c) => {
        const q = await listReviewQueue(c.get('auth').scope, actorOf(c.get('auth')));
        return c.json({ domains: q.domains.map((g) => groupView(q, g)), people: q.people.map((g) => groupView(q, g)), total: q.total } as z.infer<typeof ReviewQueueSchema>, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/review/actions', operationId: 'actOnReview', tags: ['Review'], security: bearer,
        summary: 'Place a review group: create its account, add the person as a contact, pick an account, or ignore it',
        description: 'Past email and meetings of the group join the account’s timeline at once, and its last contact is updated.',
        request: { body: { required: true, content: { 'application/json': { schema: ReviewAction } } } },
        responses: {
          200: { description: 'Done', content: { 'application/json': { schema: z.object({ linked: z.number(), accountId: z.string().nullable(), contactId: z.string().nullable() }).openapi('ReviewActionResult') } } },
          ...problems(400, 401, 403, 404, 409, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(await actOnReview(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock()), 200);
      },
    );
}
