// The demo sign-in: the backend's demo issuer lists its users (GET /demo/users) and issues Entra-shaped tokens
// (POST /demo/token), validated by the same code as real ones. Only served in demo mode, on loopback.
import { BackendUnreachable, SignInRequired, problemFromResponse } from '../api/problem.ts';
import type { AuthProvider, SignedInUser } from './auth-provider.ts';

export interface DemoUser {
  id: string;
  displayName: string;
  email: string;
  role: 'rep' | 'manager' | 'admin';
  team: string | null;
}

export interface DemoAuthOptions {
  baseUrl?: string;
  userId: string;
  fetch?: typeof fetch;
  /** For tests. */
  now?: () => number;
}

const base = (b?: string) => (b ?? (typeof location !== 'undefined' ? location.origin : '')).replace(/\/+$/, '');

async function call(url: string, init: RequestInit | undefined, f: typeof fetch): Promise<Response> {
  try {
    return await f(url, init);
  } catch (e) {
    throw new BackendUnreachable(url, e);
  }
}

/** The demo tenant's people, or null when the backend is not in demo mode. */
export async function listDemoUsers(opts: { baseUrl?: string; fetch?: typeof fetch } = {}): Promise<DemoUser[] | null> {
  const f = opts.fetch ?? ((i, n) => fetch(i, n));
  const res = await call(`${base(opts.baseUrl)}/demo/users`, { headers: { accept: 'application/json' } }, f);
  if (res.status === 404) return null;
  if (!res.ok) throw await problemFromResponse(res);
  return ((await res.json()) as { items: DemoUser[] }).items;
}

export function createDemoAuth(opts: DemoAuthOptions): AuthProvider {
  const f = opts.fetch ?? ((i, n) => fetch(i, n));
  const now = opts.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  let who: SignedInUser | null = null;
  const issue = async () => {
    const res = await call(
      `${base(opts.baseUrl)}/demo/token`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: opts.userId }) },
      f,
    );
    if (!res.ok) {
      const p = await problemFromResponse(res);
      throw new SignInRequired(p.detail || p.title, 'demo_sign_in_failed', p);
    }
    const body = (await res.json()) as { access_token: string; expires_in: number; user: { id: string; displayName: string } };
    // Renew a minute early so a request never leaves with a token that expires on the way.
    cached = { token: body.access_token, expiresAt: now() + (body.expires_in - 60) * 1000 };
    who = { id: body.user.id, displayName: body.user.displayName };
    return body.access_token;
  };
  return {
    kind: 'demo',
    user: () => who,
    getToken() {
      if (cached && cached.expiresAt > now()) return Promise.resolve(cached.token);
      pending ??= issue().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}
