// The managers' dashboard (manager and admin roles) and a salesperson's Today list.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { problems } from './schemas.ts';
import { STAGES, TIERS, DAY_MS } from '../domain/types.ts';
import { isSupportedDate, isValidTimeZone, periodOf, SUPPORTED_DATE_MESSAGE, trailingPeriod, type Period } from '../domain/period.ts';
import { invalid } from '../domain/errors.ts';
import { computeDashboard, type DashboardFigures } from '../use-cases/analytics/compute-dashboard.ts';
import { createDashboardCache } from '../use-cases/analytics/dashboard-cache.ts';
import { rateRelationships } from '../use-cases/analytics/rate-relationships.ts';
import { listNextActions } from '../use-cases/analytics/list-next-actions.ts';

/** Day boundaries and weeks follow this zone unless the request names another. */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';
const MAX_PERIOD_DAYS = 366;

const IsoDate = z.iso.date('must be a date like 2026-09-30').refine(isSupportedDate, SUPPORTED_DATE_MESSAGE);
const TimeZone = z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone like Europe/Helsinki');
const Count = z.number().int();
const Cents = z.number().int().openapi({ description: 'Integer cents (EUR)' });

const DashboardQuery = z.object({
  from: IsoDate.optional().openapi({ description: 'First day of the period (local); with `to`. Default: the last `days` days.' }),
  to: IsoDate.optional().openapi({ description: 'Last day of the period, inclusive' }),
  days: z.coerce.number().int().min(1).max(MAX_PERIOD_DAYS).default(90).openapi({ description: 'Trailing period length when from/to are not given' }),
  team: z.string().trim().min(1).max(100).optional().openapi({ description: 'A team name, or "all" for the whole organisation. Default: your own team.' }),
  tz: TimeZone.default(DEFAULT_TIME_ZONE),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'How many accounts the per-account table and the going-cold list show' }),
  refresh: z.enum(['true', 'false']).default('false').transform((v) => v === 'true')
    .openapi({ description: 'true: compute the figures now instead of serving the ones computed less than a minute ago' }),
});

const RepSchema = z.object({
  userId: z.string(), displayName: z.string(), role: z.string(),
  emailsSent: Count, emailsReceived: Count, meetings: Count, meetingMinutes: Count, calls: Count, callMinutes: Count, chats: Count, notes: Count,
  accountsTouched: Count, contactsTouched: Count, effortMinutes: Count,
  medianReplyMinutes: Count.nullable().openapi({ description: 'Median minutes from a customer email to this colleague’s next email to that account (within 14 days)' }),
  repliedEmails: Count,
});

const DashboardSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), start: z.number(), end: z.number(), asOf: z.number() }),
    team: z.string().nullable(),
    reps: z.array(RepSchema),
    accounts: z.object({
      total: Count,
      items: z.array(z.object({
        accountId: z.string(), name: z.string(), tier: z.enum(TIERS), ownerId: z.string().nullable(), touches: Count,
        byChannel: z.object({ email: Count, meeting: Count, call: Count, chat: Count, note: Count }),
        byRep: z.array(z.object({ userId: z.string(), touches: Count })),
        effortMinutes: Count, openPipelineCents: Cents, wonCents: Cents,
      })),
    }),
    care: z.array(z.object({ tier: z.enum(TIERS), cadenceDays: Count.nullable(), accounts: Count, withinCadence: Count, overdue: Count, share: z.number().nullable() })),
    goingCold: z.object({
      total: Count,
      items: z.array(z.object({
        accountId: z.string(), name: z.string(), tier: z.enum(TIERS), ownerId: z.string().nullable(), lastContactAt: z.number().nullable(),
        earlierTouches: Count, recentTouches: Count,
      })),
    }),
    pipeline: z.object({
      currency: z.literal('EUR'),
      stages: z.array(z.object({ stage: z.enum(STAGES), count: Count, valueCents: Cents, weightedCents: Cents })),
      openValueCents: Cents, weightedForecastCents: Cents,
      wonInPeriod: z.object({ count: Count, valueCents: Cents }),
    }),
    weekly: z.array(z.object({ weekStart: z.number(), emails: Count, meetings: Count, meetingMinutes: Count, calls: Count, chats: Count, notes: Count })),
    computedAt: z.number().openapi({ description: 'When these figures were computed (epoch ms): they are shared for a minute, and computed again sooner when the tenant’s data changes (on every server instance)' }),
    cached: z.boolean().openapi({ description: 'Whether they were computed for an earlier request' }),
  })
  .openapi('Dashboard');

