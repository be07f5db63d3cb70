// Failures that only exist at the HTTP edge (sign-in, body size, media type, rate limits); rules throw DomainError.
import type { FieldError } from '../domain/errors.ts';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}
