// The typed client and the demo sign-in against the real app (app.request), no server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../../../backend/src/store/connect.ts';
import { createApiClient, unwrap } from './client.ts';
import { ApiProblem, BackendUnreachable, SignInRequired } from './problem.ts';
import { createDemoAuth, listDemoUsers } from '../auth/demo-auth.ts';

let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
beforeAll(async () => {
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
});
afterAll(async () => dispose());

const viaApp = (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init);

describe('API client', () => {
  it('sends the token and returns typed JSON', async () => {
    const api = createApiClient({ baseUrl: 'http://x', getToken: () => h.token(h.a, h.a.users.rep), fetch: viaApp as typeof fetch });
    const me = await unwrap(api.me.$get());
    expect(me.user.id).toBe(h.a.users.rep.id);
  });

  it('turns problem+json into ApiProblem with the field errors', async () => {
    const api = createApiClient({ baseUrl: 'http://x', getToken: () => h.token(h.a, h.a.users.rep), fetch: viaApp as typeof fetch });
    const err = await unwrap(api.accounts.$post({ json: { name: '', domains: ['not a domain'] } as never })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    expect((err as ApiProblem).status).toBe(400);
    expect((err as ApiProblem).fieldError('name')).toBe('must not be empty');
    const notFound = await unwrap(api.accounts[':id'].$get({ param: { id: 'nope' } })).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ status: 404 });
  });

  it('says the backend cannot be reached when fetch fails', async () => {
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:1', getToken: async () => 't', fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    await expect(unwrap(api.me.$get())).rejects.toBeInstanceOf(BackendUnreachable);
  });
});

describe('demo sign-in', () => {
  const demo = {
    users: [{ id: 'u1', displayName: 'Laura', email: 'laura@demo.fi', role: 'rep', team: null }],
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('/demo/users')) return Response.json({ items: demo.users });
      const body = JSON.parse(String(init?.body)) as { userId: string };
      demo.issued++;
      if (body.userId !== 'u1') return new Response(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No demo user with that id.' }), { status: 404 });
      return Response.json({ access_token: `tok${demo.issued}`, expires_in: 3600, user: { id: 'u1', displayName: 'Laura' } });
    }) as typeof fetch,
    issued: 0,
  };

  it('lists demo users, caches the token until a minute before it expires, and names the user', async () => {
    expect(await listDemoUsers({ baseUrl: 'http://x', fetch: demo.fetch })).toHaveLength(1);
    let now = 0;
    const auth = createDemoAuth({ baseUrl: 'http://x', userId: 'u1', fetch: demo.fetch, now: () => now });
    const [a, b] = await Promise.all([auth.getToken(), auth.getToken()]);
    expect(a).toBe(b);
    expect(demo.issued).toBe(1);
    now = 3_539_000;
    expect(await auth.getToken()).toBe(a);
    now = 3_541_000;
    expect(await auth.getToken()).not.toBe(a);
    expect(auth.user()).toEqual({ id: 'u1', displayName: 'Laura' });
  });

  it('rejects with SignInRequired for an unknown demo user, and null users outside demo mode', async () => {
    await expect(createDemoAuth({ baseUrl: 'http://x', userId: 'zz', fetch: demo.fetch }).getToken()).rejects.toBeInstanceOf(SignInRequired);
    expect(await listDemoUsers({ baseUrl: 'http://x', fetch: (async () => new Response('{}', { status: 404 })) as typeof fetch })).toBeNull();
  });
});
