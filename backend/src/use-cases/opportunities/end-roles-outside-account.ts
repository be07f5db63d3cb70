// Keeps open deals' committees to their account's contacts after a contact or a deal changes account: the roles
// that no longer fit end, each audited on its deal; roles on won and lost deals stay as history.
import { rolesOutsideAccount, type PlacedRole } from '../../domain/contact-roles.ts';
import { deleteCommitteeRole, placedRoles } from '../../store/opportunity-contacts.ts';
import { writeAudit } from '../../store/audit.ts';
import type { TenantScope } from '../../store/scope.ts';

export type RoleEndReason = 'contact-moved' | 'deal-moved' | 'deal-reopened';

/** Runs inside the caller's transaction, after the move is written; answers the roles it ended. */
export async function endRolesOutsideAccount(
  tx: TenantScope, actorId: string | null, of: { contactIds?: readonly string[]; opportunityIds?: readonly string[] }, reason: RoleEndReason, now: number,
): Promise<PlacedRole[]> {
  const ending = rolesOutsideAccount(await placedRoles(tx, of));
  for (const r of ending) {
    await deleteCommitteeRole(tx, r.opportunityId, r.contactId);
    await writeAudit(tx, { actorId, action: 'opportunity.contact-role-remove', entityType: 'opportunity', entityId: r.opportunityId, at: now, detail: { contactId: r.contactId, previous: r.role, reason } });
  }
  return ending;
}
