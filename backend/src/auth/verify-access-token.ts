// Validates a Microsoft Entra ID v2.0 access token for the Suhde API and returns who is calling. Every token
// the backend accepts goes through here: tokens from Entra, and tokens from the demo issuer, which signs
// with its own key but is held to exactly the same rules.
import { createHash } from 'node:crypto';
import { jwtVerify, type FlattenedJWSInput, type JWTHeaderParameters, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_AUTHORITY_HOST, authorityHostFrom, v2IssuerFor } from './entra-authority.ts';

export type AuthErrorReason =
  | 'missing'
  | 'malformed'
  | 'signature'
  | 'expired'
  | 'not_yet_valid'
  | 'issuer'
  | 'audience'
  | 'tenant'
  | 'scope'
  | 'claims';

/**
 * A token that was refused. `reason` is for code and logs; `message` is English meant for the caller, and
 * never repeats the token, a claim value or the configuration. No `cause` is attached: jose's claim errors
 * carry the whole payload (names, e-mail addresses), which must not end up in logs by accident.
 *
 * Anything else thrown by `verify` (the key set cannot be fetched, the tenant lookup fails) is not an
 * AuthError and means "could not check", not "refused": answer 503, not 401.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly reason: AuthErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedPrincipal {
  /** The caller's tenant (directory) id, a lowercase GUID. */
  tid: string;
  /** The user's (or, app-only, the service principal's) object id in that tenant, a lowercase GUID. */
  oid: string;
  /** Display only; mutable, never use it to decide anything. */
  name: string | null;
  /** `preferred_username`: display and hints only; mutable, never use it to decide anything. */
  username: string | null;
  /** Delegated scopes from `scp`; empty for app-only tokens. */
  scopes: string[];
  /** App roles: assigned to the user (delegated) or granted to the calling application (app-only). */
  roles: string[];
  /** True when an application called as itself (client credentials), with no user behind it. */
  appOnly: boolean;
}

export interface AccessTokenVerifierOptions {
  /** Accepted `aud` values: the API's application (client) id and its App ID URI (api://...). */
  audiences: readonly string[];
  /** Default https://login.microsoftonline.com; another host for national clouds, the demo and tests. */
  authorityHost?: string;
  /** Where signing keys come from: `entraKeySet(...)` in production, the demo issuer's `getKey` otherwise. */
  getKey: JWTVerifyGetKey;
  /** Whether a tenant has been set up in Suhde. The common key set signs tokens for every tenant on earth. */
  isTenantOnboarded: (tid: string) => boolean | Promise<boolean>;
  /** The delegated scope a user token must carry. Default 'access_as_user'. */
  requiredScope?: string;
  /**
   * App roles that let an application call as itself (app-only, client credentials). Default none, so
   * app-only tokens are refused: Suhde has no daemon callers, and the rest of the backend treats every
   * principal as a person (a first request creates a user). Use roles meant for applications only here,
   * never the user roles (Suhde.Admin, Suhde.Manager): Microsoft advises separate roles for apps and users
   * so that one cannot pass for the other.
   */
  appOnlyRoles?: readonly string[];
  /** Clock skew allowed on `exp` and `nbf`, in seconds. Default 60: covers real skew, not stale tokens. */
  clockToleranceSeconds?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  clock?: () => number;
  /**
   * Longest accepted lifetime (`exp` minus `iat`, or `nbf` without `iat`), in seconds. Default 24 h: Entra
   * access tokens live 60-90 minutes, up to about 28 h only with continuous access evaluation, which this API
   * does not opt into; a token meant to live longer was not issued by Entra for us.
   */
  maxLifetimeSeconds?: number;
  /**
   * How many verified tokens are remembered (by their SHA-256) until they expire, so a client sending the same
   * bearer token again skips the RS256 check. Default 10,000; 0 turns the cache off. A refused token is never
   * remembered, and a remembered one is still refused once expired, its tenant is gone or its key is withdrawn.
   */
  cacheSize?: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<VerifiedPrincipal>;
  /** How many tokens are remembered now, and how many verifications were answered from them. */
  cacheStats(): { size: number; hits: number };
}

interface Remembered {
  principal: VerifiedPrincipal;
  /** exp in ms: past it, the token goes through the full check again (which allows the clock tolerance). */
  untilMs: number;
  header: JWTHeaderParameters;
  input: FlattenedJWSInput;
  key: unknown;
}

/** Entra emits GUIDs in lowercase; other case is accepted and folded so one user never has two ids. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Far above a real Entra token (a few KB even with groups) and above what Node accepts in headers. */
const MAX_TOKEN_LENGTH = 16 * 1024;

