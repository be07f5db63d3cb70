// Wires the sync engine for a configuration: a Graph client per customer tenant (its token, this cloud), the job
// queue (pg-boss on PostgreSQL, in-process on SQLite) and the throttling figures for the health view.
import type { Config } from '../config.ts';
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { getTenant } from '../store/tenants.ts';
import { addThrottleWait } from '../store/mailboxes.ts';
import { createGraphClient, type GraphClient } from '../graph/index.ts';
import { applicationTokenProvider, onBehalfOfTokenProvider, staticTokenProvider } from '../graph/token-providers.ts';
import { inProcessQueue, type JobQueue } from './job-queue.ts';
import { pgBossQueue } from './pg-boss-queue.ts';
import { createSyncService, type SyncService } from './sync-service.ts';

/** The queue for the database kind: pg-boss on PostgreSQL (shared by every instance), in-process on SQLite. */
export function syncQueueFor(config: Pick<Config, 'database'>, log: (line: string) => void): JobQueue {
  return config.database.kind === 'postgres' ? pgBossQueue({ connectionString: config.database.url, log }) : inProcessQueue({ log });
}

/** A Graph client per customer tenant, created on first use; null when Graph is not configured. */
export function configuredGraphClients(config: Config, handle: Db): ((tenantId: string) => GraphClient) | null {
  const settings = config.graphSync;
  if (!settings) return null;
  const clients = new Map<string, GraphClient>();
  const authorityHost = config.entra?.authorityHost ?? 'https://login.microsoftonline.com';
  const graphFor = (tenantId: string): GraphClient => {
    let client = clients.get(tenantId);
    if (!client) {
      const scope = tenantScope(handle, tenantId);
      let entraTenantId: Promise<string> | null = null;
      const creds = settings.credentials;
      let provider: (() => Promise<string>) | null = null;
      const authProvider = async () => {
        if (!provider) {
          if (creds.kind === 'static') provider = staticTokenProvider(creds.token, config.graphBaseUrl);
          else provider = applicationTokenProvider({ clientId: creds.clientId, authorityHost, secret: creds.secret, certificate: creds.certificate }, await (entraTenantId ??= getTenant(scope).then((t) => t.entraTenantId)), config.graphBaseUrl);
        }
        return provider();
      };
      client = createGraphClient({
        baseUrl: config.graphBaseUrl, authProvider, maxInFlight: settings.maxInFlight, addInId: config.addInId,
        onAddInPropertiesRefused: (e) => console.warn(`[sync] ${e.mailbox}: Graph refused the add-in's custom properties in $expand (${e.error.message}); "log this email when sent" is read only when the sent copy is opened`),
        onThrottle: (e) => {
          // Only the health figures miss the wait when this write fails, so it is logged, not thrown into the request.
          if (e.mailbox) {
            const mailbox = e.mailbox;
            void addThrottleWait(scope, mailbox, e.waitMs)
              .catch((error) => console.warn(`[sync] tenant ${tenantId}, mailbox ${mailbox}: recording a ${e.waitMs} ms throttling wait failed: ${error instanceof Error ? error.message : error}`));
          }
        },
      });
      clients.set(tenantId, client);
    }
    return client;
  };
  return graphFor;
}

export function createConfiguredSync(config: Config, handle: Db, log: (line: string) => void = console.log): SyncService | null {
  const settings = config.graphSync;
  const graphFor = configuredGraphClients(config, handle);
  if (!settings || !graphFor) return null;
  const authorityHost = config.entra?.authorityHost ?? 'https://login.microsoftonline.com';
  const creds = settings.credentials;
  // On-behalf-of trades the user's token for Suhde's API for a Graph token; against an emulator the static token stands in.
  const delegatedGraph = (tenantId: string, userAssertion: string): GraphClient => {
    let entraTenantId: Promise<string> | null = null;
    let provider: (() => Promise<string>) | null = null;
    return createGraphClient({
      baseUrl: config.graphBaseUrl, maxInFlight: settings.maxInFlight, addInId: config.addInId,
      authProvider: async () => {
        if (!provider) {
          provider = creds.kind === 'static'
            ? staticTokenProvider(creds.token, config.graphBaseUrl)
            : onBehalfOfTokenProvider({ clientId: creds.clientId, authorityHost, secret: creds.secret, certificate: creds.certificate },
              await (entraTenantId ??= getTenant(tenantScope(handle, tenantId)).then((t) => t.entraTenantId)), config.graphBaseUrl, userAssertion);
        }
        return provider();
      },
    });
  };
  return createSyncService({
    handle, graphFor, queue: syncQueueFor(config, log), notificationBaseUrl: settings.notificationUrl,
    pollIntervalMs: settings.pollMinutes * 60_000, leaseMs: settings.leaseMs, pageSize: settings.pageSize, log, delegatedGraph,
  });
}
