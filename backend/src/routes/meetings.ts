// Meetings as a Teams meeting tab sees them: by the meeting's chat thread (teams-js chat.id), the meeting
// interaction the calendar sync found for it and the accounts of its external attendees.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { AccountSchema, InteractionSchema, UserSchema, orNull, problems } from './schemas.ts';
import { TEAMS_THREAD_ID } from '../domain/teams-thread-id.ts';
import { findMeetingByChat } from '../use-cases/interactions/find-meeting-by-chat.ts';
import { DomainError } from '../domain/errors.ts';
import { accountView, userView } from './views.ts';
import { interactionAnswer } from './answers.ts';

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
      const found = await findMeetingByChat(auth.scope, { userId: auth.user.id, role: auth.role }, c.req.valid('param').chatId, now);
      if (!found) throw unknownMeeting();
      return c.json(
        {
          meeting: await interactionAnswer(auth.scope, found.meeting),
          accounts: found.accounts.map(({ account, owner }) => ({ ...accountView(account, auth.tenant.settings, now), owner: owner ? userView(owner) : null })),
          occurrences: found.occurrences,
        },
        200,
      );
    },
  );
}
