import type { Contact } from '../../domain/types.ts';
import { mayArchiveContact, type Actor } from '../../domain/record-permissions.ts';
import * as contacts from '../../store/contacts.ts';
import { getAccount } from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';

export async function restoreContact(scope: TenantScope, actor: Actor, id: string, now: number): Promise<Contact> {
  return inTransaction(scope, async (tx) => {
    const current = await contacts.requireContact(tx, id);
    const account = current.accountId ? await getAccount(tx, current.accountId) : null;
    requirePermission(mayArchiveContact(actor, current, account));
    if (current.archivedAt == null) return current;
    const contact = await contacts.setContactArchived(tx, id, null, actor.id, now);
    // Their mail while archived matched no contact: it is placed now.
    if (contact.emails.length) await relinkUnmatched(tx, { addresses: contact.emails });
    return contact;
  });
}
