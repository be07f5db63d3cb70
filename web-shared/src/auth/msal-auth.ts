// MSAL for real Entra ID: nested app authentication inside Outlook and Teams (the host brokers the token), or
// redirect sign-in in a plain browser. MSAL is imported on first use so it never weighs on the first paint.
import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import { SignInRequired } from '../api/problem.ts';
import type { AuthProvider, SignedInUser } from './auth-provider.ts';

export interface MsalAuthOptions {
  /** The front end's (SPA) client id; with NAA, the add-in's or tab's registration. */
  clientId: string;
  /** e.g. https://login.microsoftonline.com/organizations */
  authority?: string;
  /** Only Suhde's API scope (see apiScope()); Graph is the backend's business. */
  scope: string;
  /** 'naa' inside a host that supports nested app authentication; 'browser' otherwise. */
  mode: 'naa' | 'browser';
  redirectUri?: string;
}

export function createMsalAuth(opts: MsalAuthOptions): AuthProvider {
  let app: Promise<IPublicClientApplication> | null = null;
  let account: AccountInfo | null = null;
  const scopes = [opts.scope];

  const load = () =>
    (app ??= import('@azure/msal-browser').then(async (msal) => {
      const config = {
        auth: { clientId: opts.clientId, authority: opts.authority ?? 'https://login.microsoftonline.com/organizations', redirectUri: opts.redirectUri },
        cache: { cacheLocation: 'localStorage' as const },
      };
      if (opts.mode === 'naa') return msal.createNestablePublicClientApplication(config);
      const pca = await msal.createStandardPublicClientApplication(config);
      // Completes a redirect sign-in that brought us back here.
      const back = await pca.handleRedirectPromise();
      if (back?.account) pca.setActiveAccount(back.account);
      return pca;
    }));

  return {
    kind: opts.mode,
    user: (): SignedInUser | null => (account ? { displayName: account.name ?? account.username, username: account.username } : null),
    async getToken() {
      const pca = await load();
      const msal = await import('@azure/msal-browser');
      account = pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
      try {
        const r = await pca.acquireTokenSilent({ scopes, ...(account ? { account } : {}) });
        account = r.account;
        return r.accessToken;
      } catch (e) {
        if (!(e instanceof msal.InteractionRequiredAuthError) && account) throw new SignInRequired(String((e as Error).message ?? e), 'token_failed', e);
      }
      try {
        if (opts.mode === 'browser') {
          await pca.acquireTokenRedirect({ scopes });
          // The page navigates away; this promise never needs to settle usefully.
          return await new Promise<string>(() => undefined);
        }
        const r = await pca.acquireTokenPopup({ scopes });
        account = r.account;
        pca.setActiveAccount(r.account);
        return r.accessToken;
      } catch (e) {
        throw new SignInRequired(String((e as Error).message ?? e), 'interaction_failed', e);
      }
    },
  };
}
