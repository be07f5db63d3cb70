import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import { FollowUpSchema } from './follow-ups.ts';
import type { Deps } from '../http/deps.ts';
import { AccountListItemSchema, ContactSchema, IdParam, InteractionLog, InteractionSchema, InteractionUpdate, MatchRequest, MeetingLookupQuery, orNull, problems, problemResponse } from './schemas.ts';
import { getAccounts, openPipelinesOf } from '../store/accounts.ts';
import { getContact } from '../store/contacts.ts';
import { matchAddresses } from '../use-cases/interactions/match-addresses.ts';
import { logInteractionRequest } from '../use-cases/interactions/log-interaction.ts';
import { lookupInteraction, readInteraction } from '../use-cases/interactions/read-interaction.ts';
import { changeInteraction } from '../use-cases/interactions/change-interaction.ts';
import { removeInteraction } from '../use-cases/interactions/remove-interaction.ts';
import type { Viewer } from '../domain/interaction-access.ts';
import { accountView, contactView, followUpView, matchView } from './views.ts';
import { interactionAnswer } from './answers.ts';
import type { AuthContext } from '../http/context.ts';

const viewer = (auth: AuthContext): Viewer => ({ userId: auth.user.id, role: auth.role });

const MatchResultSchema = z
  .object({
    address: z.string(),
    displayName: z.string().nullable(),
    kind: z.enum(['colleague', 'contact', 'account', 'ambiguous', 'unknown', 'personal', 'blocked', 'invalid']),
    userId: z.string().nullable(),
    contactId: z.string().nullable(),
    accountIds: z.array(z.string()),
    automated: z.boolean(),
    suggestion: z
      .object({
        newContact: z.object({ name: z.string(), accountId: z.string().nullable() }).nullable(),
        newAccount: z.object({ domain: z.string(), name: z.string() }).nullable(),
      })
      .nullable(),
  })
  .openapi('MatchResult');

const LoggedAsSchema = z.enum(['interaction', 'note']).openapi({
  description: '`note` when the email or meeting is a colleague’s you may not see: your log was kept as a note of your own, linked to nothing of theirs',
});

