// The managers' dashboard (manager and admin roles) and a salesperson's Today list.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { problemResponses } from './schemas.ts';
import { STAGES, TIERS, DAY_MS } from '../domain/types.ts';
import { isSupportedDate, isValidTimeZone, periodOf, SUPPORTED_DATE_MESSAGE, trailingPeriod, type Period } from '../domain/period.ts';
import { dueFollowUps } from '../store/follow-ups.ts';
import { nextBestActions } from '../domain/next-best-actions.ts';
import { accountActivity, careCompliance, colleagueStatsForAccounts, goingCold, repActivity, teamPipeline, weeklyTrend, type DashboardScope } from '../store/analytics.ts';
import { relationshipStrength, strengthLabel } from '../domain/relationship-strength.ts';
import { idleOpportunities, myAccountExchange, unansweredEmails } from '../store/today.ts';
import { searchAccounts } from '../store/accounts.ts';
import { listUsers } from '../store/users.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { getAccounts } from '../store/accounts.ts';
import { createDashboardCache, dashboardKey } from '../services/dashboard-cache.ts';

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
    computedAt: z.number().openapi({ description: 'When these figures were computed (epoch ms): they are shared for a minute, then computed again' }),
    cached: z.boolean().openapi({ description: 'Whether they were computed for an earlier request' }),
  })
  .openapi('Dashboard');

const NextActionSchema = z
  .object({
    id: z.string(),
    type: z.enum(['follow-up-due', 'unanswered-email', 'overdue-cadence', 'idle-opportunity', 'cooling-relationship']),
    accountId: z.string(), accountName: z.string(), tier: z.enum(TIERS),
    reason: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }),
    action: z.object({ kind: z.enum(['open-thread', 'log-call', 'schedule-follow-up']), interactionId: z.string().optional(), opportunityId: z.string().optional() }),
    since: z.number(),
    priority: z.number(),
  })
  .openapi('NextAction');

