// What a rule can refuse, named by what went wrong rather than by an HTTP status: the store, the use cases and the
// domain throw these, and http/problem.ts turns them into RFC 9457 problem+json in one place.
export interface FieldError {
  field: string;
  message: string;
}

export type DomainErrorKind =
  /** The thing does not exist, or the caller may not know that it does (same answer either way). */
  | 'not-found'
  /** The input breaks a rule about its shape or values. */
  | 'invalid'
  /** The input is well formed but conflicts with what is stored (a duplicate, a closed deal). */
  | 'conflict'
  /** The caller may not do this. */
  | 'forbidden'
  /** Well formed, allowed, but nothing can be done with it (no account to log to). */
  | 'unprocessable'
  /** A part this request needs is not configured or not reachable. */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** A problem type other than about:blank, for answers a client acts on (urn:suhde:problem/likely-duplicate). */
    readonly type?: string,
    /** RFC 9457 extension members, e.g. `duplicates` on a likely duplicate. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) =>
  // Another tenant's id gets the same answer as an id that never existed: existence is never revealed.
  new DomainError('not-found', 'Not found', `No ${what} with that id exists, or you do not have access to it.`);

export const conflict = (detail: string, errors: FieldError[] = []) => new DomainError('conflict', 'Conflict', detail, errors);

export const invalid = (detail: string, errors: FieldError[] = []) => new DomainError('invalid', 'Invalid request', detail, errors);

export const forbidden = (detail: string) => new DomainError('forbidden', 'Forbidden', detail);
