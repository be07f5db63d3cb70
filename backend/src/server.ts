// Wires the app for a configuration: Entra ID token validation (JWKS from the configured authority), or the
// demo issuer (its own key pair and JWKS, the same validation code) with the demo tenant seeded on first start.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Db } from './store/connect.ts';
import { createApp } from './app.ts';
import type { AppEnv } from './http/context.ts';
import type { VerifyToken } from './http/authenticate.ts';
import { problem } from './http/problem.ts';
import { createAccessTokenVerifier, createDemoIssuer, entraKeySet } from './auth/index.ts';
import { findTenantByEntraId, findTenantByEntraIdCached } from './store/tenants.ts';
import { listUsers } from './store/users.ts';
import { tenantScope } from './store/scope.ts';
import { DEMO_ENTRA_TENANT_ID } from './demo/generate-tenant.ts';
import { createConfiguredSync, syncQueueFor } from './sync/configure-sync.ts';
import { retentionJob } from './sync/retention-job.ts';
import { remindersJob } from './sync/reminders-job.ts';
import { configuredGraphClients } from './sync/configure-sync.ts';
import { nearestMeetingThread } from './store/meeting-threads.ts';
import { userView } from './routes/views.ts';
import { isLoopback } from './config.ts';
import { stdoutSink } from './http/request-log.ts';

/** Said loudly at start when the demo sign-in listens where others can reach it (SUHDE_DEMO_FORCE). */
export function demoExposureWarning(config: Pick<Config, 'demo' | 'host'>): string | null {
  if (!config.demo || isLoopback(config.host)) return null;
  return (
    `WARNING: the demo is listening on ${config.host}, not on loopback (SUHDE_DEMO_FORCE). Its sign-in (/demo/token) ` +
    'hands out a token for any demo user without a password: anyone who can reach this server can sign in as anyone. ' +
    'Do not put real data in it; unset SUHDE_DEMO_FORCE and use HOST=127.0.0.1 unless you mean this.'
  );
}

/** The API's audience in demo mode: a fixed, obviously fake client id. */
export const DEMO_CLIENT_ID = '00000000-5eed-4e5e-8000-000000000001';

