// Microsoft Entra ID's signing keys, fetched from the authority's multi-tenant key set and cached.
//
// The numbers follow Microsoft's "Signing key rollover" guidance (the algorithm its own libraries use):
// - Cached for 12 hours, give or take up to an hour at random. Entra publishes a key before it signs with it;
//   between refreshes no request waits on the network, and the jitter keeps a fleet of instances started
//   together from refetching in the same second.
// - A token whose `kid` is not cached (a key rolled over, perhaps in an emergency) makes one refetch on the
//   spot, so a rotation costs no failed sign-ins. Concurrent refetches are coalesced into one request.
// - After a fetch, unknown kids refetch no sooner than 5 minutes later (the cooldown; Microsoft's figure).
//   Anyone can send a token with a made-up kid; without the cooldown each one would cost a request to
//   Microsoft, turning the API into an amplifier that gets throttled. A 30-second cooldown would pick up an
//   emergency key sooner, but Microsoft asks for no more than one refresh per 5 minutes and plans its key
//   publication around that.
// - When Entra cannot be reached (timeout after 5 s, an error answer, garbage), the last keys that were
//   fetched successfully keep being used, and the next attempt waits out the same cooldown, so an outage of
//   the key endpoint neither signs everybody out nor makes every request wait 5 seconds. Without any keys
//   yet, the error is thrown as it is (not an AuthError): the caller answers 503, not 401.
//
// Microsoft also suggests discovering keys per tenant, should keys ever stop being shared across tenants;
// this uses the common key set, which serves every tenant today.
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { isIP } from 'node:net';
import { DEFAULT_AUTHORITY_HOST, authorityHostFrom, commonKeysUrlFor } from './entra-authority.ts';

export const KEY_SET_CACHE_MAX_AGE_MS = 12 * 60 * 60 * 1000;
export const KEY_SET_CACHE_JITTER_MS = 60 * 60 * 1000;
export const KEY_SET_COOLDOWN_MS = 5 * 60 * 1000;
export const KEY_SET_TIMEOUT_MS = 5 * 1000;

/** Errors that mean "the key set could not be read", as opposed to "this token names no published key". */
const TOKEN_KEY_ERRORS = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'ERR_JOSE_NOT_SUPPORTED']);

export function entraKeySet(authorityHost: string = DEFAULT_AUTHORITY_HOST): JWTVerifyGetKey {
  const url = new URL(commonKeysUrlFor(authorityHostFrom(authorityHost)));
  // Whoever can change the keys in transit can sign any token; plain HTTP is for loopback (tests) only.
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError(`Signing keys must be fetched over https (got ${url.origin}); plain http is allowed on loopback only.`);
  }
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: KEY_SET_CACHE_MAX_AGE_MS + Math.round((Math.random() * 2 - 1) * KEY_SET_CACHE_JITTER_MS),
    cooldownDuration: KEY_SET_COOLDOWN_MS,
    timeoutDuration: KEY_SET_TIMEOUT_MS,
  });

  let lastKnownGood: JWTVerifyGetKey | undefined;
  let failedAt = -Infinity;

  return async (protectedHeader, token) => {
    if (lastKnownGood && Date.now() - failedAt < KEY_SET_COOLDOWN_MS) return lastKnownGood(protectedHeader, token);
    try {
      const key = await remote(protectedHeader, token);
      lastKnownGood = undefined;
      return key;
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
      const known = remote.jwks();
      if (!known || (typeof code === 'string' && TOKEN_KEY_ERRORS.has(code))) throw e;
      failedAt = Date.now();
      lastKnownGood = createLocalJWKSet(known);
      return lastKnownGood(protectedHeader, token);
    }
  };
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
