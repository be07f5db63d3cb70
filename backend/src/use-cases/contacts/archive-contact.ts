import type { Contact } from '../../domain/types.ts';
import { mayArchiveContact, type Actor } from '../../domain/record-permissions.ts';
import * as contacts from '../../store/contacts.ts';
import { getAccount } from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

/** Sets a contact aside (someone who left the customer): off the lists and matching, history kept. Idempotent. */
export async function archiveContact(scope: TenantScope, actor: Actor, id: string, now: number): Promise<Contact> {
  return inTransaction(scope, async (tx) => {
    const current = await contacts.requireContact(tx, id);
    const account = current.accountId ? await getAccount(tx, current.accountId) : null;
    requirePermission(mayArchiveContact(actor, current, account));
    if (current.archivedAt != null) return current;
    return contacts.setContactArchived(tx, id, now, actor.id, now);
  });
}