function periodFrom(q: z.infer<typeof DashboardQuery>, now: number): Period {
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

/** The dashboard's figures, as the cache keeps them. */
export type DashboardFigures = Omit<z.infer<typeof DashboardSchema>, 'computedAt' | 'cached'>;

export function analyticsRoutes(deps: Deps) {
  const dashboards = deps.dashboards ?? createDashboardCache<DashboardFigures>();
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/analytics/dashboard', tags: ['Analytics'], security: bearer, middleware: [requireRole('manager', 'admin')] as const,
        summary: 'Collaboration activity, care compliance and pipeline of a team over a period (managers)',
        description:
          'Per rep: emails sent to and received from customers, meetings and their minutes, calls, distinct accounts and contacts, median reply time. ' +
          'Per account: touches by channel and by rep, effort (meeting and call minutes plus the tenant’s minutes per email) beside open pipeline and won value. ' +
          'Care compliance per tier at the period’s end, accounts going cold, pipeline by stage with the weighted forecast, weekly trends. ' +
          'Counts include metadata-only and private items; no item’s content is returned.',
        request: { query: DashboardQuery },
        responses: { 200: { description: 'The dashboard', content: { 'application/json': { schema: DashboardSchema } } }, ...problemResponses },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const period = periodFrom(q, now);
        const teamName = q.team === 'all' ? null : (q.team ?? auth.user.team);
        const users = await listUsers(auth.scope);
        const members = teamName === null ? users : users.filter((u) => u.team === teamName);
        if (teamName !== null && members.length === 0) throw notFound(`team named “${teamName}”`);
        const d: DashboardScope = {
          scope: auth.scope, memberIds: members.map((u) => u.id), start: period.start, end: period.end, weekStart: period.weekStart,
          asOf: Math.min(period.end, now), settings: auth.tenant.settings,
        };
        const { cadenceDays, minutesPerEmail } = auth.tenant.settings;
        // Everything the figures depend on; a current period's asOf moves with the clock and is taken at computation.
        const key = dashboardKey(auth.scope.tenantId, { team: teamName, members: d.memberIds, start: d.start, end: d.end, weekStart: d.weekStart, ended: d.asOf === d.end, limit: q.limit, cadenceDays, minutesPerEmail });
        const result = await dashboards.get(key, now, async () => {
          // Side by side: PostgreSQL runs them on several pooled connections; SQLite's one connection takes them in turn.
          const [reps, accounts, care, cold, pipeline, weekly] = await Promise.all([
            repActivity(d), accountActivity(d, q.limit), careCompliance(d), goingCold(d, q.limit), teamPipeline(d), weeklyTrend(d),
          ]);
          const byId = new Map(members.map((u) => [u.id, u]));
          return {
            period: { from: period.from, to: period.to, timeZone: period.timeZone, start: period.start, end: period.end, asOf: d.asOf },
            team: teamName,
            reps: reps.map((r) => ({ ...r, displayName: byId.get(r.userId)!.displayName, role: byId.get(r.userId)!.role })),
            accounts, care, goingCold: cold, pipeline, weekly,
          };
        }, q.refresh);
        return c.json({ ...result.value, computedAt: result.computedAt, cached: result.fromCache }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/relationship-strength', tags: ['Analytics'], security: bearer,
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
          ...problemResponses,
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        // Only this tenant's accounts: another tenant's id simply does not come back.
        const asked = c.req.valid('query').accountIds;
        const order = new Map(asked.map((id, k) => [id, k]));
        const accounts = (await getAccounts(auth.scope, asked)).sort((x, y) => order.get(x.id)! - order.get(y.id)!);
        const stats = await colleagueStatsForAccounts(auth.scope, accounts.map((a) => a.id), now - 180 * DAY_MS);
        const items = accounts.map((a) => {
          const rated = stats.filter((s) => s.accountId === a.id).map((s) => {
            const strength = relationshipStrength(s, now);
            return { userId: s.userId, strength, label: strengthLabel(strength, s.lastAt, now) };
          });
          const mine = rated.find((r) => r.userId === auth.user.id);
          const strongest = rated.sort((x, y) => y.strength - x.strength)[0];
          return {
            accountId: a.id,
            mine: mine ? { strength: mine.strength, label: mine.label } : { strength: 0, label: 'none' as const },
            strongest: strongest ?? { userId: null, strength: 0, label: 'none' as const },
          };
        });
        return c.json({ items }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/today', tags: ['Analytics'], security: bearer,
        summary: 'Your next-best actions: unanswered customer email, overdue cadences, idle opportunities, cooling relationships',
        description: 'One action per account, highest priority first, each with a reason code and its figures and a one-click action.',
        request: {
          query: z.object({
            idleDays: z.coerce.number().int().min(1).max(365).default(21).openapi({ description: 'An open opportunity with no activity for this many days is idle' }),
            tz: TimeZone.default(DEFAULT_TIME_ZONE),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: { 200: { description: 'Actions', content: { 'application/json': { schema: z.object({ items: z.array(NextActionSchema), generatedAt: z.number() }) } } }, ...problemResponses },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const me = auth.user.id;
        const settings = auth.tenant.settings;
        // Two working days are at least two calendar days: the store narrows by that, the domain counts exactly.
        // "Today" in the user's own time zone: a follow-up set for 3 December is due all of their 3 December.
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: q.tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
        const [overdue, unanswered, idle, exchange, followUps] = await Promise.all([
          searchAccounts(auth.scope, { ownerId: me, overdue: true, sort: 'lastContact', order: 'asc', limit: 100, offset: 0 }, settings, now),
          unansweredEmails(auth.scope, me, now - 30 * DAY_MS, now - 2 * DAY_MS, 100),
          idleOpportunities(auth.scope, me, now - q.idleDays * DAY_MS, 100),
          myAccountExchange(auth.scope, me, now - 180 * DAY_MS, 4),
          dueFollowUps(auth.scope, me, today, 100),
        ]);
        const items = nextBestActions({
          now, timeZone: q.tz, cadenceDays: settings.cadenceDays, unansweredAfterWorkingDays: 2, idleDays: q.idleDays,
          overdue: overdue.items.map((a) => ({ accountId: a.id, accountName: a.name, tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt })),
          unanswered, idle, exchange, followUps,
        });
        return c.json({ items: items.slice(0, q.limit), generatedAt: now }, 200);
      },
    );
}