const V1_ISSUER = /^https:\/\/sts\.windows\.net\//;

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const audiences = [...options.audiences];
  if (audiences.length === 0 || audiences.some((a) => typeof a !== 'string' || a === '')) {
    throw new TypeError('createAccessTokenVerifier: give at least one audience (the API client id, and its App ID URI).');
  }
  const authorityHost = authorityHostFrom(options.authorityHost ?? DEFAULT_AUTHORITY_HOST);
  const requiredScope = options.requiredScope ?? 'access_as_user';
  const appOnlyRoles = new Set(options.appOnlyRoles ?? []);
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0) throw new TypeError('clockToleranceSeconds must be a non-negative number.');
  const clock = options.clock ?? Date.now;
  const maxLifetime = options.maxLifetimeSeconds ?? 24 * 3600;
  const cacheSize = options.cacheSize ?? 10_000;
  const remembered = new Map<string, Remembered>();
  let hits = 0;

  /** The remembered principal, if the token is still good: unexpired, its key still published, its tenant still here. */
  async function recall(hash: string): Promise<VerifiedPrincipal | null> {
    const r = remembered.get(hash);
    if (!r) return null;
    remembered.delete(hash);
    if (clock() >= r.untilMs) return null;
    let key: unknown;
    try {
      key = await options.getKey(r.header, r.input);
    } catch (e) {
      // The key set no longer has the key (rotated out, withdrawn): the full check below says why it is refused,
      // or reports the key set could not be read.
      if (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_JWKS')) return null;
      throw e;
    }
    if (key !== r.key) return null;
    if (!(await options.isTenantOnboarded(r.principal.tid))) throw new AuthError('tenant', 'Your organisation has not been set up in Suhde yet. Ask your administrator.');
    remembered.set(hash, r); // most recently used last: the oldest is dropped first
    hits++;
    return { ...r.principal, scopes: [...r.principal.scopes], roles: [...r.principal.roles] };
  }

  async function verify(token: string): Promise<VerifiedPrincipal> {
    if (typeof token !== 'string' || token.trim() === '') throw new AuthError('missing', 'No access token was sent.');
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthError('malformed', 'The access token is not a well-formed JWT.');
    const hash = cacheSize > 0 ? createHash('sha256').update(token).digest('base64url') : '';
    if (hash) {
      const known = await recall(hash);
      if (known) return known;
    }
    const principal = await verifyFully(token);
    if (hash) {
      if (remembered.size >= cacheSize) remembered.delete(remembered.keys().next().value!);
      remembered.set(hash, principal.remember);
    }
    return principal.result;
  }

  async function verifyFully(token: string): Promise<{ result: VerifiedPrincipal; remember: Remembered }> {
    let payload: JWTPayload;
    let header: JWTHeaderParameters;
    let key: unknown;
    try {
      // Signature first: nothing in an unsigned or forged token is read before this, and no tenant lookup
      // is done for it. RS256 is the only algorithm Entra uses for access tokens; allowing only it refuses
      // alg "none" and the HS256-with-the-public-key trick before a key is even looked up.
      ({ payload, protectedHeader: header, key } = await jwtVerify(token, options.getKey, {
        algorithms: ['RS256'],
        audience: audiences,
        requiredClaims: ['exp', 'nbf'],
        clockTolerance,
        currentDate: new Date(clock()),
      }));
    } catch (e) {
      throw fromJose(e);
    }

    // jose checks exp and nbf against the clock; the token's own lifetime and issue time are ours to check.
    const issuedAt = payload.iat ?? payload.nbf;
    if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt)) throw claims('The access token has no valid "iat" (issued at) claim.');
    if (issuedAt > clock() / 1000 + clockTolerance) {
      throw new AuthError('not_yet_valid', 'The access token is issued in the future. The clocks of the client and the server may disagree.');
    }
    if (payload.exp! - issuedAt > maxLifetime) throw claims('The access token lives longer than an access token from Microsoft Entra ID can.');

    const tidClaim = payload['tid'];
    if (typeof tidClaim !== 'string' || !GUID.test(tidClaim)) throw claims('The access token has no valid "tid" (tenant id) claim.');
    // The issuer is not a fixed string for a multi-tenant API: it names the caller's tenant. It must be
    // exactly the v2.0 issuer of the tenant the token itself names, so a token cannot claim one tenant in
    // `tid` and come from another, and a v1.0 token (sts.windows.net) is refused.
    if (payload.iss !== v2IssuerFor(authorityHost, tidClaim)) {
      if (typeof payload.iss === 'string' && V1_ISSUER.test(payload.iss)) {
        throw new AuthError(
          'issuer',
          'The access token is a v1.0 token; Suhde accepts v2.0 access tokens only. Set the access token version ' +
            '(requestedAccessTokenVersion / accessTokenAcceptedVersion) to 2 on the Suhde API app registration.',
        );
      }
      throw new AuthError('issuer', 'The access token was not issued by the expected Microsoft Entra ID authority.');
    }
    if (payload['ver'] !== '2.0') throw claims('The access token is not a version 2.0 access token.');
    const oidClaim = payload['oid'];
    if (typeof oidClaim !== 'string' || !GUID.test(oidClaim)) throw claims('The access token has no valid "oid" (object id) claim.');

    const roles = stringArray(payload['roles']);
    if (roles === null) throw claims('The access token has an invalid "roles" claim.');
    const scp = payload['scp'];
    if (scp !== undefined && typeof scp !== 'string') throw claims('The access token has an invalid "scp" claim.');
    const scopes = (scp ?? '').split(' ').filter((s) => s !== '');
    const appOnly = isAppOnly(payload, scopes);

    // Cheap checks before the tenant lookup, which may reach the database.
    if (appOnly) {
      if (!roles.some((r) => appOnlyRoles.has(r))) {
        throw new AuthError('scope', 'Application (app-only) tokens are not accepted here without an application role granted for Suhde.');
      }
    } else if (!scopes.includes(requiredScope)) {
      throw new AuthError('scope', `The access token does not grant the "${requiredScope}" scope of the Suhde API.`);
    }

    const tid = tidClaim.toLowerCase();
    if (!(await options.isTenantOnboarded(tid))) {
      throw new AuthError('tenant', 'Your organisation has not been set up in Suhde yet. Ask your administrator.');
    }

    const result: VerifiedPrincipal = {
      tid,
      oid: oidClaim.toLowerCase(),
      name: appOnly ? null : optionalString(payload['name']),
      username: appOnly ? null : optionalString(payload['preferred_username']),
      scopes,
      roles,
      appOnly,
    };
    const [protectedPart, payloadPart, signature] = token.split('.');
    return {
      result,
      remember: {
        principal: { ...result, scopes: [...scopes], roles: [...roles] },
        untilMs: payload.exp! * 1000, header, key,
        input: { protected: protectedPart!, payload: payloadPart!, signature: signature! },
      },
    };
  }

  return { verify, cacheStats: () => ({ size: remembered.size, hits }) };
}

