import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import { inTransaction } from '../store/scope.ts';
import { setFollowUp } from '../store/follow-ups.ts';
import { FollowUpSchema } from './follow-ups.ts';
import type { Deps } from '../http/deps.ts';
import { AccountSchema, ContactSchema, IdParam, InteractionLog, InteractionSchema, InteractionUpdate, MatchRequest, MeetingLookupQuery, orNull, problems, problemResponse } from './schemas.ts';
import { findByExternalKey, findMeetingByFingerprint, getInteraction, logInteraction, removeInteraction, updateInteraction } from '../store/interactions.ts';
import { getAccounts } from '../store/accounts.ts';
import { getContact } from '../store/contacts.ts';
import { matchAddresses } from '../services/match-addresses.ts';
import { planLog } from '../services/plan-log.ts';
import { emailExternalKey, meetingExternalKey } from '../domain/message-id.ts';
import { meetingFingerprintKey } from '../domain/meeting-fingerprint.ts';
import { viewFor } from '../domain/visibility.ts';
import { DomainError, invalid, forbidden, notFound } from '../domain/errors.ts';
import { accountView, contactView, followUpView, interactionView, matchView } from './views.ts';
import type { AuthContext } from '../http/context.ts';

async function visibleInteraction(auth: AuthContext, id: string) {
  const i = await getInteraction(auth.scope, id);
  const view = i && viewFor(i, auth.user.id);
  if (!i || !view) throw notFound('interaction');
  return { interaction: i, view };
}

const holds = (auth: AuthContext, i: { holders: { userId: string }[] }) => i.holders.some((h) => h.userId === auth.user.id);

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

