import { invalid } from '../domain/errors.ts';
import type { TenantScope } from '../store/scope.ts';
import { getUser } from '../store/users.ts';

/** An owner named in a request must be a user of the caller's organisation (null, "nobody", is fine). */
export async function requireColleague(scope: TenantScope, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await getUser(scope, ownerId))) {
    throw invalid('The owner is not a user of your organisation.', [{ field: 'ownerId', message: 'unknown user' }]);
  }
}
