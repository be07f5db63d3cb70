// The buying committee's writes: give a contact a role in a deal (or change it), or take them off. Whoever may
// edit the deal may change its committee; an archived deal is read-only; only the account's own contacts sit on it.
import { requireCommitteeCandidate, type ContactRole } from '../../domain/contact-roles.ts';
import { mayEditOpportunity, type Actor } from '../../domain/record-permissions.ts';
import { requireNotArchived } from '../../domain/archive.ts';
import { invalid } from '../../domain/errors.ts';
import * as committee from '../../store/opportunity-contacts.ts';
import { getContact } from '../../store/contacts.ts';
import { writeAudit } from '../../store/audit.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { loadOpportunity } from './load-opportunity.ts';

async function loadEditable(tx: TenantScope, actor: Actor, opportunityId: string) {
  const { opportunity, account } = await loadOpportunity(tx, opportunityId);
  requirePermission(mayEditOpportunity(actor, opportunity, account));
  requireNotArchived('opportunity', opportunity);
  return opportunity;
}

/** Adds the contact to the committee with this role, or changes their role; the same role again changes nothing. */
export async function setContactRole(scope: TenantScope, actor: Actor, opportunityId: string, contactId: string, role: ContactRole, now: number): Promise<committee.CommitteeRow[]> {
  return inTransaction(scope, async (tx) => {
    const opportunity = await loadEditable(tx, actor, opportunityId);
    const contact = await getContact(tx, contactId);
    // Another tenant's id, an erased or a merged-away contact: the form's field says so, not a bare 404.
    if (!contact) throw invalid('No contact with that id exists, or you do not have access to it.', [{ field: 'contactId', message: 'no such contact' }]);
    requireCommitteeCandidate(opportunity, contact);
    const previous = await committee.getCommitteeRole(tx, opportunityId, contactId);
    if (previous !== role) {
      if (previous === null) await committee.insertCommitteeRole(tx, { opportunityId, contactId, role }, actor.id, now);
      else await committee.updateCommitteeRole(tx, { opportunityId, contactId, role }, now);
      await writeAudit(tx, { actorId: actor.id, action: 'opportunity.contact-role', entityType: 'opportunity', entityId: opportunityId, at: now, detail: { contactId, role, previous } });
    }
    return committee.listCommittee(tx, opportunityId);
  });
}

/** Takes the contact off the committee. Taking off someone who is not on it changes nothing (a repeated DELETE). */
export async function removeContactRole(scope: TenantScope, actor: Actor, opportunityId: string, contactId: string, now: number): Promise<committee.CommitteeRow[]> {
  return inTransaction(scope, async (tx) => {
    await loadEditable(tx, actor, opportunityId);
    const previous = await committee.getCommitteeRole(tx, opportunityId, contactId);
    if (previous !== null) {
      await committee.deleteCommitteeRole(tx, opportunityId, contactId);
      await writeAudit(tx, { actorId: actor.id, action: 'opportunity.contact-role-remove', entityType: 'opportunity', entityId: opportunityId, at: now, detail: { contactId, previous } });
    }
    return committee.listCommittee(tx, opportunityId);
  });
}
