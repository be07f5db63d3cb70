import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError, createAccessTokenVerifier, type AuthErrorReason } from './verify-access-token.ts';
import { BAD_TOKEN_REASONS, createTestIssuer, type BadTokenKind, type TestIssuer } from '../../../test/support/test-issuer.ts';

let t: TestIssuer;
beforeAll(async () => {
  t = await createTestIssuer();
});

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the token was accepted').toBeInstanceOf(AuthError);
  return error as AuthError;
}

const reasonFor = async (promise: Promise<unknown>): Promise<AuthErrorReason> => (await refusal(promise)).reason;

describe('a good token', () => {
  it('yields the principal', async () => {
    const token = await t.token({ roles: ['Suhde.Manager'] });
    await expect(t.verifier().verify(token)).resolves.toEqual({
      tid: t.tenantId,
      oid: t.user.oid,
      name: 'Test User',
      username: 'test.user@suhde.test',
      scopes: ['access_as_user'],
      roles: ['Suhde.Manager'],
      appOnly: false,
    });
  });

  it('has no roles when none are assigned, and keeps every granted scope', async () => {
    const principal = await t.verifier().verify(await t.token({ scopes: ['access_as_user', 'Reports.Read'] }));
    expect(principal.roles).toEqual([]);
    expect(principal.scopes).toEqual(['access_as_user', 'Reports.Read']);
  });

  it('is accepted for the App ID URI audience as well as the client id', async () => {
    const principal = await t.verifier().verify(await t.signWith({ aud: t.appIdUri }));
    expect(principal.oid).toBe(t.user.oid);
  });

  it('asks whether its own tenant is onboarded, and may be answered asynchronously', async () => {
    const isTenantOnboarded = vi.fn(async (tid: string) => tid === t.tenantId);
    await t.verifier({ isTenantOnboarded }).verify(await t.token());
    expect(isTenantOnboarded).toHaveBeenCalledWith(t.tenantId);
  });

  it('has its ids folded to lowercase, so one user never has two spellings', async () => {
    const upper = { tid: t.tenantId.toUpperCase(), oid: t.user.oid.toUpperCase() };
    const token = await t.signWith({ ...upper, iss: `https://login.microsoftonline.com/${upper.tid}/v2.0` });
    const principal = await t.verifier().verify(token);
    expect(principal).toMatchObject({ tid: t.tenantId, oid: t.user.oid });
  });
});

describe('refusals', () => {
  it.each(Object.entries(BAD_TOKEN_REASONS) as [BadTokenKind, AuthErrorReason][])('%s is refused as %s', async (kind, reason) => {
    expect(await reasonFor(t.verifier().verify(await t.bad(kind)))).toBe(reason);
  });

  it('refuses an empty token as missing', async () => {
    expect(await reasonFor(t.verifier().verify(''))).toBe('missing');
    expect(await reasonFor(t.verifier().verify('   '))).toBe('missing');
  });

  it.each([['not-a-jwt'], ['a.b.c'], ['eyJhbGciOiJSUzI1NiJ9.e30'], ['x'.repeat(20_000)]])('refuses %s as malformed', async (token) => {
    expect(await reasonFor(t.verifier().verify(token))).toBe('malformed');
  });

  it('reads nothing from a payload before the signature holds', async () => {
    const [header, , signature] = (await t.token()).split('.');
    expect(await reasonFor(t.verifier().verify(`${header}.bm90IGpzb24.${signature}`))).toBe('signature');
  });

  it('refuses a token signed by another demo issuer with the same settings', async () => {
    const impostor = await createTestIssuer({ tenantId: t.tenantId, audience: t.audience });
    // Same kid field name, different key: the kid is not published, so no key is even tried.
    expect(await reasonFor(t.verifier().verify(await impostor.token()))).toBe('signature');
    // Even when the impostor claims the real kid, the signature does not verify.
    const forged = await impostor.sign(impostor.claims({ ...t.user }), { kid: t.kid });
    expect(await reasonFor(t.verifier().verify(forged))).toBe('signature');
  });
});

