// How a face gets an access token for Suhde's API. Each face picks one provider at start: the demo issuer's
// sign-in, MSAL nested app authentication inside Outlook/Teams, or MSAL redirect in a plain browser.

export interface SignedInUser {
  id?: string;
  displayName: string;
  username?: string;
}

export interface AuthProvider {
  /** 'demo' | 'naa' | 'browser' | a face's own (e.g. 'office-dialog'). */
  readonly kind: string;
  /** A valid access token for the Suhde API scope; rejects with SignInRequired when none can be had. */
  getToken(): Promise<string>;
  /** Who is signed in, once known. */
  user(): SignedInUser | null;
}

/** Suhde's API scope for an API registration: "api://<host>/<client-id>/access_as_user" or "<client-id>/access_as_user". */
export function apiScope(appIdUri: string | null | undefined, apiClientId: string): string {
  return `${appIdUri ?? `api://${apiClientId}`}/access_as_user`;
}
