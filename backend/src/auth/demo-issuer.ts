// The demo's stand-in for Microsoft Entra ID: its own RS256 key pair and key set, and access tokens with
// exactly the claims of an Entra v2.0 access token. The backend checks them with the same verifier as real
// Entra tokens (only the key source differs), so the demo and the tests exercise the production path.
// The configuration refuses demo mode unless it listens on loopback: this issuer signs in anyone as anyone.
import { createHash, randomBytes } from 'node:crypto';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { authorityHostFrom, commonKeysUrlFor, v2IssuerFor } from './entra-authority.ts';

/** The client (front end) the demo pretends the token was requested by: a fixed, obviously fake id. */
export const DEMO_CLIENT_APP_ID = '00000000-5eed-4e5e-8000-000000000002';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DemoIssuerOptions {
  /** Where the demo's authority lives, e.g. http://127.0.0.1:8080/demo-auth (no trailing slash). */
  authorityHost: string;
  /** The demo tenant's id (a lowercase GUID), written into `tid` and `iss`. */
  tenantId: string;
  /** The API's client id, written into `aud` as Entra does for v2.0 tokens. */
  audience: string;
  /** The calling client's id for `azp`. Default DEMO_CLIENT_APP_ID. */
  clientAppId?: string;
  /** Listed in the discovery document only when given: the demo has no OAuth endpoints of its own. */
  tokenEndpoint?: string;
  /** A key pair to sign with (test support keeps the private key to forge bad tokens). Default: a new one. */
  keyPair?: { privateKey: CryptoKey; publicKey: CryptoKey };
}

export interface IssueParams {
  oid: string;
  name: string;
  username: string;
  /** App roles assigned to the user, e.g. ['Suhde.Manager']; the claim is left out when there are none. */
  roles?: string[];
  /** Delegated scopes; default ['access_as_user']. `scp` is left out when there are none, as Entra does. */
  scopes?: string[];
  /** Default 3600, like Entra's default access token lifetime (60-90 minutes). */
  ttlSeconds?: number;
  /** Issue time in milliseconds since the epoch; default now. */
  now?: number;
}

export interface DemoIssuer {
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly audience: string;
  readonly clientAppId: string;
  /** The `kid` of the signing key (its RFC 7638 thumbprint). */
  readonly kid: string;
  /** The public key set, shaped like Entra's /common/discovery/v2.0/keys. */
  jwks(): JSONWebKeySet;
  /** Resolves the demo's key for the verifier without HTTP. */
  getKey: JWTVerifyGetKey;
  openIdConfiguration(): Record<string, unknown>;
  /** The claim set `issue` signs, for callers that need to derive variants of it. */
  claims(params: IssueParams): JWTPayload;
  issue(params: IssueParams): Promise<string>;
}

export async function createDemoIssuer(options: DemoIssuerOptions): Promise<DemoIssuer> {
  const authorityHost = authorityHostFrom(options.authorityHost);
  const { tenantId, audience } = options;
  const clientAppId = options.clientAppId ?? DEMO_CLIENT_APP_ID;
  if (!GUID.test(tenantId)) throw new TypeError('createDemoIssuer: tenantId must be a lowercase GUID, as Entra writes it.');
  if (!audience) throw new TypeError('createDemoIssuer: give the API client id as audience.');

  const { privateKey, publicKey } = options.keyPair ?? (await generateKeyPair('RS256', { extractable: true }));
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported);
  const publicJwk: JWK = { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: exported.n!, e: exported.e! };
  const keySet: JSONWebKeySet = { keys: [publicJwk] };
  const getKey = createLocalJWKSet(keySet);

  function claims(params: IssueParams): JWTPayload {
    const { oid, name, username, roles = [], scopes = ['access_as_user'], ttlSeconds = 3600 } = params;
    if (!GUID.test(oid)) throw new TypeError('issue: oid must be a lowercase GUID, as Entra writes it.');
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new TypeError('issue: ttlSeconds must be a positive whole number.');
    const iat = Math.floor((params.now ?? Date.now()) / 1000);
    return {
      aud: audience,
      iss: v2IssuerFor(authorityHost, tenantId),
      iat,
      nbf: iat,
      exp: iat + ttlSeconds,
      azp: clientAppId,
      // "0": a public client (the task pane and the tab get tokens through MSAL, without a secret).
      azpacr: '0',
      name,
      oid,
      preferred_username: username,
      ...(roles.length > 0 ? { roles: [...roles] } : {}),
      ...(scopes.length > 0 ? { scp: scopes.join(' ') } : {}),
      sub: pairwiseSubject(oid, audience),
      tid: tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    };
  }

  return {
    authorityHost,
    tenantId,
    audience,
    clientAppId,
    kid,
    jwks: () => structuredClone(keySet),
    getKey,
    openIdConfiguration: () => ({
      // Like Entra's multi-tenant (/common) document: the issuer is a template, each token names its tenant.
      issuer: v2IssuerFor(authorityHost, '{tenantid}'),
      jwks_uri: commonKeysUrlFor(authorityHost),
      ...(options.tokenEndpoint ? { token_endpoint: options.tokenEndpoint } : {}),
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['aud', 'iss', 'iat', 'nbf', 'exp', 'azp', 'azpacr', 'name', 'oid', 'preferred_username', 'roles', 'scp', 'sub', 'tid', 'uti', 'ver'],
      // No authorization_endpoint, userinfo_endpoint, scopes_supported or response_types_supported: the demo
      // has no interactive OAuth flow, and a document that claimed one would send clients to nowhere.
    }),
    claims,
    issue: (params) => new SignJWT(claims(params)).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey),
  };
}

/** Entra's `sub` is pairwise: the same user has a different `sub` in each API. A hash of both gives that. */
function pairwiseSubject(oid: string, audience: string): string {
  return createHash('sha256').update(`${audience}\n${oid}`).digest('base64url');
}