describe('algorithms', () => {
  it('refuses alg none and HS256 before any key is looked up', async () => {
    const getKey = vi.fn(t.getKey);
    const verifier = t.verifier({ getKey });
    expect(await reasonFor(verifier.verify(await t.bad('algNone')))).toBe('signature');
    expect(await reasonFor(verifier.verify(await t.bad('hs256WithPublicKey')))).toBe('signature');
    expect(getKey).not.toHaveBeenCalled();
  });

  it('would still refuse HS256 by key type if the allow-list were widened', async () => {
    // Second line of defence: the key set holds RSA keys only and never yields a key for an HMAC algorithm.
    await expect(jwtVerify(await t.bad('hs256WithPublicKey'), t.getKey, { algorithms: ['HS256'] })).rejects.toThrow(/Unsupported "alg"/);
  });

  it('would still refuse alg none without an allow-list: jose has no unsecured path in jwtVerify', async () => {
    await expect(jwtVerify(await t.bad('algNone'), t.getKey)).rejects.toThrow();
  });

  it('refuses other RSA algorithms (PS256, RS512) before any key is looked up', async () => {
    const getKey = vi.fn(t.getKey);
    const [, payload, signature] = (await t.token()).split('.');
    for (const alg of ['PS256', 'RS512']) {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: t.kid })).toString('base64url');
      expect(await reasonFor(t.verifier({ getKey }).verify(`${header}.${payload}.${signature}`))).toBe('signature');
    }
    expect(getKey).not.toHaveBeenCalled();
  });
});

describe('clock tolerance', () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const verifier = () => t.verifier({ clock: () => now });
  const at = (secondsFromNow: number) => now + secondsFromNow * 1000;

  it('accepts a token that expired less than 60 s ago, and refuses one 61 s ago', async () => {
    await expect(verifier().verify(await t.token({ now: at(-3600 - 59), ttlSeconds: 3600 }))).resolves.toBeTruthy();
    expect(await reasonFor(verifier().verify(await t.token({ now: at(-3600 - 61), ttlSeconds: 3600 })))).toBe('expired');
  });

  it('accepts a token valid from 59 s ahead, and refuses one valid from 61 s ahead', async () => {
    await expect(verifier().verify(await t.token({ now: at(59) }))).resolves.toBeTruthy();
    expect(await reasonFor(verifier().verify(await t.token({ now: at(61) })))).toBe('not_yet_valid');
  });

  it('uses the configured tolerance', async () => {
    const strict = t.verifier({ clock: () => now, clockToleranceSeconds: 0 });
    expect(await reasonFor(strict.verify(await t.token({ now: at(5) })))).toBe('not_yet_valid');
  });

  it('requires exp and nbf', async () => {
    expect(await reasonFor(t.verifier().verify(await t.signWith({ exp: undefined })))).toBe('claims');
    expect(await reasonFor(t.verifier().verify(await t.signWith({ nbf: undefined })))).toBe('claims');
    expect(await reasonFor(t.verifier().verify(await t.signWith({ exp: 'tomorrow' as unknown as number })))).toBe('claims');
  });
});

