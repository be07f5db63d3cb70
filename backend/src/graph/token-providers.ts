// Access tokens for Graph, with @azure/msal-node: application permissions (client credentials, a secret or a
// certificate) for the mailboxes an admin enabled, and on-behalf-of for a user who connects their own mailbox.
// A static token exists only for a Graph emulator on loopback, for development; it is never a default.
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';

export interface GraphAppCredentials {
  clientId: string;
  /** The authority host, e.g. https://login.microsoftonline.com or a national cloud's. */
  authorityHost: string;
  secret?: string;
  certificate?: { privateKeyPath: string; thumbprintSha256: string };
}

/** Graph's /.default scope on the configured service root (national clouds have their own). */
export function graphDefaultScope(graphBaseUrl: string): string {
  return `${new URL(graphBaseUrl).origin}/.default`;
}

function confidentialClient(creds: GraphAppCredentials, entraTenantId: string): ConfidentialClientApplication {
  const auth: Configuration['auth'] = { clientId: creds.clientId, authority: `${creds.authorityHost.replace(/\/+$/, '')}/${entraTenantId}` };
  if (creds.certificate) {
    auth.clientCertificate = { thumbprintSha256: creds.certificate.thumbprintSha256, privateKey: readFileSync(creds.certificate.privateKeyPath, 'utf8') };
  } else if (creds.secret) {
    auth.clientSecret = creds.secret;
  } else {
    throw new Error('Graph application credentials need a client secret or a certificate.');
  }
  return new ConfidentialClientApplication({ auth });
}

/**
 * Client credentials for one customer tenant (the app must be consented there). MSAL caches the token and
 * renews it before expiry, so calling this before every request is cheap.
 */
export function applicationTokenProvider(creds: GraphAppCredentials, entraTenantId: string, graphBaseUrl: string): () => Promise<string> {
  const app = confidentialClient(creds, entraTenantId);
  const scopes = [graphDefaultScope(graphBaseUrl)];
  return async () => {
    const r = await app.acquireTokenByClientCredential({ scopes });
    if (!r?.accessToken) throw new Error('Entra ID returned no Graph token for the client-credentials request.');
    return r.accessToken;
  };
}

/**
 * On-behalf-of: trades the user's access token for Suhde's API (from the add-in or the tab) for a delegated
 * Graph token limited to what the user consented (Mail.Read, Calendars.Read).
 */
export function onBehalfOfTokenProvider(creds: GraphAppCredentials, entraTenantId: string, graphBaseUrl: string, userAssertion: string): () => Promise<string> {
  const app = confidentialClient(creds, entraTenantId);
  const root = new URL(graphBaseUrl).origin;
  // Mail.Read rather than Mail.ReadBasic: the sync reads a message's sensitivity, an extended property ReadBasic excludes.
  const scopes = [`${root}/Mail.Read`, `${root}/Calendars.Read`];
  return async () => {
    const r = await app.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes });
    if (!r?.accessToken) throw new Error('Entra ID returned no Graph token for the on-behalf-of request.');
    return r.accessToken;
  };
}

/** A fixed token, only for an emulator on loopback: a real Graph must never get a long-lived static secret. */
export function staticTokenProvider(token: string, graphBaseUrl: string): () => Promise<string> {
  const host = new URL(graphBaseUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`A static Graph token is only for an emulator on loopback, not for ${host}.`);
  }
  return async () => token;
}
