// TEST SUPPORT ONLY: never import this from production code. A demo issuer for test suites, plus tokens
// that are wrong in exactly one way each (forged, foreign, stale...), so a suite can prove each is refused.
// The defaults put the issuer at the real Entra host, so tests check the real issuer format; keys are local.
import { randomUUID } from 'node:crypto';
import { SignJWT, base64url, exportSPKI, generateKeyPair, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { createDemoIssuer, type DemoIssuer, type IssueParams } from '../../backend/src/auth/demo-issuer.ts';
import { DEFAULT_AUTHORITY_HOST, v2IssuerFor } from '../../backend/src/auth/entra-authority.ts';
import type { AccessTokenVerifier, AccessTokenVerifierOptions, AuthErrorReason } from '../../backend/src/auth/verify-access-token.ts';
import { createAccessTokenVerifier } from '../../backend/src/auth/verify-access-token.ts';

/** Each bad token and the reason the verifier must give for it. */
export const BAD_TOKEN_REASONS = {
  otherTenant: 'tenant',
  wrongAudience: 'audience',
  expired: 'expired',
  notYetValid: 'not_yet_valid',
  unknownKid: 'signature',
  algNone: 'signature',
  hs256WithPublicKey: 'signature',
  tamperedPayload: 'signature',
  v1Issuer: 'issuer',
  missingScope: 'scope',
} as const satisfies Record<string, AuthErrorReason>;

export type BadTokenKind = keyof typeof BAD_TOKEN_REASONS;

export interface TestIssuerOptions {
  authorityHost?: string;
  tenantId?: string;
  audience?: string;
}

export interface TestIssuer extends DemoIssuer {
  /** A tenant that is not onboarded (the verifier from `verifier()` knows only `tenantId`). */
  readonly otherTenantId: string;
  /** The API's App ID URI, also accepted as audience by `verifier()`. */
  readonly appIdUri: string;
  /** A good user: issue({ ...user }) gives a token the verifier accepts. */
  readonly user: { oid: string; name: string; username: string };
  /** Options for createAccessTokenVerifier that accept this issuer's good tokens. */
  verifierOptions(overrides?: Partial<AccessTokenVerifierOptions>): AccessTokenVerifierOptions;
  verifier(overrides?: Partial<AccessTokenVerifierOptions>): AccessTokenVerifier;
  /** A good delegated token for `user`, with any issue() parameter changed. */
  token(params?: Partial<IssueParams>): Promise<string>;
  /** Signs any claims with the issuer's real key (a claim set to undefined is left out). */
  sign(claims: JWTPayload, header?: Partial<JWTHeaderParameters>): Promise<string>;
  /** A good user token's claims with some changed, signed with the real key. */
  signWith(patch: JWTPayload, params?: Partial<IssueParams>): Promise<string>;
  /** An app-only (client credentials) token, shaped like Entra's: no scp, no user, oid == sub, idtyp app. */
  appOnlyToken(roles: string[], options?: { idtyp?: boolean }): Promise<string>;
  bad(kind: BadTokenKind, params?: Partial<IssueParams>): Promise<string>;
}

export async function createTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  const authorityHost = options.authorityHost ?? DEFAULT_AUTHORITY_HOST;
  const tenantId = options.tenantId ?? randomUUID();
  const audience = options.audience ?? randomUUID();
  const appIdUri = `api://suhde.test/${audience}`;
  const otherTenantId = randomUUID();
  const keyPair = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256');
  const issuer = await createDemoIssuer({ authorityHost, tenantId, audience, keyPair });
  const user = { oid: randomUUID(), name: 'Test User', username: 'test.user@suhde.test' };

  const claimsFor = (params: Partial<IssueParams> = {}) => issuer.claims({ ...user, ...params });
  const sign = (claims: JWTPayload, header: Partial<JWTHeaderParameters> = {}, key = keyPair.privateKey) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: issuer.kid, ...header }).sign(key);
  const signWith = (patch: JWTPayload, params?: Partial<IssueParams>) => sign({ ...claimsFor(params), ...patch });
  const encode = (part: object) => base64url.encode(JSON.stringify(part));
  const hour = 3600 * 1000;

  const makers: Record<BadTokenKind, (params?: Partial<IssueParams>) => Promise<string>> = {
    // Signed by the real key, as Entra's common keys sign for every tenant: only onboarding keeps it out.
    otherTenant: (p) => signWith({ tid: otherTenantId, iss: v2IssuerFor(issuer.authorityHost, otherTenantId) }, p),
    wrongAudience: (p) => signWith({ aud: randomUUID() }, p),
    // Well past the verifier's clock tolerance either way.
    expired: (p) => sign(claimsFor({ now: Date.now() - 2 * hour, ttlSeconds: 3600, ...p })),
    notYetValid: (p) => sign(claimsFor({ now: Date.now() + hour, ...p })),
    // A key pair the JWKS does not publish, with its own kid.
    unknownKid: (p) => sign(claimsFor(p), { kid: 'not-published-' + randomUUID() }, stranger.privateKey),
    algNone: async (p) => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claimsFor(p))}.`,
    // The classic key-confusion attack: HMAC keyed with the public key, which everybody can read.
    hs256WithPublicKey: async (p) =>
      new SignJWT(claimsFor(p))
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: issuer.kid })
        .sign(new TextEncoder().encode(await exportSPKI(keyPair.publicKey))),
    // A genuine token whose payload is rewritten to grant the admin role; header and signature kept.
    tamperedPayload: async (p) => {
      const [header, payload, signature] = (await sign(claimsFor(p))).split('.') as [string, string, string];
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as JWTPayload;
      return `${header}.${encode({ ...claims, roles: ['Suhde.Admin'] })}.${signature}`;
    },
    // What Entra issues when the API registration still asks for v1.0 tokens.
    v1Issuer: (p) => signWith({ iss: `https://sts.windows.net/${tenantId}/`, ver: '1.0' }, p),
    missingScope: (p) => sign(claimsFor({ scopes: [], ...p })),
  };

  const verifierOptions = (overrides: Partial<AccessTokenVerifierOptions> = {}): AccessTokenVerifierOptions => ({
    audiences: [audience, appIdUri],
    authorityHost: issuer.authorityHost,
    getKey: issuer.getKey,
    isTenantOnboarded: (tid) => tid === tenantId,
    ...overrides,
  });

  return {
    ...issuer,
    otherTenantId,
    appIdUri,
    user,
    verifierOptions,
    verifier: (overrides) => createAccessTokenVerifier(verifierOptions(overrides)),
    token: (params) => issuer.issue({ ...user, ...params }),
    sign: (claims, header) => sign(claims, header),
    signWith,
    appOnlyToken: (roles, { idtyp = true } = {}) => {
      const app = randomUUID();
      const { name: _n, preferred_username: _u, scp: _s, ...rest } = claimsFor({ roles });
      return sign({ ...rest, oid: app, sub: app, ...(idtyp ? { idtyp: 'app' } : {}), azpacr: '1' });
    },
    bad: (kind, params) => makers[kind](params),
  };
}
