import type { Contact } from '../../domain/types.ts';
import { mayChangeContactOwner, mayEditContact, type Actor } from '../../domain/record-permissions.ts';
import { requireNotArchived } from '../../domain/archive.ts';
import * as contacts from '../../store/contacts.ts';
import { getAccount, requireAccount } from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireColleague } from '../require-colleague.ts';
import { requirePermission } from '../require-permission.ts';
import { onAddressRace, requireAddressesFree } from './contact-addresses.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';
import { requireNotSuppressed } from '../privacy/suppressed-addresses.ts';
import { endRolesOutsideAccount } from '../opportunities/end-roles-outside-account.ts';
import { writeAudit } from '../../store/audit.ts';

export async function updateContact(scope: TenantScope, actor: Actor, id: string, patch: Partial<contacts.ContactInput>, now: number): Promise<Contact> {
  return onAddressRace(() =>
    inTransaction(scope, async (tx) => {
      const current = await contacts.requireContact(tx, id);
      const account = current.accountId ? await getAccount(tx, current.accountId) : null;
      requirePermission(mayEditContact(actor, current, account));
      requireNotArchived('contact', current);
      if (patch.ownerId !== undefined && patch.ownerId !== current.ownerId) requirePermission(mayChangeContactOwner(actor, current, account));
      if (patch.accountId) await requireAccount(tx, patch.accountId);
      await requireColleague(tx, patch.ownerId);
      if (patch.emails) await requireNotSuppressed(tx, patch.emails);
      if (patch.emails) await requireAddressesFree(tx, patch.emails, id);
      const contact = await contacts.updateContact(tx, id, patch, actor.id, now);
      const moved = patch.accountId !== undefined && patch.accountId !== current.accountId;
      if (moved) {
        // A person who left for another customer is off the old account's open deals; closed deals keep them as history.
        const ended = await endRolesOutsideAccount(tx, actor.id, { contactIds: [id] }, 'contact-moved', now);
        if (ended.length) {
          await writeAudit(tx, { actorId: actor.id, action: 'contact.roles-ended', entityType: 'contact', entityId: id, at: now, detail: { from: current.accountId, to: contact.accountId, roles: ended.length } });
        }
      }
      // A new address, or an account for a contact that had none, can place past mail.
      const placed = moved && patch.accountId;
      const added = placed ? contact.emails : contact.emails.filter((e) => !current.emails.includes(e));
      if (added.length) await relinkUnmatched(tx, { addresses: added });
      return contact;
    }),
  );
}