export function interactionRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/match', operationId: 'matchAddresses', tags: ['Matching'], security: bearer,
        summary: 'Who are these addresses? Colleagues, contacts, accounts, or unknown with suggestions',
        description: 'An address matches a contact (case-insensitive), else its registrable domain an account. Public mailbox providers never match by domain; an address fitting two accounts is `ambiguous`, never guessed.',
        request: { body: { required: true, content: { 'application/json': { schema: MatchRequest } } } },
        responses: {
          200: {
            description: 'One result per address, in order, and the accounts and contacts they name',
            content: { 'application/json': { schema: z.object({ results: z.array(MatchResultSchema), accounts: z.array(AccountSchema), contacts: z.array(ContactSchema) }).openapi('MatchResponse') } },
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
        const [accounts, contacts] = await Promise.all([
          getAccounts(auth.scope, accountIds),
          Promise.all(contactIds.map((id) => getContact(auth.scope, id))),
        ]);
        return c.json({
          results: results.map(matchView),
          accounts: accounts.map((a) => accountView(a, auth.tenant.settings, now)),
          contacts: contacts.filter((x) => x !== null).map(contactView),
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/interactions', operationId: 'logInteraction', tags: ['Interactions'], security: bearer,
        summary: 'Log an email, meeting, call, note or chat against accounts',
        description:
          'Idempotent on the email’s Message-ID or the meeting’s iCalUId: logging what is already known (by you or a colleague, or found by mailbox sync) returns the existing interaction (200, `created: false`) and records you as a logger. Accounts default to those the participants match.',
        request: { body: { required: true, content: { 'application/json': { schema: InteractionLog } } } },
        responses: {
          201: { description: 'Logged', content: { 'application/json': { schema: z.object({ created: z.literal(true), interaction: InteractionSchema, followUp: orNull(FollowUpSchema) }) } } },
          200: { description: 'Already known: you were added as a logger', content: { 'application/json': { schema: z.object({ created: z.literal(false), interaction: InteractionSchema, followUp: orNull(FollowUpSchema) }) } } },
          ...problems(400, 401, 404, 413, 415, 503),
          422: problemResponse('Not customer contact (internal-only) or no account to log it to'),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const body = c.req.valid('json');
        const now = deps.clock();
        const results = body.participants.length ? await matchAddresses(auth.scope, auth.tenant.settings, body.participants) : [];
        const plan = planLog(body, results, auth.tenant.settings);
        if (body.accountIds === undefined && plan.accountIds.length === 0) {
          throw new DomainError('unprocessable', 'No account to log to', plan.reason ?? 'None of the participants belongs to a known account. Pick the account, or create it first.', [
            { field: 'accountIds', message: 'pick at least one account' },
          ]);
        }
        const occurredAt = body.occurredAt ?? now;
        const from = body.participants.find((p) => p.role === 'from' || p.role === 'organizer');
        const externalKey =
          body.kind === 'email'
            ? emailExternalKey({
                internetMessageId: body.internetMessageId,
                from: from?.address ?? null,
                sentAt: occurredAt,
                subject: body.subject,
                to: body.participants.filter((p) => p.role === 'to' || p.role === 'cc').map((p) => p.address),
              })
            : body.kind === 'meeting'
              ? // Without its iCalUId (office.js has none) a meeting is known by organizer, minute and subject.
                (meetingExternalKey(body.iCalUId) ?? meetingFingerprintKey({ organizer: from?.address, start: occurredAt, subject: body.subject }))
              : null;
        // The interaction and the logger's follow-up commit together.
        const { result, followUp } = await inTransaction(auth.scope, async (tx) => {
          const result = await logInteraction(
          tx,
          {
            kind: body.kind,
            direction: plan.direction,
            occurredAt,
            subject: body.subject,
            snippet: body.snippet,
            note: body.note,
            durationMinutes: body.durationMinutes,
            participants: plan.participants,
            accountIds: body.accountIds ?? plan.accountIds,
            opportunityId: body.opportunityId,
            source: body.source,
            visibility: body.visibility,
            holders: [{ userId: auth.user.id, relation: 'logged', at: now }],
            externalKey,
          },
          now,
          );
          const accountId = result.interaction.accountIds[0];
          const followUp = body.followUpOn && accountId
            ? await setFollowUp(tx, { userId: auth.user.id, interactionId: result.interaction.id, accountId, dueOn: body.followUpOn }, now)
            : null;
          return { result, followUp };
        });
        const view = interactionView(viewFor(result.interaction, auth.user.id)!);
        const follow = followUp ? followUpView(followUp) : null;
        return result.created
          ? c.json({ created: true as const, interaction: view, followUp: follow }, 201)
          : c.json({ created: false as const, interaction: view, followUp: follow }, 200);
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
        const key = q.internetMessageId
          ? emailExternalKey({ internetMessageId: q.internetMessageId, from: null, sentAt: 0, subject: null, to: [] })
          : q.iCalUId
            ? meetingExternalKey(q.iCalUId)
            : q.organizer && q.start !== undefined
              ? meetingFingerprintKey({ organizer: q.organizer, start: q.start, subject: q.subject ?? null })
              : null;
        if (!key || key.startsWith('msgfp:')) {
          throw invalid('Give internetMessageId, iCalUId, or a meeting’s organizer and start.', [
            { field: 'internetMessageId', message: 'required unless iCalUId, or organizer and start, are given' },
          ]);
        }
        let i = await findByExternalKey(auth.scope, key);
        // A synced meeting carries its iCalUId: find it by what the add-in sees of it.
        if (!i && key.startsWith('mtgfp:')) i = await findMeetingByFingerprint(auth.scope, key, q.start!);
        const view = i && viewFor(i, auth.user.id);
        if (!view) throw notFound('interaction');
        return c.json(interactionView(view), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/interactions/{id}', operationId: 'getInteraction', tags: ['Interactions'], security: bearer, summary: 'Read an interaction',
        request: { params: IdParam },
        responses: { 200: { description: 'The interaction', content: { 'application/json': { schema: InteractionSchema } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => c.json(interactionView((await visibleInteraction(c.get('auth'), c.req.valid('param').id)).view), 200),
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/interactions/{id}', operationId: 'updateInteraction', tags: ['Interactions'], security: bearer,
        summary: 'Change the note, opportunity or visibility',
        description: 'Visibility belongs to those who hold the email or meeting. The note and opportunity may be changed by its holders, a manager or an admin.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: InteractionUpdate } } } },
        responses: { 200: { description: 'Updated', content: { 'application/json': { schema: InteractionSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const { interaction, view } = await visibleInteraction(auth, id);
        const holder = holds(auth, interaction);
        if (patch.visibility !== undefined && !holder) throw forbidden('Only the people who hold this email or meeting can change who sees it.');
        if (!holder && auth.role === 'rep') throw forbidden('Only its holders, a manager or an admin can change this interaction.');
        if (view.redacted) throw forbidden('You see only that this contact happened; its content is not yours to change.');
        const updated = await updateInteraction(auth.scope, id, patch, auth.user.id, deps.clock());
        return c.json(interactionView(viewFor(updated, auth.user.id)!), 200);
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
        const { interaction } = await visibleInteraction(auth, id);
        if (!holds(auth, interaction) && auth.role === 'rep') throw forbidden('Only its holders, a manager or an admin can remove this interaction.');
        await removeInteraction(auth.scope, id, auth.user.id, c.req.valid('query').reason ?? null, deps.clock());
        return c.body(null, 204);
      },
    );
}