/**
 * App-only versus delegated. `idtyp` is Microsoft's "most accurate" signal but is an optional claim the API
 * registration must ask for, and by default it appears on app tokens only. A delegated token always has
 * `scp`; an app token never does, and its `oid` equals its `sub` (both are the service principal). A token
 * without `scp` that shows neither sign is treated as a user token and so fails the scope check.
 */
function isAppOnly(payload: JWTPayload, scopes: string[]): boolean {
  const idtyp = payload['idtyp'];
  if (idtyp === 'app') {
    if (scopes.length > 0) throw claims('The access token says it is an application token but carries delegated scopes.');
    return true;
  }
  if (idtyp !== undefined && idtyp !== 'user') throw claims('The access token has an invalid "idtyp" claim.');
  return idtyp === undefined && scopes.length === 0 && payload.sub !== undefined && payload.sub === payload['oid'];
}

const claims = (message: string) => new AuthError('claims', message);

function stringArray(value: unknown): string[] | null {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : null;
}

const optionalString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * jose's errors, mapped to reasons. Errors that say the key set could not be fetched or read (timeout, a
 * non-200 answer, invalid JSON) are not about the token and are rethrown as they are.
 */
function fromJose(e: unknown): unknown {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  const claim = typeof e === 'object' && e !== null && 'claim' in e ? (e as { claim: unknown }).claim : undefined;
  const reason = typeof e === 'object' && e !== null && 'reason' in e ? (e as { reason: unknown }).reason : undefined;
  switch (code) {
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new AuthError('malformed', 'The access token is not a well-formed JWT.');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new AuthError('signature', 'The access token is not signed with an accepted algorithm (RS256).');
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new AuthError('signature', 'The access token is signed with a key that Microsoft Entra ID does not publish.');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new AuthError('signature', 'The access token signature is not valid.');
    case 'ERR_JWT_EXPIRED':
      return new AuthError('expired', 'The access token has expired. Get a new one and try again.');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return new AuthError('audience', 'The access token was issued for another application, not the Suhde API.');
      if (claim === 'nbf' && reason === 'check_failed') {
        return new AuthError('not_yet_valid', 'The access token is not valid yet. The clocks of the client and the server may disagree.');
      }
      return claims(`The access token has a missing or invalid "${typeof claim === 'string' ? claim : 'unknown'}" claim.`);
    default:
      return e;
  }
}
