import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { entityTag, jsonBytesTagged, jsonBytesWithETag } from '../http/etag.ts';
import { timelinePageKey } from '../http/timeline-page-cache.ts';
import { sharedDataVersion } from '../store/data-version-reads.ts';
import {
  AccountCreate, AccountListItemSchema, AccountQuery, AccountSchema, AccountUpdate, ContactSchema, IdParam, InteractionSchema,
  OpportunitySchema, Page, TimelineQuery, FeedbackSchema, FeedbackCreate, UserSchema, orNull, problems,
} from './schemas.ts';
import { AccountCanSchema } from './permission-schemas.ts';
import { ArchivedQuery } from './record-upkeep-schemas.ts';
import { openPipelineOf, requireAccount, requireAccountExists, searchAccounts } from '../store/accounts.ts';
import { createAccount } from '../use-cases/accounts/create-account.ts';
import { updateAccount } from '../use-cases/accounts/update-account.ts';
import { archiveAccount } from '../use-cases/accounts/archive-account.ts';
import { restoreAccount } from '../use-cases/accounts/restore-account.ts';
import { addFeedback } from '../use-cases/feedback/add-feedback.ts';
import { searchContacts } from '../store/contacts.ts';
import { lastContactByUser } from '../store/interactions.ts';
import { timelinePage } from '../store/timeline-rows.ts';
import { listOpportunities } from '../store/opportunities.ts';
import { listFeedback } from '../store/feedback.ts';
import { getUser } from '../store/users.ts';
import { relationshipStats } from '../store/relationships.ts';
import { DuplicateProblem, mergedAliasRedirect } from './duplicates.ts';
import { relationshipStrength, strengthLabel } from '../domain/relationship-strength.ts';
import { DAY_MS } from '../domain/types.ts';
import { carePlanStatus, periodOf } from '../domain/care-plan.ts';
import { accountMeetingsSince } from '../store/care-plan.ts';
import { CarePlanStatusSchema } from './settings-schema.ts';
import { accountCanView, accountView, actorOf, careByUserView, contactCanView, contactView, feedbackView, latestFeedbackView, decodeCursor, encodeCursor, userView } from './views.ts';
import { opportunityAnswers, timelineAnswerBytes } from './answers.ts';

