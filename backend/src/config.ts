// Configuration from environment variables, validated once at start: a bad value stops the start with a
// message that names the variable. See .env.example for every setting.
import { isIP } from 'node:net';
import { z } from 'zod';
import { GRAPH_ROOTS } from './graph/national-clouds.ts';
import type { RateLimits } from './http/rate-limit.ts';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/**
 * The Outlook add-in's id: the app id in the unified manifest (manifest/manifest.json `id`, TEAMS_APP_ID in
 * manifest/env). The demo and the tests use the local environment's (manifest/env/.env.local).
 */
export const DEMO_ADDIN_ID = '5eed0000-0000-4000-8000-00000000ade0';

const httpUrl = z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/+$/, ''));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the embedded SQLite store)')
    .optional(),
  SUHDE_SQLITE_PATH: z.string().min(1).default('data/suhde.db'),
  ENTRA_CLIENT_ID: z.uuid('must be the application (client) id GUID of the Suhde API registration').optional(),
  ENTRA_APP_ID_URI: z.string().regex(/^api:\/\/.+/, 'must look like api://host/client-id').optional(),
  ENTRA_AUTHORITY_HOST: httpUrl.default('https://login.microsoftonline.com'),
  SUHDE_DEMO: bool.optional(),
  SUHDE_DEMO_FORCE: bool.default(false),
  GRAPH_BASE_URL: httpUrl.default(`${GRAPH_ROOTS.global}/v1.0`),
  SUHDE_WEB_ROOT: z.string().min(1).default('dist/web'),
  GRAPH_CLIENT_ID: z.uuid('must be the application (client) id GUID of the app registration that reads mail').optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_CERTIFICATE_PATH: z.string().min(1).optional(),
  GRAPH_CERTIFICATE_THUMBPRINT: z.string().regex(/^[0-9A-Fa-f]{64}$/, 'must be the certificate’s SHA-256 thumbprint, 64 hex digits').optional(),
  GRAPH_STATIC_TOKEN: z.string().min(1).optional(),
  SUHDE_NOTIFICATION_URL: z.url({ protocol: /^https$/ }).transform((v) => v.replace(/\/+$/, '')).optional(),
  SUHDE_SYNC_POLL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  SUHDE_SYNC_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // Prefer: odata.maxpagesize of delta rounds: Graph's 1000 by default; lower it if Graph times out on big pages.
  SUHDE_SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  SUHDE_SYNC_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(256).default(16),
  SUHDE_ADDIN_ID: z.uuid('must be the app id GUID of the Suhde app manifest (TEAMS_APP_ID in manifest/env)').default(DEMO_ADDIN_ID),
  SUHDE_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  // Token buckets (http/rate-limit.ts): a burst, then so many requests a second.
  SUHDE_RATE_USER_BURST: z.coerce.number().int().min(1).max(1_000_000).default(300),
  SUHDE_RATE_USER_PER_SECOND: z.coerce.number().min(0.01).max(100_000).default(20),
  SUHDE_RATE_TENANT_BURST: z.coerce.number().int().min(1).max(10_000_000).default(3000),
  SUHDE_RATE_TENANT_PER_SECOND: z.coerce.number().min(0.01).max(1_000_000).default(200),
  SUHDE_RATE_WEBHOOK_BURST: z.coerce.number().int().min(1).max(10_000_000).default(2000),
  SUHDE_RATE_WEBHOOK_PER_SECOND: z.coerce.number().min(0.01).max(1_000_000).default(200),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  entra: { clientId: string; appIdUri: string | null; authorityHost: string } | null;
  demo: boolean;
  graphBaseUrl: string;
  /**
   * The Outlook add-in's manifest id: the sync reads its custom properties (cecp-<id>, "log this email when
   * sent") from sent mail. It must be the id of the package the tenant installed.
   */
  addInId: string;
  bodyLimitBytes: number;
  /** Per user and per tenant on /api, one global bucket for the Graph webhooks; in memory, per instance. */
  rateLimits: RateLimits;
  /** The built front ends, served on the same port. */
  webRoot: string;
  /** Graph mailbox sync; null when no Graph credentials are configured (the demo brings its own). */
  graphSync: {
    credentials: { kind: 'application'; clientId: string; secret?: string; certificate?: { privateKeyPath: string; thumbprintSha256: string } } | { kind: 'static'; token: string };
    /** Where Graph reaches this server's webhooks (https); null: no subscriptions, polling only. */
    notificationUrl: string | null;
    pollMinutes: number;
    maxInFlight: number;
    /** How long a pass holds its stream between page commits; a pass that died frees it after this. */
    leaseMs: number;
    /** Items per Graph delta page asked for (Prefer: odata.maxpagesize). */
    pageSize: number;
  } | null;
}

