import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoIssuer, DEMO_CLIENT_APP_ID, type DemoIssuer } from './demo-issuer.ts';
import { createAccessTokenVerifier } from './verify-access-token.ts';

const authorityHost = 'http://127.0.0.1:8080/demo-auth';
const tenantId = randomUUID();
const audience = randomUUID();
const oid = randomUUID();
const person = { oid, name: 'Aino Virtanen', username: 'aino@seller.test' };
let issuer: DemoIssuer;

beforeAll(async () => {
  issuer = await createDemoIssuer({ authorityHost, tenantId, audience });
});

describe('issued tokens', () => {
  it('have exactly the claims of an Entra v2.0 delegated access token', async () => {
    const now = Date.UTC(2026, 2, 1, 9, 30, 0);
    const token = await issuer.issue({ ...person, roles: ['Suhde.Manager'], now });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: issuer.kid });
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(
      ['aud', 'azp', 'azpacr', 'exp', 'iat', 'iss', 'name', 'nbf', 'oid', 'preferred_username', 'roles', 'scp', 'sub', 'tid', 'uti', 'ver'].sort(),
    );
    expect(claims).toMatchObject({
      aud: audience,
      iss: `${authorityHost}/${tenantId}/v2.0`,
      iat: now / 1000,
      nbf: now / 1000,
      exp: now / 1000 + 3600,
      tid: tenantId,
      oid,
      name: 'Aino Virtanen',
      preferred_username: 'aino@seller.test',
      scp: 'access_as_user',
      roles: ['Suhde.Manager'],
      ver: '2.0',
      azp: DEMO_CLIENT_APP_ID,
      azpacr: '0',
    });
  });

  it('leave out roles when there are none, and join scopes with spaces', async () => {
    const claims = decodeJwt(await issuer.issue({ ...person, scopes: ['access_as_user', 'Reports.Read'], ttlSeconds: 600 }));
    expect(claims).not.toHaveProperty('roles');
    expect(claims.scp).toBe('access_as_user Reports.Read');
    expect(claims.exp! - claims.iat!).toBe(600);
  });

  it('have a pairwise sub (stable per user and API) and a unique uti', async () => {
    const a = decodeJwt(await issuer.issue(person));
    const b = decodeJwt(await issuer.issue(person));
    const otherApi = await createDemoIssuer({ authorityHost, tenantId, audience: randomUUID() });
    const c = decodeJwt(await otherApi.issue(person));
    expect(a.sub).toBe(b.sub);
    expect(a.sub).not.toBe(c.sub);
    expect(a.sub).not.toBe(oid);
    expect(a['uti']).not.toBe(b['uti']);
  });

  it('are accepted by the production verifier, given the demo key set (one validation path)', async () => {
    const verifier = createAccessTokenVerifier({ audiences: [audience], authorityHost, getKey: issuer.getKey, isTenantOnboarded: (tid) => tid === tenantId });
    await expect(verifier.verify(await issuer.issue({ ...person, roles: ['Suhde.Admin'] }))).resolves.toEqual({
      tid: tenantId,
      oid,
      name: 'Aino Virtanen',
      username: 'aino@seller.test',
      scopes: ['access_as_user'],
      roles: ['Suhde.Admin'],
      appOnly: false,
    });
  });

  it('refuse ids that are not lowercase GUIDs, since the verifier would not accept them', async () => {
    expect(() => issuer.claims({ ...person, oid: 'aino' })).toThrow(TypeError);
    expect(() => issuer.claims({ ...person, ttlSeconds: 0 })).toThrow(TypeError);
    await expect(createDemoIssuer({ authorityHost, tenantId: tenantId.toUpperCase(), audience })).rejects.toThrow(TypeError);
  });
});

describe('published metadata', () => {
  it('is a key set with the public key only', () => {
    const { keys } = issuer.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: issuer.kid, n: expect.any(String), e: 'AQAB' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('hands out a copy of the key set, which callers cannot change', () => {
    issuer.jwks().keys.pop();
    expect(issuer.jwks().keys).toHaveLength(1);
  });

  it("is a discovery document shaped like Entra's /common one, with only what is true for the demo", async () => {
    expect(issuer.openIdConfiguration()).toEqual({
      issuer: `${authorityHost}/{tenantid}/v2.0`,
      jwks_uri: `${authorityHost}/common/discovery/v2.0/keys`,
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: expect.arrayContaining(['tid', 'oid', 'scp', 'roles', 'ver']),
    });
    const withToken = await createDemoIssuer({ authorityHost, tenantId, audience, tokenEndpoint: 'http://127.0.0.1:8080/demo/token' });
    expect(withToken.openIdConfiguration()).toMatchObject({ token_endpoint: 'http://127.0.0.1:8080/demo/token' });
  });

  it('strips a trailing slash from the authority host', async () => {
    const slashed = await createDemoIssuer({ authorityHost: `${authorityHost}/`, tenantId, audience });
    expect(decodeJwt(await slashed.issue(person)).iss).toBe(`${authorityHost}/${tenantId}/v2.0`);
  });
});
