// Builds the Hono app: health, the documented /api behind token authentication, and (in demo mode) the demo
// issuer's sign-in. Exported AppType gives the front ends a typed client.
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppEnv } from './http/context.ts';
import type { Deps } from './http/deps.ts';
import { authenticate, type VerifyToken } from './http/authenticate.ts';
import { problem, toProblem } from './http/problem.ts';
import { bodyLimit } from './http/body-limit.ts';
import { rejectNul } from './http/reject-nul.ts';
import { securityHeaders } from './http/security-headers.ts';
import { apiRateLimit, DEFAULT_RATE_LIMITS, webhookRateLimit } from './http/rate-limit.ts';
import { requestLog, type LogSink } from './http/request-log.ts';
import { migrationsApplied } from './store/migrate.ts';
import { accountRoutes } from './routes/accounts.ts';
import { contactRoutes } from './routes/contacts.ts';
import { opportunityRoutes } from './routes/opportunities.ts';
import { tenantRoutes } from './routes/tenant.ts';
import { interactionRoutes } from './routes/interactions.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { dashboardHeadlinesRoutes } from './routes/dashboard-headlines.ts';
import { syncRoutes } from './routes/sync.ts';
import { myCaptureRoutes } from './routes/my-captures.ts';
import { followUpRoutes } from './routes/follow-ups.ts';
import { notificationSettingsRoutes } from './routes/notification-settings.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { graphWebhookRoutes } from './routes/graph-webhooks.ts';
import { auditRoutes } from './routes/audit.ts';
import { directoryRoutes } from './routes/directory.ts';
import { reviewRoutes } from './routes/review.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { shareRequestRoutes } from './routes/share-requests.ts';
import { duplicateRoutes, followMergedAliases } from './routes/duplicates.ts';
import { savedViewRoutes } from './routes/saved-views.ts';
import { productRoutes } from './routes/products.ts';
import { searchRoutes } from './routes/search.ts';
import { duplicateDismissalRoutes } from './routes/duplicate-dismissals.ts';
import { buyingCommitteeRoutes } from './routes/buying-committee.ts';
import { importRoutes, IMPORT_UPLOAD_LIMIT_BYTES, IMPORT_UPLOAD_PATH } from './routes/imports.ts';
import { renderApiDocs } from './http/api-docs.ts';
import { webPages } from './http/web-pages.ts';
import { createDashboardCache } from './use-cases/analytics/dashboard-cache.ts';
import type { DashboardFigures } from './use-cases/analytics/compute-dashboard.ts';

export interface AppOptions extends Deps {
  verify: VerifyToken;
  /** Extra routes mounted before /api authentication (the demo issuer's sign-in and JWKS). */
  publicRoutes?: (app: OpenAPIHono<AppEnv>) => void;
  /** The built front ends (vite's dist/web); unset, no pages are served (API-only tests). */
  webRoot?: string;
  /** Where the one-line-per-request log goes (server.ts: stdout); unset, no request log (tests). */
  requestLog?: LogSink;
}

/** Every tag an operation carries, in the order the docs show them; the contract test keeps the two lists equal. */
export const API_TAGS = [
  { name: 'Tenant', description: 'Who you are, your colleagues, and the tenant’s settings (tier cadences, internal and blocked domains).' },
  { name: 'Accounts', description: 'Customer organisations: search, create, update, and each one’s timeline, relationships, contacts and opportunities.' },
  { name: 'Contacts', description: 'People at customers, found by name or address.' },
  { name: 'Interactions', description: 'Emails, meetings, calls, chats and notes logged against accounts, with their visibility.' },
  { name: 'Matching', description: 'Who a list of addresses is: colleagues, contacts, accounts, or unknown with suggestions.' },
  { name: 'Pipeline', description: 'Opportunities, their stages and the weighted forecast.' },
  { name: 'Feedback', description: 'NPS and CSAT feedback per account.' },
  { name: 'Care', description: 'Accounts whose tier cadence has run out.' },
  { name: 'Follow-ups', description: 'The dates you promised to get back to a customer: done, snoozed or handed to a colleague.' },
  { name: 'Notifications', description: 'Your Teams activity-feed reminders: due follow-ups, overdue A/B accounts, idle deals and the weekly digest.' },
  { name: 'Analytics', description: 'The managers’ dashboard, relationship strength, and your Today list of next-best actions.' },
  { name: 'Meetings', description: 'A Teams meeting, found by its chat, with its accounts.' },
  { name: 'Sync', description: 'Microsoft Graph mailbox and calendar sync: health, mailboxes, blocklists and thread visibility.' },
  { name: 'Review', description: 'Email and meetings nobody could place with an account yet, and the actions that place or ignore them.' },
  { name: 'Audit', description: 'The audit trail for admins: who did what, when, to which record; and exports made in the app.' },
  { name: 'Duplicates', description: 'Likely duplicate accounts and contacts with the evidence, and merging them (preview, then confirm); merged ids stay as aliases.' },
  { name: 'Saved views', description: 'Named filter sets of the account list, kept for yourself or shared with your team.' },
  { name: 'Search', description: 'Finding accounts, contacts and interactions across the tenant, as far as you may see them.' },
  { name: 'Imports', description: 'For managers and admins: importing accounts, contacts and opportunities from CSV (a spreadsheet or another CRM’s export): upload, mapping, dry run, the run as a job, refused rows.' },
  { name: 'Privacy', description: 'For admins: what Suhde holds about a person, and erasing a person or an organisation at their request.' },
  { name: 'Products', description: 'The tenant’s product catalogue, and what is sold to whom for how much: won euros per product, account and month.' },
];

