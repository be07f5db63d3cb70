// The use cases' side of domain/record-permissions.ts: a refusal becomes a 403 carrying the same reason the UI shows.
import { forbidden } from '../domain/errors.ts';
import type { Permission } from '../domain/record-permissions.ts';

export function requirePermission(p: Permission): void {
  if (!p.allowed) throw forbidden(p.reason);
}