export class ConfigError extends Error {}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset, as in most shells' and process managers' env files.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([k, v]) => k in schema.shape && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const entra = e.ENTRA_CLIENT_ID
    ? { clientId: e.ENTRA_CLIENT_ID, appIdUri: e.ENTRA_APP_ID_URI ?? null, authorityHost: e.ENTRA_AUTHORITY_HOST }
    : null;
  // Demo mode is off whenever a real Entra configuration is given, and on by default without one.
  if (entra && e.SUHDE_DEMO) throw new ConfigError('Invalid configuration:\n  SUHDE_DEMO: demo mode cannot be combined with ENTRA_CLIENT_ID; unset one of them.');
  const demo = entra ? false : (e.SUHDE_DEMO ?? true);
  if (!entra && !demo) throw new ConfigError('Invalid configuration:\n  ENTRA_CLIENT_ID: set it (see docs/deployment.md), or enable the demo with SUHDE_DEMO=1.');
  if (demo && !isLoopback(e.HOST) && !e.SUHDE_DEMO_FORCE) {
    throw new ConfigError(
      `Invalid configuration:\n  HOST: the demo signs anyone in as any demo user, so it listens on loopback only (HOST=127.0.0.1). ` +
        `Set SUHDE_DEMO_FORCE=1 to expose it on ${e.HOST} anyway.`,
    );
  }
  let graphSync: Config['graphSync'] = null;
  if (e.GRAPH_CLIENT_ID) {
    if (!e.GRAPH_CLIENT_SECRET && !e.GRAPH_CERTIFICATE_PATH) {
      throw new ConfigError('Invalid configuration:\n  GRAPH_CLIENT_SECRET: set it, or GRAPH_CERTIFICATE_PATH with GRAPH_CERTIFICATE_THUMBPRINT, for GRAPH_CLIENT_ID to read mail.');
    }
    if (e.GRAPH_CERTIFICATE_PATH && !e.GRAPH_CERTIFICATE_THUMBPRINT) throw new ConfigError('Invalid configuration:\n  GRAPH_CERTIFICATE_THUMBPRINT: needed with GRAPH_CERTIFICATE_PATH.');
    graphSync = {
      credentials: {
        kind: 'application', clientId: e.GRAPH_CLIENT_ID,
        ...(e.GRAPH_CLIENT_SECRET ? { secret: e.GRAPH_CLIENT_SECRET } : {}),
        ...(e.GRAPH_CERTIFICATE_PATH ? { certificate: { privateKeyPath: e.GRAPH_CERTIFICATE_PATH, thumbprintSha256: e.GRAPH_CERTIFICATE_THUMBPRINT! } } : {}),
      },
      notificationUrl: e.SUHDE_NOTIFICATION_URL ?? null, pollMinutes: e.SUHDE_SYNC_POLL_MINUTES, maxInFlight: e.SUHDE_SYNC_MAX_IN_FLIGHT, leaseMs: e.SUHDE_SYNC_LEASE_SECONDS * 1000, pageSize: e.SUHDE_SYNC_PAGE_SIZE,
    };
  } else if (e.GRAPH_STATIC_TOKEN) {
    // Development against an emulator only: a real Graph never gets a long-lived static token.
    if (!isLoopback(new URL(e.GRAPH_BASE_URL).hostname)) {
      throw new ConfigError(`Invalid configuration:\n  GRAPH_STATIC_TOKEN: only for a Graph emulator on loopback; ${e.GRAPH_BASE_URL} needs GRAPH_CLIENT_ID and a secret or certificate.`);
    }
    graphSync = { credentials: { kind: 'static', token: e.GRAPH_STATIC_TOKEN }, notificationUrl: e.SUHDE_NOTIFICATION_URL ?? null, pollMinutes: e.SUHDE_SYNC_POLL_MINUTES, maxInFlight: e.SUHDE_SYNC_MAX_IN_FLIGHT, leaseMs: e.SUHDE_SYNC_LEASE_SECONDS * 1000, pageSize: e.SUHDE_SYNC_PAGE_SIZE };
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', path: e.SUHDE_SQLITE_PATH },
    entra,
    demo,
    graphBaseUrl: e.GRAPH_BASE_URL,
    addInId: e.SUHDE_ADDIN_ID.toLowerCase(),
    bodyLimitBytes: e.SUHDE_BODY_LIMIT_BYTES,
    rateLimits: {
      user: { burst: e.SUHDE_RATE_USER_BURST, perSecond: e.SUHDE_RATE_USER_PER_SECOND },
      tenant: { burst: e.SUHDE_RATE_TENANT_BURST, perSecond: e.SUHDE_RATE_TENANT_PER_SECOND },
      webhooks: { burst: e.SUHDE_RATE_WEBHOOK_BURST, perSecond: e.SUHDE_RATE_WEBHOOK_PER_SECOND },
    },
    webRoot: e.SUHDE_WEB_ROOT,
    graphSync,
  };
}