export async function buildServerApp(config: Config, handle: Db, clock: () => number) {
  // Daily, whatever the sign-in: each tenant's retention (none unless an admin sets one).
  const retention = retentionJob({ handle, clock, ...(config.database.kind === 'postgres' ? { connectionString: config.database.url } : {}) });
  const isTenantOnboarded = async (tid: string) => (await findTenantByEntraIdCached(handle.db, tid)) !== null;

  if (!config.demo) {
    const entra = config.entra!;
    const verifier = createAccessTokenVerifier({
      audiences: [entra.clientId, ...(entra.appIdUri ? [entra.appIdUri] : [])],
      authorityHost: entra.authorityHost,
      getKey: entraKeySet(entra.authorityHost),
      isTenantOnboarded,
    });
    const verify: VerifyToken = (token) => verifier.verify(token);
    const sync = createConfiguredSync(config, handle) ?? undefined;
    // Activity-feed reminders need Graph (TeamsActivity.Send); without it Today still lists everything.
    const graphFor = configuredGraphClients(config, handle);
    const reminders = graphFor
      ? remindersJob({ handle, clock, graphFor, appId: config.addInId, webOrigin: config.publicUrl, ...(config.database.kind === 'postgres' ? { connectionString: config.database.url } : {}) })
      : null;
    const app = createApp({ handle, clock, config, verify, webRoot: config.webRoot, sync, requestLog: stdoutSink });
    return {
      app,
      describe: () => [
        `Sign-in:    Entra ID (${entra.authorityHost}), audience ${entra.clientId}`,
        `Graph sync: ${sync ? `${config.graphBaseUrl}, jobs ${sync.queue.kind}, ${config.graphSync!.notificationUrl ? `webhooks at ${config.graphSync!.notificationUrl}/graph/notifications` : 'polling only (no SUHDE_NOTIFICATION_URL)'}` : 'off (no GRAPH_CLIENT_ID)'}`,
      ],
      /** Once the server listens (Graph validates the webhook URL when subscribing): subscribe, queue first passes. */
      afterListen: async () => {
        await retention.start();
        await reminders?.start();
        await sync?.start();
      },
      stop: async () => {
        await retention.stop();
        await reminders?.stop();
        await sync?.stop();
      },
    };
  }

  const exposed = demoExposureWarning(config);
  if (exposed) console.warn(`\n${exposed}\n`);
  // Loaded here, not at the top: the demo tenant and the Graph emulator it runs on never load in production.
  const { ensureDemoTenant } = await import('./demo/ensure-demo-tenant.ts');
  const log = (line: string) => console.log(line);
  // A Graph the operator configured (GRAPH_BASE_URL with GRAPH_STATIC_TOKEN for an emulator on loopback, or an app
  // registration) replaces the demo's own emulator, as it does for `npm run sync`: the server syncs from it.
  const configured = config.graphSync ? createConfiguredSync(config, handle, log) : null;
  const seeded = await ensureDemoTenant(handle, clock(), log, { queue: () => syncQueueFor(config, log), external: configured !== null });
  const demoTenant = await findTenantByEntraId(handle.db, DEMO_ENTRA_TENANT_ID);
  // A synced Teams meeting's chat, so the meeting side panel can be seen outside Teams too.
  const demoMeeting = demoTenant ? await nearestMeetingThread(tenantScope(handle, demoTenant.id), clock()) : null;
  const sync = configured ?? seeded.graph?.sync;
  // Reminders go to the Graph the demo syncs from when one is configured, else to an emulator's activity feed.
  const { demoActivityFeed } = await import('./demo/demo-activity-feed.ts');
  const feed = demoTenant && !configured ? await demoActivityFeed(handle, demoTenant.id, seeded.graph?.emulator ?? null) : null;
  const demoGraphFor = configured ? configuredGraphClients(config, handle) : feed ? () => feed.graph : null;
  const reminders = demoGraphFor ? remindersJob({ handle, clock, graphFor: demoGraphFor, appId: config.addInId, webOrigin: config.publicUrl, intervalMs: 10 * 60_000 }) : null;
  const authorityHost = `${config.publicUrl}/demo-auth`;
  const issuer = await createDemoIssuer({ authorityHost, tenantId: DEMO_ENTRA_TENANT_ID, audience: DEMO_CLIENT_ID });
  const verifier = createAccessTokenVerifier({ audiences: [DEMO_CLIENT_ID], authorityHost, getKey: issuer.getKey, isTenantOnboarded });
  const verify: VerifyToken = (token) => verifier.verify(token);

  const publicRoutes = (app: OpenAPIHono<AppEnv>) => {
    app.get('/demo-auth/common/discovery/v2.0/keys', (c) => c.json(issuer.jwks()));
    app.get(`/demo-auth/${DEMO_ENTRA_TENANT_ID}/v2.0/.well-known/openid-configuration`, (c) => c.json(issuer.openIdConfiguration()));
    // The demo sign-in: pick a demo user, get an access token shaped exactly like Entra's. Loopback only (config).
    app.get('/demo/users', async (c) => {
      const tenant = await findTenantByEntraId(handle.db, DEMO_ENTRA_TENANT_ID);
      if (!tenant) return problem(c, 503, 'Demo not ready', 'The demo tenant is not there.');
      const users = await listUsers(tenantScope(handle, tenant.id));
      return c.json({ items: users.map(userView) });
    });
    app.post('/demo/token', async (c) => {
      const parsed = z.object({ userId: z.string().min(1).max(64) }).safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) return problem(c, 400, 'Invalid request', 'Send {"userId": "<a demo user id from GET /demo/users>"}.', [{ field: 'userId', message: 'required' }]);
      const tenant = await findTenantByEntraId(handle.db, DEMO_ENTRA_TENANT_ID);
      const user = tenant && (await listUsers(tenantScope(handle, tenant.id))).find((u) => u.id === parsed.data.userId);
      if (!user) return problem(c, 404, 'Not found', 'No demo user with that id.');
      const roles = user.role === 'admin' ? ['Suhde.Admin'] : user.role === 'manager' ? ['Suhde.Manager'] : [];
      const token = await issuer.issue({ oid: user.entraObjectId, name: user.displayName, username: user.email, roles });
      return c.json({ access_token: token, token_type: 'Bearer', expires_in: 3600, user: { id: user.id, displayName: user.displayName, role: user.role } });
    });
    // What the demo's activity feed received (the emulator's record), newest first: the reminders as Teams would show them.
    app.get('/demo/activity-feed', (c) => c.json({ items: feed ? [...feed.emulator.activityFeed.received].reverse() : [] }));
  };

  const app = createApp({ handle, clock, config, verify, publicRoutes, webRoot: config.webRoot, sync, requestLog: stdoutSink });
  return {
    app,
    describe: (base: string) => [
      `Demo:       tenant "${seeded.tenantName}" (${seeded.created ? 'seeded now' : 'already there'}: ${seeded.counts})`,
      `Sign-in:    GET ${base}/demo/users, then POST ${base}/demo/token {"userId": "..."}; send the token as "Authorization: Bearer ..."`,
      `Graph sync: ${configured ? `${config.graphBaseUrl} (configured), jobs ${configured.queue.kind}` : seeded.graph ? `the demo's mail and meetings came through the Graph emulator at ${seeded.graph.emulator.url} (jobs ${seeded.graph.sync.queue.kind})` : 'history synced when the demo was first seeded; delete the data file to see it again'}`,
      ...(demoMeeting
        ? [`Meeting side panel (the demo's Teams meeting nearest to now): ${base}/teams-app/index.html?${new URLSearchParams({ view: 'meeting', chatId: demoMeeting.threadId })}`]
        : []),
    ],
    afterListen: async () => {
      await configured?.start();
      await retention.start();
      await reminders?.start();
    },
    stop: async () => {
      await retention.stop();
      await reminders?.stop();
      await configured?.stop();
      await feed?.stop();
      await seeded.graph?.stop();
    },
  };
}
