// Turns every failure into RFC 9457 problem+json, in one place: typed errors keep their status and message,
// anything unexpected becomes a 500 whose detail never leaks internals.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, type DomainErrorKind, type FieldError } from '../domain/errors.ts';
import { HttpError } from './http-error.ts';

export function problem(
  c: Context, status: number, title: string, detail: string, errors?: FieldError[], headers?: Record<string, string>,
  extra: { type?: string | undefined; extensions?: Record<string, unknown> | undefined } = {},
) {
  const body = { ...extra.extensions, type: extra.type ?? 'about:blank', title, status, detail, ...(errors && errors.length ? { errors } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

const STATUS_OF: Record<DomainErrorKind, number> = {
  'not-found': 404, invalid: 400, conflict: 409, forbidden: 403, unprocessable: 422, unavailable: 503,
};

export function toProblem(err: unknown, c: Context): Response {
  if (err instanceof DomainError) return problem(c, STATUS_OF[err.kind], err.title, err.detail, err.errors, undefined, { type: err.type, extensions: err.extensions });
  if (err instanceof HttpError) {
    const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {};
    return problem(c, err.status, err.title, err.detail, err.errors, headers);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return problem(c, 413, 'Request too large', 'The request body is larger than this server accepts.');
    if (err.status === 415) return problem(c, 415, 'Unsupported media type', 'Send the request body as JSON, with the header Content-Type: application/json.');
    return problem(c, err.status, err.message || 'Request failed', err.message || 'The request could not be processed.');
  }
  if (err instanceof SyntaxError) return problem(c, 400, 'Invalid request', 'The request body is not valid JSON.');
  console.error(`[suhde] unhandled error on ${c.req.method} ${c.req.path}:`, err);
  return problem(c, 500, 'Internal error', 'Something went wrong on our side. The request was not saved; try again.');
}

/** zod issues as field errors with a path a form can show them next to. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}