describe('token lifetime', () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const s = Math.floor(now / 1000);
  const verifier = () => t.verifier({ clock: () => now });

  it('refuses a ten-year token without iat (nbf counts as the issue time)', async () => {
    const token = await t.signWith({ iat: undefined, nbf: s - 60, exp: s + 10 * 365 * 86_400 });
    expect(await reasonFor(verifier().verify(token))).toBe('claims');
  });

  it('refuses a token with neither iat nor nbf', async () => {
    expect(await reasonFor(verifier().verify(await t.signWith({ iat: undefined, nbf: undefined, exp: s + 3600 })))).toBe('claims');
  });

  it('accepts up to 24 h between iat and exp, and refuses more', async () => {
    await expect(verifier().verify(await t.signWith({ iat: s - 60, nbf: s - 60, exp: s - 60 + 24 * 3600 }))).resolves.toBeTruthy();
    expect(await reasonFor(verifier().verify(await t.signWith({ iat: s - 60, nbf: s - 60, exp: s - 60 + 24 * 3600 + 1 })))).toBe('claims');
  });

  it('refuses an iat in the future beyond the clock skew, even when nbf is in the past', async () => {
    await expect(verifier().verify(await t.signWith({ iat: s + 59, nbf: s - 60, exp: s + 3600 }))).resolves.toBeTruthy();
    expect(await reasonFor(verifier().verify(await t.signWith({ iat: s + 120, nbf: s - 60, exp: s + 3600 })))).toBe('not_yet_valid');
  });

  it('refuses a non-numeric iat', async () => {
    expect(await reasonFor(verifier().verify(await t.signWith({ iat: 'now' as unknown as number, nbf: s - 60, exp: s + 3600 })))).toBe('claims');
  });

  it('uses the configured maximum lifetime', async () => {
    const short = t.verifier({ clock: () => now, maxLifetimeSeconds: 3600 });
    expect(await reasonFor(short.verify(await t.signWith({ iat: s - 60, nbf: s - 60, exp: s + 3600 })))).toBe('claims');
  });
});

describe('issuer and tenant', () => {
  it('refuses the right tenant at another authority (national cloud, lookalike host)', async () => {
    for (const host of ['https://login.microsoftonline.us', 'https://login.microsoftonline.com.evil.test', 'http://login.microsoftonline.com']) {
      expect(await reasonFor(t.verifier().verify(await t.signWith({ iss: `${host}/${t.tenantId}/v2.0` })))).toBe('issuer');
    }
  });

  it('refuses issuer spellings that are not exact', async () => {
    for (const iss of [
      `https://login.microsoftonline.com/${t.tenantId}/v2.0/`,
      `https://login.microsoftonline.com/${t.tenantId}`,
      'https://login.microsoftonline.com/{tenantid}/v2.0',
      'https://login.microsoftonline.com/common/v2.0',
      `https://login.microsoftonline.com/${t.tenantId.toUpperCase()}/v2.0`,
    ]) {
      expect(await reasonFor(t.verifier().verify(await t.signWith({ iss }))), iss).toBe('issuer');
    }
  });

  it('refuses a token whose tid and issuer name different tenants, even if both are onboarded', async () => {
    const other = randomUUID();
    const verifier = t.verifier({ isTenantOnboarded: () => true });
    expect(await reasonFor(verifier.verify(await t.signWith({ tid: other })))).toBe('issuer');
    expect(await reasonFor(verifier.verify(await t.signWith({ iss: `https://login.microsoftonline.com/${other}/v2.0` })))).toBe('issuer');
  });

  it('says how to fix a v1.0 token', async () => {
    const error = await refusal(t.verifier().verify(await t.bad('v1Issuer')));
    expect(error.message).toMatch(/v2\.0 access tokens only/);
  });

  it('accepts another tenant once it is onboarded', async () => {
    const verifier = t.verifier({ isTenantOnboarded: (tid) => tid === t.otherTenantId });
    await expect(verifier.verify(await t.bad('otherTenant'))).resolves.toMatchObject({ tid: t.otherTenantId });
  });

  it('does not look the tenant up for tokens that fail earlier checks', async () => {
    const isTenantOnboarded = vi.fn(() => true);
    const verifier = t.verifier({ isTenantOnboarded });
    for (const kind of ['unknownKid', 'tamperedPayload', 'algNone', 'wrongAudience', 'expired', 'v1Issuer', 'missingScope'] as const) {
      await refusal(verifier.verify(await t.bad(kind)));
    }
    expect(isTenantOnboarded).not.toHaveBeenCalled();
  });
});

