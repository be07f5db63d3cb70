// The typed API client both faces use: Hono RPC over the backend's AppType, so paths, inputs and outputs come
// from the same route definitions that validate them. Every request carries a token from the AuthProvider.
import { hc } from 'hono/client';
import type { AppType } from '../../../backend/src/app.ts';
import { BackendUnreachable, problemFromResponse } from './problem.ts';

export interface ApiClientOptions {
  /** Where the backend is, e.g. "" for the same origin or "http://127.0.0.1:8080". */
  baseUrl?: string;
  /** Called before each request; see web-shared/src/auth. */
  getToken: () => Promise<string>;
  /** For tests: a fetch that reaches the app directly (app.request). */
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof hc<AppType>>;

function origin(baseUrl: string | undefined): string {
  if (baseUrl) return baseUrl.replace(/\/+$/, '');
  return typeof location !== 'undefined' ? location.origin : 'http://127.0.0.1:8080';
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = origin(opts.baseUrl);
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const authed: typeof fetch = async (input, init) => {
    const token = await opts.getToken();
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    try {
      return await doFetch(input, { ...init, headers });
    } catch (e) {
      throw new BackendUnreachable(base, e);
    }
  };
  return hc<AppType>(`${base}/api`, { fetch: authed });
}

/**
 * Awaits a client call and returns its JSON body, or throws ApiProblem (non-2xx) / BackendUnreachable.
 * `ok` narrows the response union to its 2xx members, so the result is the success type.
 */
export async function unwrap<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  call: Promise<R> | R,
): Promise<R extends { ok: true; json(): Promise<infer B> } ? B : never> {
  const res = await call;
  if (!res.ok) throw await problemFromResponse(res as unknown as Response);
  if (res.status === 204) return undefined as never;
  return (await res.json()) as never;
}

/** For calls that answer 204 or a body you do not need. */
export async function expectOk(call: Promise<{ ok: boolean }> | { ok: boolean }): Promise<void> {
  const res = await call;
  if (!res.ok) throw await problemFromResponse(res as unknown as Response);
}
