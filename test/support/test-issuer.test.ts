// The bad tokens must each be wrong in the one way they are named for, or the refusal tests prove nothing.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAD_TOKEN_REASONS, createTestIssuer, type BadTokenKind, type TestIssuer } from './test-issuer.ts';

let t: TestIssuer;
let good: Record<string, unknown>;
beforeAll(async () => {
  t = await createTestIssuer();
  good = decodeJwt(await t.token());
});

/** The claims that differ from a good token's, ignoring those that change on every issue. */
function changedClaims(token: string): string[] {
  const claims = decodeJwt(token) as Record<string, unknown>;
  const keys = new Set([...Object.keys(good), ...Object.keys(claims)]);
  return [...keys].filter((k) => !['uti', 'iat', 'nbf', 'exp'].includes(k) && JSON.stringify(claims[k]) !== JSON.stringify(good[k])).sort();
}

describe('test issuer', () => {
  it('covers every bad token kind', () => {
    expect(Object.keys(BAD_TOKEN_REASONS)).toHaveLength(10);
  });

  it.each<[BadTokenKind, string[]]>([
    ['otherTenant', ['iss', 'tid']],
    ['wrongAudience', ['aud']],
    ['v1Issuer', ['iss', 'ver']],
    ['missingScope', ['scp']],
    ['tamperedPayload', ['roles']],
    ['expired', []],
    ['notYetValid', []],
    ['unknownKid', []],
    ['algNone', []],
    ['hs256WithPublicKey', []],
  ])('%s changes only %j', async (kind, claims) => {
    expect(changedClaims(await t.bad(kind))).toEqual(claims);
  });

  it('puts expired and not-yet-valid tokens well outside a minute of skew', async () => {
    const now = Date.now() / 1000;
    expect(decodeJwt(await t.bad('expired')).exp!).toBeLessThan(now - 3000);
    expect(decodeJwt(await t.bad('notYetValid')).nbf!).toBeGreaterThan(now + 3000);
  });

  it('signs the forged headers it names', async () => {
    expect(decodeProtectedHeader(await t.bad('algNone'))).toMatchObject({ alg: 'none' });
    expect((await t.bad('algNone')).endsWith('.')).toBe(true);
    expect(decodeProtectedHeader(await t.bad('hs256WithPublicKey'))).toMatchObject({ alg: 'HS256', kid: t.kid });
    const unknown = decodeProtectedHeader(await t.bad('unknownKid'));
    expect(unknown.alg).toBe('RS256');
    expect(t.jwks().keys.map((k) => k.kid)).not.toContain(unknown.kid);
  });

  it('mints app-only tokens the way client credentials do', async () => {
    const claims = decodeJwt(await t.appOnlyToken(['Suhde.Sync.All']));
    expect(claims).toMatchObject({ idtyp: 'app', roles: ['Suhde.Sync.All'], tid: t.tenantId, azpacr: '1' });
    expect(claims.sub).toBe(claims['oid']);
    expect(claims).not.toHaveProperty('scp');
    expect(claims).not.toHaveProperty('name');
    expect(claims).not.toHaveProperty('preferred_username');
  });

  it('gives verifier options that accept its good tokens', async () => {
    await expect(t.verifier().verify(await t.token())).resolves.toMatchObject({ oid: t.user.oid, tid: t.tenantId });
  });
});
