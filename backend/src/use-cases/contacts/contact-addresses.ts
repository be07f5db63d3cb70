// An e-mail address belongs to one contact of the tenant: matching mail to people depends on it.
import { normalizeAddress } from '../../domain/addresses.ts';
import { conflict } from '../../domain/errors.ts';
import { contactsByAddresses } from '../../store/contacts.ts';
import { isUniqueViolation, type TenantScope } from '../../store/scope.ts';

/** Refuses addresses that another contact holds (the contact's own addresses are fine). */
export async function requireAddressesFree(scope: TenantScope, emails: readonly string[], contactId: string | null): Promise<void> {
  const held = await contactsByAddresses(scope, [...new Set(emails.flatMap((e) => normalizeAddress(e) ?? []))]);
  const taken = [...held].filter(([, c]) => c.contactId !== contactId);
  if (taken.length === 0) return;
  throw conflict(
    `The address ${taken.map(([address]) => address).join(', ')} already belongs to another contact. Open that contact, or merge the two.`,
    taken.map(([address, c]) => ({ field: 'emails', message: `${address} belongs to contact ${c.contactId}` })),
  );
}

/** Two saves racing for one address: the second breaks the unique key after the check passed. */
export async function onAddressRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('One of the addresses was just given to another contact. Reload and try again.');
    throw error;
  }
}