export function apiRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>()
    .route('/', tenantRoutes(deps))
    .route('/', accountRoutes(deps))
    .route('/', contactRoutes(deps))
    .route('/', interactionRoutes(deps))
    .route('/', opportunityRoutes(deps))
    .route('/', analyticsRoutes(deps))
    .route('/', dashboardHeadlinesRoutes(deps))
    .route('/', syncRoutes(deps))
    .route('/', myCaptureRoutes())
    .route('/', followUpRoutes(deps))
    .route('/', notificationSettingsRoutes(deps))
    .route('/', meetingRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', directoryRoutes(deps))
    .route('/', reviewRoutes(deps))
    .route('/', privacyRoutes(deps))
    .route('/', shareRequestRoutes(deps))
    .route('/', duplicateRoutes(deps))
    .route('/', savedViewRoutes(deps))
    .route('/', productRoutes(deps))
    .route('/', searchRoutes())
    .route('/', duplicateDismissalRoutes(deps))
    .route('/', buyingCommitteeRoutes(deps))
    .route('/', importRoutes(deps));
}

export function createApp(opts: AppOptions) {
  const app = new OpenAPIHono<AppEnv>();
  app.onError((err, c) => toProblem(err, c));
  app.notFound((c) => problem(c, 404, 'Not found', `There is nothing at ${c.req.path}.`));
  // Before every route (Hono runs middleware in the order it was added): the log sees every answer, the
  // headers go on every answer, and no body past the limit is read by any route, public ones included.
  if (opts.requestLog) app.use('*', requestLog(opts.requestLog));
  app.use('*', securityHeaders());
  app.use('*', bodyLimit(opts.config.bodyLimitBytes, { method: 'POST', path: IMPORT_UPLOAD_PATH, maxBytes: IMPORT_UPLOAD_LIMIT_BYTES }));
  app.use('/api/*', rejectNul());
  const limits = opts.config.rateLimits ?? DEFAULT_RATE_LIMITS;
  app.use('/graph/*', webhookRateLimit(limits.webhooks));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(opts.handle.db);
      if (!(await migrationsApplied(opts.handle.db))) return c.json({ status: 'migrating', database: 'reachable', migrations: 'pending' }, 503);
      return c.json({ status: 'ready', database: opts.handle.dialect, migrations: 'applied' });
    } catch {
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });

  opts.publicRoutes?.(app);
  if (opts.sync) graphWebhookRoutes(app, opts.sync);
  if (opts.webRoot) webPages(app, opts.webRoot, opts.config.demo);

  const dashboards = opts.dashboards ?? createDashboardCache<DashboardFigures>();
  const api = apiRoutes({ ...opts, dashboards });
  api.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An Entra ID v2 access token for the Suhde API (scope access_as_user); in demo mode one from POST /demo/token.',
  });
  const document = () =>
    api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Suhde API',
        version: '0.1.0',
        description: 'Accounts, contacts, interactions, opportunities and care models of a Suhde tenant. Errors are RFC 9457 problem+json.',
      },
      servers: [{ url: `${opts.config.publicUrl}/api` }],
      tags: API_TAGS,
    });
  app.get('/api/openapi.json', (c) => c.json(document()));
  app.get('/api/docs', (c) => c.html(renderApiDocs(document())));

  app.use('/api/*', authenticate(opts.handle, opts.verify, opts.clock));
  app.use('/api/*', apiRateLimit(limits));
  app.use('/api/*', followMergedAliases());
  // A change made through the API shows on the dashboard at once (a stage moved, a call logged), not a minute later:
  // the write bumped the tenant's data version in its own transaction (store/rollups.ts bumpDataVersion), which
  // every instance's cache key carries; this instance also drops what it holds for the tenant.
  app.use('/api/*', async (c, next) => {
    await next();
    const auth = c.get('auth');
    if (auth && c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.res.status < 400) dashboards.invalidateTenant(auth.scope.tenantId);
  });
  if (opts.sync) {
    const sync = opts.sync;
    // A user's own (delegated) mailbox is read with their token, so it is refreshed while they use Suhde.
    app.use('/api/*', async (c, next) => {
      await next();
      const auth = c.get('auth');
      const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
      if (auth && token) {
        void sync.refreshDelegated(auth.tenant.id, auth.user.id, token)
          .catch((e) => console.warn(`[sync] tenant ${auth.tenant.id}, user ${auth.user.id}: refreshing their own mailbox failed: ${e instanceof Error ? e.message : e}`));
      }
    });
  }
  return app.route('/api', api);
}

export type AppType = ReturnType<typeof apiRoutes>;
