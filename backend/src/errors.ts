// One exception type for everything a request can get wrong; app.ts turns it into RFC 9457 problem+json.
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly type: string = 'about:blank',
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) =>
  // Another tenant's id gets the same answer as an id that never existed: existence is never revealed.
  new AppError(404, 'Not found', `No ${what} with that id exists, or you do not have access to it.`);

export const conflict = (detail: string, errors: FieldError[] = []) => new AppError(409, 'Conflict', detail, errors);

export const badRequest = (detail: string, errors: FieldError[] = []) => new AppError(400, 'Invalid request', detail, errors);

export const forbidden = (detail: string) => new AppError(403, 'Forbidden', detail);
