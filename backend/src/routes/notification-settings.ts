// Your activity-feed reminders: which kinds you get in Teams (due follow-ups, overdue A/B accounts, idle deals, the
// weekly digest) and the language they are written in.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { problems } from './schemas.ts';
import { getNotificationSettings } from '../store/notifications.ts';
import { updateNotificationSettings } from '../use-cases/notifications/update-notification-settings.ts';

const NotificationSettingsSchema = z.object({
  followUpsDue: z.boolean().openapi({ description: 'Your follow-ups on the day they are due (and each day after, once a day)' }),
  overdueCadences: z.boolean().openapi({ description: 'Your A and B accounts past their care model’s cadence' }),
  idleDeals: z.boolean().openapi({ description: 'Your open deals with no activity for the tenant’s idleDealDays' }),
  weeklyDigest: z.boolean().openapi({ description: 'A weekly digest: overdue, due this week, idle deals (a manager’s covers their team)' }),
  locale: z.enum(['en-US', 'fi-FI']).openapi({ description: 'The language reminders are written in' }),
}).strict().openapi('NotificationSettings');

export function notificationSettingsRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/me/notification-settings', operationId: 'getNotificationSettings', tags: ['Notifications'], security: bearer,
        summary: 'Which Teams activity-feed reminders you get',
        responses: { 200: { description: 'Your settings (all on until you change them)', content: { 'application/json': { schema: NotificationSettingsSchema } } }, ...problems(401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const s = await getNotificationSettings(auth.scope, auth.user.id);
        return c.json({ ...s, locale: s.locale === 'fi-FI' ? 'fi-FI' as const : 'en-US' as const }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put', path: '/me/notification-settings', operationId: 'replaceNotificationSettings', tags: ['Notifications'], security: bearer,
        summary: 'Choose which Teams activity-feed reminders you get',
        request: { body: { required: true, content: { 'application/json': { schema: NotificationSettingsSchema } } } },
        responses: { 200: { description: 'Saved', content: { 'application/json': { schema: NotificationSettingsSchema } } }, ...problems(400, 401, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const s = await updateNotificationSettings(auth.scope, auth.user.id, c.req.valid('json'), deps.clock());
        return c.json({ ...s, locale: s.locale === 'fi-FI' ? 'fi-FI' as const : 'en-US' as const }, 200);
      },
    );
}
