// Where an Entra ID authority keeps its issuers and keys. The verifier, the key set and the demo issuer all
// build their URLs here, so the issuer a token must carry and the issuer the demo writes cannot drift apart.

/** The public cloud. National clouds (login.microsoftonline.us, login.partner.microsoftonline.cn), the demo
 * and the tests pass their own host. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * Checks an authority host and returns it without a trailing slash. A path is allowed (the demo serves its
 * authority under /demo-auth); a query or fragment is not, because the issuer is compared as an exact string.
 */
export function authorityHostFrom(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`The authority host "${value}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`The authority host "${value}" must be an http(s) URL.`);
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(`The authority host "${value}" must not carry a query, a fragment or credentials.`);
  }
  return value.replace(/\/+$/, '');
}

/** The `iss` of a v2.0 access token issued for `tenantId`: Entra names the user's tenant, never "common". */
export const v2IssuerFor = (authorityHost: string, tenantId: string) => `${authorityHost}/${tenantId}/v2.0`;

/** The multi-tenant key set: the same keys sign tokens of every tenant, so the tenant is checked apart. */
export const commonKeysUrlFor = (authorityHost: string) => `${authorityHost}/common/discovery/v2.0/keys`;
