import type { Contact } from '../../domain/types.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import * as contacts from '../../store/contacts.ts';
import { requireAccount } from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireColleague } from '../require-colleague.ts';
import { onAddressRace, requireAddressesFree } from './contact-addresses.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';
import { requireNotSuppressed } from '../privacy/suppressed-addresses.ts';
import { refuseLikelyDuplicateContact } from '../accounts/find-duplicates.ts';

export type CreateContactInput = Omit<contacts.ContactInput, 'ownerId'> & {
  ownerId?: string | null | undefined;
  /** Create it even though it looks like a contact already at the account. */
  allowDuplicate?: boolean | undefined;
};

/** Anyone may add a contact, to any account; its owner is the creator unless the request names another. */
export async function createContact(scope: TenantScope, actor: Actor, input: CreateContactInput, now: number): Promise<Contact> {
  return onAddressRace(() =>
    inTransaction(scope, async (tx) => {
      if (input.accountId) await requireAccount(tx, input.accountId);
      await requireColleague(tx, input.ownerId);
      await requireNotSuppressed(tx, input.emails);
      await requireAddressesFree(tx, input.emails, null);
      const { allowDuplicate, ...fields } = input;
      await refuseLikelyDuplicateContact(tx, fields, allowDuplicate === true);
      const contact = await contacts.createContact(tx, { ...fields, ownerId: input.ownerId === undefined ? actor.id : input.ownerId }, actor.id, now);
      // Past mail with this person that nobody could place joins the contact's account.
      await relinkUnmatched(tx, { addresses: contact.emails });
      return contact;
    }),
  );
}
