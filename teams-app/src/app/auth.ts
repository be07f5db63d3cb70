// How this tab gets a token for Suhde's API. The demo (the backend offers /demo/users) signs in as a picked
// user; otherwise inside Teams MSAL nested app authentication where the host supports it, else Teams'
// getAuthToken; in a plain browser MSAL redirect. The client ids come from the build (VITE_SUHDE_*).
import { apiScope, createDemoAuth, createMsalAuth, SignInRequired, type AuthProvider } from '../../../web-shared/src/index.ts';
import type { TeamsHost } from '../host/teams-host.ts';

interface BuildEnv {
  VITE_SUHDE_TAB_CLIENT_ID?: string;
  VITE_SUHDE_API_CLIENT_ID?: string;
  VITE_SUHDE_API_APP_ID_URI?: string;
}

const env: BuildEnv = (import.meta as unknown as { env?: BuildEnv }).env ?? {};

export function demoAuth(userId: string, opts: { baseUrl?: string; fetch?: typeof fetch } = {}): AuthProvider {
  return createDemoAuth({ userId, ...opts });
}

/** Entra sign-in for this host; throws SignInRequired when the build was not configured for Entra. */
export function entraAuth(host: TeamsHost): AuthProvider {
  const clientId = env.VITE_SUHDE_TAB_CLIENT_ID;
  const apiClientId = env.VITE_SUHDE_API_CLIENT_ID ?? clientId;
  if (host.context.hosted && (!clientId || !host.supportsNestedAppAuth())) {
    // Teams single sign-on: the manifest's webApplicationInfo names the API, Teams issues its token.
    return { kind: 'teams-sso', user: () => null, getToken: () => host.getAuthToken().catch((e: unknown) => { throw new SignInRequired(e instanceof Error ? e.message : String(e), 'teams_sso_failed', e); }) };
  }
  if (!clientId || !apiClientId) {
    throw new SignInRequired('This Suhde build has no Entra ID sign-in configured (VITE_SUHDE_TAB_CLIENT_ID), and the server is not in demo mode.', 'not_configured');
  }
  return createMsalAuth({ clientId, scope: apiScope(env.VITE_SUHDE_API_APP_ID_URI ?? null, apiClientId), mode: host.context.hosted ? 'naa' : 'browser' });
}

const KEY = 'suhde.teams.demoUser';

/** The demo user chosen in this browser tab (or by ?demoUser=), remembered for reloads. */
export function rememberedDemoUser(search: URLSearchParams, storage: Storage | null): string | null {
  return search.get('demoUser') || storage?.getItem(KEY) || null;
}

export function rememberDemoUser(storage: Storage | null, userId: string | null): void {
  if (!storage) return;
  if (userId) storage.setItem(KEY, userId);
  else storage.removeItem(KEY);
}
