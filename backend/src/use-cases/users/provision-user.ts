// Someone signs in to an onboarded tenant for the first time: they join as a rep, and the audit trail says so.
// Their Entra app role may raise what they can do; when the role in effect changes, that is audited too.
import type { Role, User } from '../../domain/types.ts';
import { auditTrail, writeAudit } from '../../store/audit.ts';
import { newId } from '../../store/ids.ts';
import { inTransaction, isUniqueViolation, type TenantScope } from '../../store/scope.ts';
import { findUserByObjectId, insertUsers } from '../../store/users.ts';

export interface SignInIdentity {
  oid: string;
  name: string | null;
  username: string | null;
}

/** The user for a first sign-in, created as a rep; null when they could not be found or made. */
export async function provisionUser(scope: TenantScope, who: SignInIdentity, now: number): Promise<User | null> {
  const fresh: User = {
    id: newId(now), tenantId: scope.tenantId, entraObjectId: who.oid,
    displayName: who.name ?? who.username ?? 'New user', email: (who.username ?? `${who.oid}@unknown.invalid`).toLowerCase(),
    role: 'rep', team: null, createdAt: now,
  };
  try {
    await inTransaction(scope, async (tx) => {
      await insertUsers(tx, [fresh]);
      await writeAudit(tx, { actorId: fresh.id, action: 'user.create', entityType: 'user', entityId: fresh.id, at: now, detail: { role: 'rep', via: 'first-sign-in' } });
    });
  } catch (e) {
    // A parallel first request created the user a moment ago: theirs stands.
    if (!isUniqueViolation(e)) throw e;
  }
  return findUserByObjectId(scope, who.oid);
}

/**
 * Audits a change of the role in effect (stored role raised by an Entra app role) against the last one
 * audited for this user: Suhde has no role editor, so this is where a promotion or demotion shows.
 */
export async function noteEffectiveRole(scope: TenantScope, user: User, effective: Role, now: number): Promise<void> {
  const trail = await auditTrail(scope, 'user', user.id);
  const lastChange = trail.filter((e) => e.action === 'user.role').at(-1);
  const last = lastChange?.detail ? (JSON.parse(lastChange.detail) as { to?: Role }).to ?? user.role : user.role;
  if (last === effective) return;
  await writeAudit(scope, { actorId: null, action: 'user.role', entityType: 'user', entityId: user.id, at: now, detail: { from: last, to: effective, via: 'entra-app-role' } });
}
