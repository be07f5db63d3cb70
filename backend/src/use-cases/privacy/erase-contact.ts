// An admin erases one person at their request (POST /api/contacts/{id}/erase). Audited with counts only.
import type { Actor } from '../../domain/record-permissions.ts';
import { forbidden } from '../../domain/errors.ts';
import { writeAudit } from '../../store/audit.ts';
import { requireContact } from '../../store/contacts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { eraseContacts, type ErasureCounts } from './erase-contacts.ts';

export async function eraseContact(scope: TenantScope, actor: Actor, contactId: string, now: number): Promise<ErasureCounts> {
  if (actor.role !== 'admin') throw forbidden('Only an admin can erase a person’s data.');
  return inTransaction(scope, async (tx) => {
    await requireContact(tx, contactId);
    const counts = await eraseContacts(tx, [contactId], now);
    await writeAudit(tx, { actorId: actor.id, action: 'contact.erase', entityType: 'contact', entityId: contactId, at: now, detail: { ...counts } });
    return counts;
  });
}
