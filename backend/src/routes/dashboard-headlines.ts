// The dashboard's headline figures (managers): open pipeline, weighted forecast, won and lost in the period,
// accounts overdue and going cold, with the deals and accounts behind each, and the figures per tier and segment.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { IsoDate, problems } from './schemas.ts';
import { isValidTimeZone } from '../domain/period.ts';
import { OPEN_STAGES, STAGES, TIERS } from '../domain/types.ts';
import { SEGMENT_FIELDS } from '../store/dashboard-headlines.ts';
import { getDashboardHeadlines } from '../use-cases/analytics/get-dashboard-headlines.ts';
import { DEFAULT_TIME_ZONE, periodFrom } from './analytics.ts';

const Count = z.number().int();
const Cents = z.number().int().openapi({ description: 'Integer cents (EUR)' });
const Sum = z.object({ count: Count, valueCents: Cents });
const Average = z.object({ average: z.number().nullable().openapi({ description: 'Mean score, one decimal; null without answers' }), count: Count });

const Query = z.object({
  from: IsoDate.optional().openapi({ description: 'First day of the period (local); with `to`. Default: the last `days` days.' }),
  to: IsoDate.optional().openapi({ description: 'Last day of the period, inclusive' }),
  days: z.coerce.number().int().min(1).max(366).default(90).openapi({ description: 'Trailing period length when from/to are not given' }),
  team: z.string().trim().min(1).max(100).optional().openapi({ description: 'A team name, or "all" for the whole organisation. Default: your own team.' }),
  tz: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone like Europe/Helsinki').default(DEFAULT_TIME_ZONE),
  segment: z.enum(SEGMENT_FIELDS).default('industry').openapi({ description: 'The account field the per-segment table groups by' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'How many deals or accounts each figure lists behind it' }),
});

const Deal = z.object({
  opportunityId: z.string(), name: z.string(), stage: z.enum(STAGES), valueCents: Cents, probability: Count,
  accountId: z.string(), accountName: z.string(), ownerId: z.string().nullable(), closedAt: z.number().nullable(),
});
const Account = z.object({
  accountId: z.string(), name: z.string(), tier: z.enum(TIERS), ownerId: z.string().nullable(),
  lastContactAt: z.number().nullable(), nextDueAt: z.number().nullable(), daysOverdue: Count,
});
const Group = z.object({
  key: z.string().nullable().openapi({ description: 'The tier, or the segment’s value; null for accounts without one' }),
  accounts: Count.openapi({ description: 'The team’s accounts (owned by its members)' }),
  openPipelineCents: Cents, openDeals: Count, wonCents: Cents, wonDeals: Count,
  activity: Count.openapi({ description: 'Contacts (emails, meetings, calls, chats; not notes) the team had with these accounts in the period' }),
  care: z.object({ withCadence: Count, within: Count, share: z.number().nullable().openapi({ description: 'within / withCadence, 0-1' }) }),
  nps: Average, csat: Average,
});

const Headlines = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), start: z.number(), end: z.number(), asOf: z.number() }),
    team: z.string().nullable(),
    currency: z.literal('EUR'),
    openPipeline: Sum.extend({ stages: z.array(z.object({ stage: z.enum(OPEN_STAGES as unknown as [string, ...string[]]), count: Count, valueCents: Cents, weightedCents: Cents })) }),
    weightedForecastCents: Cents,
    won: Sum.openapi({ description: 'Closed as won in the period' }),
    lost: Sum.openapi({ description: 'Closed as lost in the period' }),
    overdue: z.object({ count: Count }).openapi({ description: 'Accounts past their tier’s cadence (or never contacted) at the period’s end' }),
    goingCold: z.object({ count: Count }).openapi({ description: 'A and B accounts within their cadence whose last contact is past three quarters of it' }),
    behind: z.object({ open: z.array(Deal), won: z.array(Deal), lost: z.array(Deal), overdue: z.array(Account), goingCold: z.array(Account) }),
    byTier: z.array(Group),
    bySegment: z.object({ field: z.enum(SEGMENT_FIELDS), rows: z.array(Group) }),
  })
  .openapi('DashboardHeadlines');

export function dashboardHeadlinesRoutes(deps: Deps) {
  return newRouter().openapi(
    createRoute({
      method: 'get', path: '/analytics/headlines', operationId: 'getDashboardHeadlines', tags: ['Analytics'], security: bearer, middleware: [requireRole('manager', 'admin')] as const,
      summary: 'Headline figures of a team over a period, the deals and accounts behind each, and figures per tier and segment (managers)',
      description:
        'Open pipeline (sum, count, by open stage), weighted forecast, won and lost in the period, accounts overdue on their care cadence and ' +
        'A/B accounts going cold, each with the deals or accounts behind it (largest or most urgent first, up to `limit`). ' +
        'Per tier and per segment: accounts, open pipeline, won in the period, activity, care kept, NPS and CSAT averages with counts.',
      request: { query: Query },
      responses: { 200: { description: 'The headline figures', content: { 'application/json': { schema: Headlines } } }, ...problems(400, 401, 403, 404, 503) },
    }),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const now = deps.clock();
      const team = q.team === 'all' ? null : (q.team ?? auth.user.team);
      const result = await getDashboardHeadlines({ scope: auth.scope, settings: auth.tenant.settings, period: periodFrom(q, now), team, segment: q.segment, limit: q.limit, now });
      return c.json(result, 200);
    },
  );
}