export function interactionRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/match', operationId: 'matchAddresses', tags: ['Matching'], security: bearer,
        summary: 'Who are these addresses? Colleagues, contacts, accounts, or unknown with suggestions',
        description: 'An address matches a contact (case-insensitive), else its registrable domain an account. Public mailbox providers never match by domain; an address fitting two accounts is `ambiguous`, never guessed. Each account carries its `openPipelineCents` (the accounts list’s sum), so a client showing the match needs no further request for it.',
        request: { body: { required: true, content: { 'application/json': { schema: MatchRequest } } } },
        responses: {
          200: {
            description: 'One result per address, in order, and the accounts and contacts they name',
            content: { 'application/json': { schema: z.object({ results: z.array(MatchResultSchema), accounts: z.array(AccountListItemSchema), contacts: z.array(ContactSchema) }).openapi('MatchResponse') } },
          },
          ...problems(400, 401, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const results = await matchAddresses(auth.scope, auth.tenant.settings, c.req.valid('json').addresses);
        const accountIds = [...new Set(results.flatMap((r) => r.accountIds))];
        const contactIds = [...new Set(results.map((r) => r.contactId).filter((x): x is string => !!x))];
        const [accounts, contacts, pipelines] = await Promise.all([
          getAccounts(auth.scope, accountIds),
          Promise.all(contactIds.map((id) => getContact(auth.scope, id))),
          openPipelinesOf(auth.scope, accountIds),
        ]);
        return c.json({
          results: results.map(matchView),
          accounts: accounts.map((a) => ({ ...accountView(a, auth.tenant.settings, now), openPipelineCents: pipelines.get(a.id)?.cents ?? 0 })),
          contacts: contacts.filter((x) => x !== null).map(contactView),
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/interactions', operationId: 'logInteraction', tags: ['Interactions'], security: bearer,
        summary: 'Log an email, meeting, call, note or chat against accounts',
        description:
          'Idempotent on the email’s Message-ID or the meeting’s iCalUId: logging what is already known (by you, a colleague or mailbox sync) returns the existing interaction (200, `created: false`) and records you as a logger, when you hold it (your synced mailbox has it) or it is shared. Knowing the key of a colleague’s private, metadata-only or removed item proves nothing: your log becomes a note of your own on the accounts (201, `loggedAs: note`), without the message’s subject, content or key, and the stored item is left as it was. Accounts default to those the participants match.',
        request: { body: { required: true, content: { 'application/json': { schema: InteractionLog } } } },
        responses: {
          201: { description: 'Logged (or, see `loggedAs`, kept as your own note)', content: { 'application/json': { schema: z.object({ created: z.literal(true), loggedAs: LoggedAsSchema, interaction: InteractionSchema, followUp: orNull(FollowUpSchema) }) } } },
          200: { description: 'Already known: you were added as a logger', content: { 'application/json': { schema: z.object({ created: z.literal(false), loggedAs: z.literal('interaction'), interaction: InteractionSchema, followUp: orNull(FollowUpSchema) }) } } },
          ...problems(400, 401, 404, 413, 415, 503),
          422: problemResponse('Not customer contact (internal-only) or no account to log it to'),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const body = c.req.valid('json');
        const now = deps.clock();
        const result = await logInteractionRequest(auth.scope, { ...viewer(auth), settings: auth.tenant.settings }, body, now);
        const view = await interactionAnswer(auth.scope, result.view);
        const follow = result.followUp ? followUpView(result.followUp) : null;
        return result.created
          ? c.json({ created: true as const, loggedAs: result.loggedAs, interaction: view, followUp: follow }, 201)
          : c.json({ created: false as const, loggedAs: 'interaction' as const, interaction: view, followUp: follow }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/interactions/lookup', operationId: 'lookupInteraction', tags: ['Interactions'], security: bearer,
        summary: 'Find the interaction of an email (Message-ID) or meeting (iCalUId): is it logged already?',
        description:
          'By the email’s Message-ID, the meeting’s iCalUId, or (what an Outlook add-in can see of a meeting) its organizer, start and subject. 404 when it is not logged, or not yours to see.',
        request: { query: MeetingLookupQuery },
        responses: { 200: { description: 'The interaction', content: { 'application/json': { schema: InteractionSchema } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const view = await lookupInteraction(auth.scope, viewer(auth), q);
        return c.json(await interactionAnswer(auth.scope, view), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/interactions/{id}', operationId: 'getInteraction', tags: ['Interactions'], security: bearer, summary: 'Read an interaction',
        request: { params: IdParam },
        responses: { 200: { description: 'The interaction', content: { 'application/json': { schema: InteractionSchema } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => c.json(await interactionAnswer(c.get('auth').scope, (await readInteraction(c.get('auth').scope, viewer(c.get('auth')), c.req.valid('param').id)).view), 200),
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/interactions/{id}', operationId: 'updateInteraction', tags: ['Interactions'], security: bearer,
        summary: 'Change the note, opportunity, visibility or business-review mark',
        description: 'Visibility belongs to those who hold the email or meeting. The note, opportunity and business-review mark (meetings only: true, false, or null to let the subject decide) may be changed by its holders, a manager or an admin.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: InteractionUpdate } } } },
        responses: { 200: { description: 'Updated', content: { 'application/json': { schema: InteractionSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const updated = await changeInteraction(auth.scope, viewer(auth), id, patch, deps.clock());
        return c.json(await interactionAnswer(auth.scope, updated), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/interactions/{id}', operationId: 'removeInteraction', tags: ['Interactions'], security: bearer,
        summary: 'Remove (unlink) an interaction: soft and audited',
        request: { params: IdParam, query: z.object({ reason: z.string().max(500).optional() }) },
        responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        await removeInteraction(auth.scope, viewer(auth), { id, reason: c.req.valid('query').reason ?? null }, deps.clock());
        return c.body(null, 204);
      },
    );
}
