// The key set over real HTTP: a node:http server on 127.0.0.1 plays Entra's /common/discovery/v2.0/keys and
// counts fetches. Only Date is faked, to move through cache ages and cooldowns; sockets and timeouts are real.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONWebKeySet } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { entraKeySet, KEY_SET_CACHE_JITTER_MS, KEY_SET_CACHE_MAX_AGE_MS, KEY_SET_COOLDOWN_MS } from './entra-jwks.ts';
import { createTestIssuer, type TestIssuer } from '../../../test/support/test-issuer.ts';
import { AuthError, createAccessTokenVerifier, type AccessTokenVerifier } from './verify-access-token.ts';

let server: Server;
let authorityHost: string;
let published: JSONWebKeySet = { keys: [] };
let answer: 'keys' | 'error' = 'keys';
let fetches = 0;

let current: TestIssuer;
let next: TestIssuer;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/common/discovery/v2.0/keys') return void res.writeHead(404).end();
    fetches += 1;
    if (answer === 'error') return void res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  current = await createTestIssuer({ authorityHost });
  // The key Entra rotates to: same authority, tenant and API, a new key pair.
  next = await createTestIssuer({ authorityHost, tenantId: current.tenantId, audience: current.audience });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 4, 4, 8, 0, 0));
  published = current.jwks();
  answer = 'keys';
  fetches = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
const verifierOverHttp = (): AccessTokenVerifier => createAccessTokenVerifier({ ...current.verifierOptions(), getKey: entraKeySet(authorityHost) });
/** A token signed with the current key but naming a kid nobody published. */
const withUnknownKid = (i: number) => current.sign(current.claims({ ...current.user }), { kid: `made-up-${i}` });

async function reasonOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AuthError);
  return (error as AuthError).reason;
}

describe('entraKeySet over HTTP', () => {
  it('fetches the keys once and serves many verifications from the cache', async () => {
    const verifier = verifierOverHttp();
    // A cold start under load: concurrent first requests share one fetch.
    await Promise.all(Array.from({ length: 20 }, async () => verifier.verify(await current.token())));
    for (let i = 0; i < 50; i += 1) await verifier.verify(await current.token());
    expect(fetches).toBe(1);

    later(KEY_SET_CACHE_MAX_AGE_MS - KEY_SET_CACHE_JITTER_MS - 60_000);
    await verifier.verify(await current.token());
    expect(fetches).toBe(1);

    // Past the cache age (12 h give or take 1 h), the next verification refreshes the keys.
    later(2 * KEY_SET_CACHE_JITTER_MS + 120_000);
    await verifier.verify(await current.token());
    expect(fetches).toBe(2);
  });

  it('refetches once for the unknown kid of a rotated key, then succeeds', async () => {
    const verifier = verifierOverHttp();
    await verifier.verify(await current.token());
    expect(fetches).toBe(1);

    // An hour later Entra publishes a new key and starts signing with it.
    later(60 * 60 * 1000);
    published = { keys: [...next.jwks().keys, ...current.jwks().keys] };
    await expect(verifier.verify(await next.token())).resolves.toMatchObject({ oid: next.user.oid });
    expect(fetches).toBe(2);

    for (let i = 0; i < 20; i += 1) await verifier.verify(await next.token());
    await verifier.verify(await current.token());
    expect(fetches).toBe(2);
  });

  it('does not let a flood of unknown kids cause a flood of fetches', async () => {
    const verifier = verifierOverHttp();
    await verifier.verify(await current.token());
    expect(fetches).toBe(1);

    // Within the cooldown after a fetch: refused without asking Entra at all.
    const flood = async (from: number) =>
      Promise.all(Array.from({ length: 100 }, async (_, i) => reasonOf(verifier.verify(await withUnknownKid(from + i)))));
    expect(new Set(await flood(0))).toEqual(new Set(['signature']));
    expect(fetches).toBe(1);

    // After the cooldown: one fetch for the whole flood, then quiet again for another cooldown.
    later(KEY_SET_COOLDOWN_MS + 1000);
    expect(new Set(await flood(100))).toEqual(new Set(['signature']));
    expect(fetches).toBe(2);
    later(KEY_SET_COOLDOWN_MS - 10_000);
    await flood(200);
    expect(fetches).toBe(2);
    later(20_000);
    await flood(300);
    expect(fetches).toBe(3);

    // Good tokens were never affected.
    await expect(verifier.verify(await current.token())).resolves.toBeTruthy();
  });

  it('keeps using the last keys it fetched while Entra cannot be reached, and retries once per cooldown', async () => {
    const verifier = verifierOverHttp();
    await verifier.verify(await current.token());

    answer = 'error';
    later(KEY_SET_CACHE_MAX_AGE_MS + KEY_SET_CACHE_JITTER_MS + 1000);
    await expect(verifier.verify(await current.token())).resolves.toBeTruthy();
    expect(fetches).toBe(2);
    for (let i = 0; i < 10; i += 1) await verifier.verify(await current.token());
    expect(await reasonOf(verifier.verify(await withUnknownKid(0)))).toBe('signature');
    expect(fetches).toBe(2);

    later(KEY_SET_COOLDOWN_MS + 1000);
    await verifier.verify(await current.token());
    expect(fetches).toBe(3);

    answer = 'keys';
    later(KEY_SET_COOLDOWN_MS + 1000);
    await verifier.verify(await current.token());
    await verifier.verify(await current.token());
    expect(fetches).toBe(4);
  });

  it('fails as "could not check", not as a refusal, when no keys were ever fetched', async () => {
    answer = 'error';
    const error = await verifierOverHttp().verify(await current.token()).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AuthError);
  });

  it('refuses to fetch keys over plain http from anywhere but loopback', () => {
    expect(() => entraKeySet('http://login.microsoftonline.com')).toThrow(/https/);
    expect(() => entraKeySet('https://login.microsoftonline.us')).not.toThrow();
    expect(() => entraKeySet('http://[::1]:8080')).not.toThrow();
  });
});
