// Meetings as a Teams meeting tab sees them: by the meeting's chat thread (teams-js chat.id), the meeting
// interaction the calendar sync found for it and the accounts of its external attendees.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { AccountSchema, InteractionSchema, UserSchema, orNull, problems } from './schemas.ts';
import { TEAMS_THREAD_ID } from '../domain/teams-thread-id.ts';
import { occurrenceAt } from '../domain/meeting-occurrence.ts';
import { viewFor } from '../domain/visibility.ts';
import { meetingsOfThread } from '../store/meeting-threads.ts';
import { getInteractions } from '../store/interactions.ts';
import { getAccounts } from '../store/accounts.ts';
import { getUser } from '../store/users.ts';
import { DomainError } from '../domain/errors.ts';
import { accountView, interactionView, userView } from './views.ts';

const ChatIdParam = z.object({
  chatId: z
    .string()
    .regex(TEAMS_THREAD_ID, 'must be a Teams chat thread id like 19:meeting_…@thread.v2')
    .openapi({ param: { name: 'chatId', in: 'path' }, example: '19:meeting_ODkyNWFmNGYtZjBjYS00MDdlLTllOWQtN2E3MzJlNjM0ZWRj@thread.v2' }),
});

const MeetingAccountSchema = AccountSchema.extend({ owner: orNull(UserSchema) }).openapi('MeetingAccount');

const MeetingByChatSchema = z
  .object({
    meeting: InteractionSchema,
    accounts: z.array(MeetingAccountSchema).openapi({ description: 'The accounts of the meeting’s external attendees (the interaction’s accounts)' }),
    occurrences: z.number().int().openapi({ description: 'How many meetings share this chat (a recurring Teams meeting has one chat for all its occurrences)' }),
  })
  .openapi('MeetingByChat');

/** One answer for "not synced", "not a Teams meeting", "removed" and "not yours to see": nothing is revealed. */
const unknownMeeting = () =>
  new DomainError(
    'not-found',
    'Meeting not known',
    'No meeting in Suhde has this Teams chat. Its calendar may not have synced yet, it may not be a Teams meeting with a customer, or it is not yours to see.',
  );

export function meetingRoutes(deps: Deps) {
  return newRouter().openapi(
    createRoute({
      method: 'get', path: '/meetings/by-chat/{chatId}', operationId: 'getMeetingByChat', tags: ['Meetings'], security: bearer,
      summary: 'The meeting of a Teams meeting chat, with its accounts',
      description:
        'For a Teams meeting tab: `chatId` is the tab context’s chat.id (URL-encoded in the path). The calendar sync records each online Teams meeting’s chat thread from its event’s `onlineMeeting.joinUrl`. A recurring meeting shares one chat: the occurrence under way, else the one nearest to now, is answered. Visibility applies as on `GET /interactions/{id}`: a metadata-only meeting is redacted, a private one you do not hold is not found. 404 (problem titled “Meeting not known”) when no visible meeting has this chat.',
      request: { params: ChatIdParam },
      responses: { 200: { description: 'The meeting and its accounts', content: { 'application/json': { schema: MeetingByChatSchema } } }, ...problems(400, 401, 404, 503) },
    }),
    async (c) => {
      const auth = c.get('auth');
      const now = deps.clock();
      const occurrences = await meetingsOfThread(auth.scope, c.req.valid('param').chatId);
      const visible = (await getInteractions(auth.scope, occurrences.map((o) => o.id))).flatMap((i) => viewFor(i, auth.user.id) ?? []);
      const meeting = occurrenceAt(visible, now);
      if (!meeting) throw unknownMeeting();
      const accounts = await getAccounts(auth.scope, meeting.accountIds);
      const owners = new Map(
        await Promise.all([...new Set(accounts.flatMap((a) => (a.ownerId ? [a.ownerId] : [])))].map(async (id) => [id, await getUser(auth.scope, id)] as const)),
      );
      return c.json(
        {
          meeting: interactionView(meeting),
          accounts: accounts
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((a) => {
              const o = a.ownerId ? owners.get(a.ownerId) : null;
              return { ...accountView(a, auth.tenant.settings, now), owner: o ? userView(o) : null };
            }),
          occurrences: visible.length,
        },
        200,
      );
    },
  );
}
