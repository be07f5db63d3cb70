// The errors a front end can meet when it calls the API, typed so a component can say what went wrong:
// the backend's RFC 9457 problem details, or a backend that cannot be reached at all.

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  /** RFC 9457 extension members (e.g. `duplicates` on a likely-duplicate 409). */
  extensions?: Record<string, unknown>;
}

export interface DuplicateCandidate {
  id: string;
  name: string;
  reasons: string[];
}

/** A 409 the person may override by sending allowDuplicate: true (a taken domain may not be overridden). */
export const isLikelyDuplicate = (e: unknown): e is ApiProblem => e instanceof ApiProblem && e.status === 409 && e.type.endsWith('/likely-duplicate');
export const isDomainTaken = (e: unknown): e is ApiProblem => e instanceof ApiProblem && e.status === 409 && e.type.endsWith('/domain-taken');

/** A non-2xx answer from the API, carrying its problem+json body. */
export class ApiProblem extends Error implements ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly extensions: Record<string, unknown>;
  readonly duplicates: DuplicateCandidate[];
  constructor(p: ProblemDetails) {
    super(`${p.status} ${p.title}: ${p.detail}`);
    this.name = 'ApiProblem';
    this.type = p.type;
    this.title = p.title;
    this.status = p.status;
    this.detail = p.detail;
    this.errors = p.errors ?? [];
    this.extensions = p.extensions ?? {};
    // On a 409 likely-duplicate or domain-taken answer: the existing records the new one looks like.
    const listed = Array.isArray(this.extensions.duplicates) ? (this.extensions.duplicates as unknown[]) : [];
    this.duplicates = listed.filter((d): d is DuplicateCandidate =>
      !!d && typeof d === 'object' && typeof (d as DuplicateCandidate).id === 'string' && typeof (d as DuplicateCandidate).name === 'string');
  }
  /** The message for one form field, if the API named it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

/** fetch itself failed: the server is down, the network is gone, or a proxy refused. */
export class BackendUnreachable extends Error {
  constructor(readonly url: string, cause?: unknown) {
    super(`The Suhde service at ${url} cannot be reached.`, { cause });
    this.name = 'BackendUnreachable';
  }
}

/** Sign-in failed or was cancelled; the front end cannot get a token for the API. */
export class SignInRequired extends Error {
  constructor(message: string, readonly code: string = 'sign_in_required', cause?: unknown) {
    super(message, { cause });
    this.name = 'SignInRequired';
  }
}

function isProblemBody(x: unknown): x is ProblemDetails {
  return !!x && typeof x === 'object' && typeof (x as ProblemDetails).status === 'number' && typeof (x as ProblemDetails).title === 'string';
}

/** Turns any failed response into an ApiProblem, also when the body is not problem+json (a proxy's HTML page). */
export async function problemFromResponse(res: Response): Promise<ApiProblem> {
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  if (isProblemBody(body)) {
    const { type, title, status, detail, errors, ...extensions } = body as ProblemDetails & Record<string, unknown>;
    return new ApiProblem({ type: type ?? 'about:blank', title, status, detail: detail ?? '', ...(errors ? { errors } : {}), extensions });
  }
  return new ApiProblem({ type: 'about:blank', title: res.statusText || 'Request failed', status: res.status, detail: text.slice(0, 200) });
}