const NextActionSchema = z
  .object({
    id: z.string(),
    type: z.enum(['follow-up-due', 'unanswered-email', 'overdue-cadence', 'idle-opportunity', 'cooling-relationship']),
    accountId: z.string(), accountName: z.string(), tier: z.enum(TIERS),
    reason: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }),
    action: z.object({
      kind: z.enum(['open-thread', 'log-call', 'schedule-follow-up']), interactionId: z.string().optional(), opportunityId: z.string().optional(),
      followUpId: z.string().optional().openapi({ description: 'A due follow-up: PATCH /api/follow-ups/{followUpId} marks it done, snoozes or reassigns it' }),
    }),
    since: z.number(),
    priority: z.number(),
  })
  .openapi('NextAction');

export function periodFrom(q: Pick<z.infer<typeof DashboardQuery>, 'from' | 'to' | 'days' | 'tz'>, now: number): Period {
  if (!q.from && !q.to) return trailingPeriod(now, q.days, q.tz);
  if (!q.from || !q.to) {
    throw invalid('Give both from and to, or neither (then the last `days` days are shown).', [{ field: q.from ? 'to' : 'from', message: 'required with the other' }]);
  }
  if (q.from > q.to) throw invalid('The period starts after it ends.', [{ field: 'from', message: 'must be on or before to' }]);
  const p = periodOf(q.from, q.to, q.tz);
  if (p.end - p.start > (MAX_PERIOD_DAYS + 1) * DAY_MS) {
    throw invalid(`A period can be at most ${MAX_PERIOD_DAYS} days long.`, [{ field: 'from', message: `at most ${MAX_PERIOD_DAYS} days before to` }]);
  }
  return p;
}

export function analyticsRoutes(deps: Deps) {
  const dashboards = deps.dashboards ?? createDashboardCache<DashboardFigures>();
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/analytics/dashboard', operationId: 'getDashboard', tags: ['Analytics'], security: bearer, middleware: [requireRole('manager', 'admin')] as const,
        summary: 'Collaboration activity, care compliance and pipeline of a team over a period (managers)',
        description:
          'Per rep: emails sent to and received from customers, meetings and their minutes, calls, distinct accounts and contacts, median reply time. ' +
          'Per account: touches by channel and by rep, effort (meeting and call minutes plus the tenant’s minutes per email) beside open pipeline and won value. ' +
          'Care compliance per tier at the period’s end, accounts going cold, pipeline by stage with the weighted forecast, weekly trends. ' +
          'Counts include metadata-only and private items; no item’s content is returned.',
        request: { query: DashboardQuery },
        responses: { 200: { description: 'The dashboard', content: { 'application/json': { schema: DashboardSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const team = q.team === 'all' ? null : (q.team ?? auth.user.team);
        const result = await computeDashboard(dashboards, { scope: auth.scope, settings: auth.tenant.settings, period: periodFrom(q, now), team, limit: q.limit, refresh: q.refresh, now });
        return c.json({ ...result.value, computedAt: result.computedAt, cached: result.fromCache }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/relationship-strength', operationId: 'listRelationshipStrengths', tags: ['Analytics'], security: bearer,
        summary: 'Relationship strength of a list of accounts: yours and the strongest colleague’s',
        description: 'For an account list’s column: per account, your strength 0-100 and the strongest colleague’s, from the last 180 days (formula in domain/relationship-strength.ts). Unknown ids are left out.',
        request: { query: z.object({ accountIds: z.string().max(64 * 200 + 200).transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))]).pipe(z.array(z.string().max(64)).min(1).max(200)) }) },
        responses: {
          200: {
            description: 'Strengths',
            content: {
              'application/json': {
                schema: z.object({
                  items: z.array(z.object({
                    accountId: z.string(),
                    mine: z.object({ strength: Count, label: z.enum(['strong', 'warm', 'cooling', 'cold', 'none']) }),
                    strongest: z.object({ userId: z.string().nullable(), strength: Count, label: z.enum(['strong', 'warm', 'cooling', 'cold', 'none']) }),
                  })),
                }),
              },
            },
          },
          ...problems(400, 401, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const items = await rateRelationships(auth.scope, auth.user.id, c.req.valid('query').accountIds, now);
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/today', operationId: 'listNextActions', tags: ['Analytics'], security: bearer,
        summary: 'Your next-best actions: unanswered customer email, overdue cadences, idle opportunities, cooling relationships',
        description: 'One action per account, highest priority first, each with a reason code and its figures and a one-click action.',
        request: {
          query: z.object({
            idleDays: z.coerce.number().int().min(1).max(365).optional().openapi({ description: 'An open opportunity with no activity for this many days is idle. Default: the tenant’s idleDealDays (21 unless an admin changed it)' }),
            tz: TimeZone.default(DEFAULT_TIME_ZONE),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: { 200: { description: 'Actions', content: { 'application/json': { schema: z.object({ items: z.array(NextActionSchema), generatedAt: z.number() }) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const items = await listNextActions({ scope: auth.scope, settings: auth.tenant.settings, userId: auth.user.id, idleDays: q.idleDays ?? auth.tenant.settings.idleDealDays, timeZone: q.tz, limit: q.limit, now });
        return c.json({ items, generatedAt: now }, 200);
      },
    );
}