describe('claims', () => {
  it.each([
    ['no tid', { tid: undefined }],
    ['a tid that is not a GUID', { tid: 'contoso.onmicrosoft.com', iss: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0' }],
    ['no oid', { oid: undefined }],
    ['an oid that is not a GUID', { oid: 'admin' }],
    ['ver 1.0 with a v2.0 issuer', { ver: '1.0' }],
    ['no ver', { ver: undefined }],
    ['roles that are not a string array', { roles: 'Suhde.Admin' }],
    ['scp that is not a string', { scp: ['access_as_user'] }],
    ['an unknown idtyp', { idtyp: 'device' }],
  ])('refuses %s', async (_label, patch) => {
    expect(await reasonFor(t.verifier().verify(await t.signWith(patch)))).toBe('claims');
  });
});

describe('scopes and app-only tokens', () => {
  it('refuses a delegated token without the required scope', async () => {
    expect(await reasonFor(t.verifier().verify(await t.token({ scopes: ['Reports.Read'] })))).toBe('scope');
  });

  it('uses the configured required scope', async () => {
    const verifier = t.verifier({ requiredScope: 'Suhde.Use' });
    expect(await reasonFor(verifier.verify(await t.token()))).toBe('scope');
    await expect(verifier.verify(await t.token({ scopes: ['Suhde.Use'] }))).resolves.toBeTruthy();
  });

  it('refuses app-only tokens by default, whatever their roles', async () => {
    expect(await reasonFor(t.verifier().verify(await t.appOnlyToken(['Suhde.Admin'])))).toBe('scope');
  });

  it('accepts an app-only token carrying an allowed application role', async () => {
    const verifier = t.verifier({ appOnlyRoles: ['Suhde.Sync.All'] });
    const principal = await verifier.verify(await t.appOnlyToken(['Suhde.Sync.All']));
    expect(principal).toMatchObject({ tid: t.tenantId, name: null, username: null, scopes: [], roles: ['Suhde.Sync.All'], appOnly: true });
  });

  it('recognises app-only tokens without idtyp by oid == sub and no scp', async () => {
    const verifier = t.verifier({ appOnlyRoles: ['Suhde.Sync.All'] });
    await expect(verifier.verify(await t.appOnlyToken(['Suhde.Sync.All'], { idtyp: false }))).resolves.toMatchObject({ appOnly: true });
    expect(await reasonFor(verifier.verify(await t.appOnlyToken(['Suhde.Admin'], { idtyp: false })))).toBe('scope');
  });

  it('does not let a user token without scp pass as an application, even with an allowed role', async () => {
    const verifier = t.verifier({ appOnlyRoles: ['Suhde.Sync.All'] });
    expect(await reasonFor(verifier.verify(await t.token({ scopes: [], roles: ['Suhde.Sync.All'] })))).toBe('scope');
  });

  it('refuses a token that says it is an application token but carries delegated scopes', async () => {
    expect(await reasonFor(t.verifier().verify(await t.signWith({ idtyp: 'app' })))).toBe('claims');
  });
});

describe('errors', () => {
  it('never echo the token or its claims', async () => {
    for (const kind of Object.keys(BAD_TOKEN_REASONS) as BadTokenKind[]) {
      const token = await t.bad(kind);
      const { message } = await refusal(t.verifier().verify(token));
      for (const secret of [token, t.user.oid, t.user.username, t.tenantId, t.otherTenantId, t.audience]) {
        expect(message, kind).not.toContain(secret);
      }
    }
  });

  it('let failures to check (key set or tenant store down) through as they are, not as refusals', async () => {
    const down = new Error('connect ECONNREFUSED');
    await expect(t.verifier({ getKey: async () => Promise.reject(down) }).verify(await t.token())).rejects.toBe(down);
    await expect(t.verifier({ isTenantOnboarded: async () => Promise.reject(down) }).verify(await t.token())).rejects.toBe(down);
  });

  it('need a configured audience', () => {
    expect(() => createAccessTokenVerifier({ ...t.verifierOptions(), audiences: [] })).toThrow(TypeError);
  });
});

describe('the verified-token cache', () => {
  const start = Date.UTC(2026, 11, 6, 9, 0, 0);

  it('answers a repeated token from the cache, and the same principal', async () => {
    const verifier = t.verifier({ clock: () => start });
    const token = await t.token({ now: start, roles: ['Suhde.Manager'] });
    const first = await verifier.verify(token);
    expect(verifier.cacheStats()).toEqual({ size: 1, hits: 0 });
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(verifier.cacheStats()).toEqual({ size: 1, hits: 1 });
    // A caller changing its copy does not change what the next request gets.
    second.roles.push('Suhde.Admin');
    expect((await verifier.verify(token)).roles).toEqual(['Suhde.Manager']);
  });

  it('refuses a cached token once it has expired, as the full check does', async () => {
    let now = start;
    const verifier = t.verifier({ clock: () => now });
    const token = await t.token({ now: start, ttlSeconds: 600 });
    await verifier.verify(token);
    now = start + 590_000;
    await expect(verifier.verify(token)).resolves.toBeTruthy();
    expect(verifier.cacheStats().hits).toBe(1);
    now = start + 600_000 + 61_000; // past exp and the clock tolerance
    expect(await reasonFor(verifier.verify(token))).toBe('expired');
    expect(verifier.cacheStats().size).toBe(0);
  });

  it('never caches a refused token, and a tampered copy of a cached one is refused', async () => {
    const verifier = t.verifier({ clock: () => start });
    const token = await t.token({ now: start });
    await verifier.verify(token);
    const [head, body, signature] = token.split('.');
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await reasonFor(verifier.verify(`${head}.${body}.${flipped}`))).toBe('signature');
    // Claims swapped under the cached token's signature.
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), roles: ['Suhde.Admin'] })).toString('base64url');
    expect(await reasonFor(verifier.verify(`${head}.${forged}.${signature}`))).toBe('signature');
    expect(verifier.cacheStats().size).toBe(1);
  });

  it('checks the tenant again on a hit: an offboarded tenant is refused at once', async () => {
    let onboarded = true;
    const verifier = t.verifier({ clock: () => start, isTenantOnboarded: () => onboarded });
    const token = await t.token({ now: start });
    await verifier.verify(token);
    onboarded = false;
    expect(await reasonFor(verifier.verify(token))).toBe('tenant');
    onboarded = true;
    await expect(verifier.verify(token)).resolves.toBeTruthy();
  });

  it('refuses a cached token whose signing key the key set no longer has', async () => {
    let withdrawn = false;
    const getKey: typeof t.getKey = async (header, input) => {
      if (withdrawn) throw Object.assign(new Error('no applicable key found in the JSON Web Key Set'), { code: 'ERR_JWKS_NO_MATCHING_KEY' });
      return t.getKey(header, input);
    };
    const verifier = t.verifier({ clock: () => start, getKey });
    const token = await t.token({ now: start });
    await verifier.verify(token);
    withdrawn = true;
    expect(await reasonFor(verifier.verify(token))).toBe('signature');
  });

  it('stays within its size, dropping the least recently used first', async () => {
    const verifier = t.verifier({ clock: () => start, cacheSize: 2 });
    const tokens = await Promise.all(['a', 'b', 'c'].map((n) => t.token({ now: start, name: `User ${n}` })));
    await verifier.verify(tokens[0]!);
    await verifier.verify(tokens[1]!);
    await verifier.verify(tokens[0]!); // a is now the most recently used
    await verifier.verify(tokens[2]!); // b goes
    expect(verifier.cacheStats()).toEqual({ size: 2, hits: 1 });
    await verifier.verify(tokens[0]!);
    expect(verifier.cacheStats().hits).toBe(2);
    await verifier.verify(tokens[1]!);
    expect(verifier.cacheStats().hits).toBe(2);
    const off = t.verifier({ clock: () => start, cacheSize: 0 });
    await off.verify(tokens[0]!);
    await off.verify(tokens[0]!);
    expect(off.cacheStats()).toEqual({ size: 0, hits: 0 });
  });
});