export function accountRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/accounts', operationId: 'listAccounts', tags: ['Accounts'], security: bearer,
        summary: 'Search and filter accounts',
        request: { query: AccountQuery.extend(ArchivedQuery.shape) },
        responses: { 200: { description: 'A page of accounts', content: { 'application/json': { schema: Page(AccountListItemSchema) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const ownerId = q.ownerId === 'me' ? auth.user.id : q.ownerId;
        const result = await searchAccounts(
          auth.scope,
          {
            ...(q.q ? { q: q.q } : {}), ...(q.tier ? { tiers: q.tier } : {}), ...(q.lifecycle ? { lifecycles: q.lifecycle } : {}),
            ...(ownerId ? { ownerId } : {}), ...(q.industry ? { industry: q.industry } : {}), ...(q.region ? { region: q.region } : {}),
            ...(q.size ? { size: q.size } : {}), ...(q.overdue !== undefined ? { overdue: q.overdue } : {}), ...(q.archived ? { archived: q.archived } : {}),
            sort: q.sort, ...(q.order ? { order: q.order } : {}), limit: q.limit, offset: q.offset,
          },
          auth.tenant.settings,
          now,
        );
        // Listing archived accounts, each comes with `can`: Restore is offered only to whoever may use it.
        const actor = q.archived ? actorOf(auth) : undefined;
        return c.json({ items: result.items.map((a) => ({ ...accountView(a, auth.tenant.settings, now, actor), openPipelineCents: a.openPipelineCents })), total: result.total }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/accounts', operationId: 'createAccount', tags: ['Accounts'], security: bearer, summary: 'Create an account',
        request: { body: { required: true, content: { 'application/json': { schema: AccountCreate } } } },
        description: 'A likely duplicate (same registrable domain, same or similar name) is refused with 409 `urn:suhde:problem/likely-duplicate` listing `duplicates`, unless `allowDuplicate: true`. A domain another account already holds is refused with 409 `urn:suhde:problem/domain-taken` whatever `allowDuplicate` says: a domain belongs to one account.',
        responses: {
          201: { description: 'Created', content: { 'application/json': { schema: AccountSchema } } },
          ...problems(400, 401, 409, 413, 415, 503),
          409: { description: 'A likely duplicate, or the domain belongs to another account: `duplicates` names them', content: { 'application/problem+json': { schema: DuplicateProblem } } },
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const account = await createAccount(auth.scope, actorOf(auth), c.req.valid('json'), now);
        return c.json(accountView(account, auth.tenant.settings, now, actorOf(auth)), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}', operationId: 'getAccount', tags: ['Accounts'], security: bearer, summary: 'Read an account with its care status',
        description: 'An archived account still opens by its id (`archivedAt` set). `can` says what the asker may change. `openPipelineCents` and `openDeals` are its open pipeline, the same sum as the list’s: open, unarchived deals in euros.',
        request: { params: IdParam },
        responses: {
          200: {
            description: 'The account',
            content: {
              'application/json': {
                schema: AccountSchema.extend({
                  owner: orNull(UserSchema),
                  careByUser: z.array(z.object({ userId: z.string(), lastContactAt: z.number(), interactions: z.number() })),
                  latestFeedback: z.object({ nps: orNull(FeedbackSchema), csat: orNull(FeedbackSchema) }),
                  carePlan: CarePlanStatusSchema,
                  can: AccountCanSchema,
                  openPipelineCents: AccountListItemSchema.shape.openPipelineCents,
                  openDeals: z.number().int().min(0).openapi({ description: 'How many open deals the pipeline sums' }),
                }),
              },
            },
          },
          ...problems(400, 401, 404, 503),
          ...mergedAliasRedirect('account'),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const account = await requireAccount(auth.scope, c.req.valid('param').id);
        const [owner, careByUser, feedback, meetings, pipeline] = await Promise.all([
          account.ownerId ? getUser(auth.scope, account.ownerId) : null,
          lastContactByUser(auth.scope, account.id),
          listFeedback(auth.scope, account.id),
          accountMeetingsSince(auth.scope, account.id, periodOf('yearly', now, auth.tenant.settings.timeZone).start),
          openPipelineOf(auth.scope, account.id),
        ]);
        const plan = auth.tenant.settings.carePlans[account.tier];
        return c.json(
          {
            ...accountView(account, auth.tenant.settings, now, actorOf(auth)),
            owner: owner && userView(owner),
            careByUser: careByUser.map(careByUserView),
            latestFeedback: { nps: latestFeedbackView(feedback, 'nps'), csat: latestFeedbackView(feedback, 'csat') },
            carePlan: { tier: account.tier, plan: { ...plan }, items: carePlanStatus({ plan, meetings, npsGivenAt: feedback.filter((f) => f.kind === 'nps').map((f) => f.givenAt), now, timeZone: auth.tenant.settings.timeZone }) },
            can: accountCanView(actorOf(auth), account),
            openPipelineCents: pipeline.cents,
            openDeals: pipeline.deals,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/accounts/{id}', operationId: 'updateAccount', tags: ['Accounts'], security: bearer,
        summary: 'Update an account',
        description: 'Anyone may update the account they own or an unowned one; managers and admins any. The owner may change their own account’s tier; on other accounts the tier is for managers and admins, and the owner always is. An archived account is read-only (409) until restored.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: AccountUpdate } } } },
        responses: { 200: { description: 'Updated', content: { 'application/json': { schema: AccountSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const account = await updateAccount(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json'), now);
        return c.json(accountView(account, auth.tenant.settings, now, actorOf(auth)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/accounts/{id}/archive', operationId: 'archiveAccount', tags: ['Accounts'], security: bearer, summary: 'Archive an account',
        description: 'The account leaves lists, Today, care and the dashboard and its mail is no longer placed on it; it keeps its history and still opens by its id. Who may edit it may archive it. Archiving an archived account changes nothing. Deleting is only through erasure.',
        request: { params: IdParam },
        responses: { 200: { description: 'Archived', content: { 'application/json': { schema: AccountSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const account = await archiveAccount(auth.scope, actorOf(auth), c.req.valid('param').id, now);
        return c.json(accountView(account, auth.tenant.settings, now, actorOf(auth)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/accounts/{id}/restore', operationId: 'restoreAccount', tags: ['Accounts'], security: bearer, summary: 'Restore an archived account',
        description: 'Undoes an archive; mail from its domains that arrived meanwhile is placed on it.',
        request: { params: IdParam },
        responses: { 200: { description: 'Restored', content: { 'application/json': { schema: AccountSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const account = await restoreAccount(auth.scope, actorOf(auth), c.req.valid('param').id, now);
        return c.json(accountView(account, auth.tenant.settings, now, actorOf(auth)), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/timeline', operationId: 'getAccountTimeline', tags: ['Accounts'], security: bearer,
        summary: 'The account’s interactions, newest first',
        description: 'Keyset pagination: pass `next` back as `cursor`. Metadata-only items you do not hold come with `redacted: true` and no subject, snippet or note; private items of others are left out. Each page carries an `ETag` (a hash of exactly what you were sent); send it back in `If-None-Match` and an unchanged page is `304 Not Modified` with no body.',
        request: { params: IdParam, query: TimelineQuery },
        responses: {
          200: {
            description: 'A page',
            headers: { ETag: { description: 'Changes whenever what you may see on this page changes', schema: { type: 'string' } } },
            content: { 'application/json': { schema: z.object({ items: z.array(InteractionSchema), next: z.string().nullable() }) } },
          },
          304: { description: 'Not modified: the page is the one whose ETag you sent', headers: { ETag: { description: 'The same ETag', schema: { type: 'string' } } } },
          ...problems(400, 401, 404, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        const before = q.cursor ? decodeCursor(q.cursor) : undefined;
        // The tenant's data version first, then the page: a page read after a write is never kept under the
        // version from before it (http/timeline-page-cache.ts). The read is shared by requests waiting together.
        const cache = deps.timelinePages && deps.timelinePages.maxBytes > 0 ? deps.timelinePages : null;
        const version = cache ? await sharedDataVersion(auth.scope) : 0;
        const key = cache ? timelinePageKey(auth.scope.tenantId, { userId: auth.user.id, role: auth.role }, id, q) : '';
        const hit = cache?.get(key, version);
        if (hit) return jsonBytesTagged(c, hit.body, hit.tag);
        const page = await timelinePage(auth.scope, {
          accountId: id, viewerId: auth.user.id, limit: q.limit, ...(before ? { before } : {}),
          ...(q.kind ? { kinds: q.kind } : {}), ...(q.contactId ? { contactId: q.contactId } : {}), ...(q.userId ? { userId: q.userId } : {}),
        });
        // The page reads nothing of a removed account: an empty one may be a missing account (404), not an empty timeline.
        if (page.items.length === 0) await requireAccountExists(auth.scope, id);
        const body = await timelineAnswerBytes(auth.scope, page.items, { userId: auth.user.id, role: auth.role }, page.next ? encodeCursor(page.next) : null);
        if (!cache) return jsonBytesWithETag(c, body);
        // A copy of exactly the page's bytes: the assembled body is a view of a larger buffer.
        const kept = { body: Buffer.from(body), tag: entityTag(body) };
        cache.set(key, version, kept);
        return jsonBytesTagged(c, kept.body, kept.tag);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/relationships', operationId: 'getAccountRelationships', tags: ['Accounts'], security: bearer,
        summary: 'Who knows this account and its contacts, and how strongly',
        description: 'Relationship strength 0-100 per colleague, and per colleague and contact, from the last 180 days: recency, frequency, two-way exchange, meetings and calls (formula in domain/relationship-strength.ts). Metadata-only items count; their content is never shown here.',
        request: { params: IdParam },
        responses: {
          200: {
            description: 'Strengths, strongest first',
            content: {
              'application/json': {
                schema: z.object({
                  colleagues: z.array(z.object({ userId: z.string(), strength: z.number().int(), label: z.enum(['strong', 'warm', 'cooling', 'cold', 'none']), lastContactAt: z.number().nullable(), emailsIn: z.number(), emailsOut: z.number(), meetings: z.number(), calls: z.number() })),
                  contacts: z.array(z.object({ contactId: z.string(), userId: z.string(), strength: z.number().int(), label: z.enum(['strong', 'warm', 'cooling', 'cold', 'none']), lastContactAt: z.number().nullable() })),
                }),
              },
            },
          },
          ...problems(400, 401, 404, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        await requireAccount(auth.scope, id);
        const now = deps.clock();
        const stats = await relationshipStats(auth.scope, id, now - 180 * DAY_MS);
        const rate = <T extends { lastAt: number | null }>(r: T & Parameters<typeof relationshipStrength>[0]) => {
          const strength = relationshipStrength(r, now);
          return { strength, label: strengthLabel(strength, r.lastAt, now), lastContactAt: r.lastAt };
        };
        return c.json({
          colleagues: stats.byUser.map((r) => ({ userId: r.userId, ...rate(r), emailsIn: r.emailsIn, emailsOut: r.emailsOut, meetings: r.meetings, calls: r.calls })).sort((a, b) => b.strength - a.strength),
          contacts: stats.byUserContact.map((r) => ({ contactId: r.contactId!, userId: r.userId, ...rate(r) })).sort((a, b) => b.strength - a.strength),
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/contacts', operationId: 'listAccountContacts', tags: ['Accounts'], security: bearer, summary: 'The account’s contacts',
        request: { params: IdParam },
        responses: { 200: { description: 'Contacts', content: { 'application/json': { schema: Page(ContactSchema) } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        const account = await requireAccount(auth.scope, id);
        const r = await searchContacts(auth.scope, { accountId: id, limit: 1000, offset: 0 });
        return c.json({ items: r.items.map((x) => ({ ...contactView(x), can: contactCanView(actorOf(auth), x, account) })), total: r.total }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/opportunities', operationId: 'listAccountOpportunities', tags: ['Accounts'], security: bearer, summary: 'The account’s opportunities',
        request: { params: IdParam },
        responses: { 200: { description: 'Opportunities', content: { 'application/json': { schema: z.object({ items: z.array(OpportunitySchema) }) } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        await requireAccount(auth.scope, id);
        return c.json({ items: await opportunityAnswers(auth, await listOpportunities(auth.scope, { accountId: id })) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/feedback', operationId: 'listAccountFeedback', tags: ['Feedback'], security: bearer, summary: 'NPS and CSAT history, newest first',
        request: { params: IdParam },
        responses: { 200: { description: 'Feedback', content: { 'application/json': { schema: z.object({ items: z.array(FeedbackSchema) }) } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        await requireAccount(auth.scope, id);
        return c.json({ items: (await listFeedback(auth.scope, id)).map(feedbackView) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/accounts/{id}/feedback', operationId: 'createAccountFeedback', tags: ['Feedback'], security: bearer, summary: 'Record NPS (0-10) or CSAT (1-5) feedback',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: FeedbackCreate } } } },
        responses: { 201: { description: 'Recorded', content: { 'application/json': { schema: FeedbackSchema } } }, ...problems(400, 401, 404, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        const body = c.req.valid('json');
        const input = { accountId: id, contactId: body.contactId, kind: body.kind, score: body.score, comment: body.comment, givenAt: body.givenAt };
        return c.json(feedbackView(await addFeedback(auth.scope, actorOf(auth), input, deps.clock())), 201);
      },
    );
}
