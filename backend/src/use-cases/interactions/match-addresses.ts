// Who these addresses are: ask the store only for what the pure matcher needs (the addresses and registrable
// domains it names), then let the domain decide who each address is.
import { matchLookupKeys, matchParticipants, type AddressMatch } from '../../domain/match-participants.ts';

export type { AddressMatch };
import type { TenantSettings } from '../../domain/types.ts';
import type { TenantScope } from '../../store/scope.ts';
import { usersByAddresses } from '../../store/users.ts';
import { contactsByAddresses } from '../../store/contacts.ts';
import { accountIdsByDomains } from '../../store/accounts.ts';
import { directoryAddressesByAddresses, verifiedDomainNames } from '../../store/directory.ts';

export async function matchAddresses(
  scope: TenantScope,
  settings: TenantSettings,
  inputs: { address: string; displayName: string | null }[],
  /** The mailbox owner's own address(es) when matching a mailbox's mail: internal whatever the directory says. */
  own: { address: string; userId: string }[] = [],
): Promise<AddressMatch[]> {
  // Internal is the directory's verified domains plus the admin's additions (settings.internalDomains).
  const internalDomains = [...settings.internalDomains, ...(await verifiedDomainNames(scope))];
  const keys = matchLookupKeys(inputs.map((i) => i.address), { ...settings, internalDomains });
  const [usersByAddress, contacts, accountIdsByDomain, directory] = await Promise.all([
    usersByAddresses(scope, keys.addresses),
    contactsByAddresses(scope, keys.addresses),
    accountIdsByDomains(scope, keys.domains),
    directoryAddressesByAddresses(scope, keys.addresses),
  ]);
  const internalAddresses = new Map<string, string | null>(directory);
  for (const o of own) internalAddresses.set(o.address, o.userId);
  return matchParticipants(inputs, {
    internalDomains,
    internalAddresses,
    blockedDomains: settings.blockedDomains,
    blockedAddresses: settings.blockedAddresses,
    usersByAddress,
    contactsByAddress: contacts,
    accountIdsByDomain,
  });
}
