// Who these addresses are: ask the store only for what the pure matcher needs (the addresses and registrable
// domains it names), then let the domain decide who each address is.
import { matchLookupKeys, matchParticipants, type AddressMatch } from '../../domain/match-participants.ts';

export type { AddressMatch };
import type { TenantSettings } from '../../domain/types.ts';
import type { TenantScope } from '../../store/scope.ts';
import { usersByAddresses } from '../../store/users.ts';
import { contactsByAddresses } from '../../store/contacts.ts';
import { accountIdsByDomains } from '../../store/accounts.ts';

export async function matchAddresses(
  scope: TenantScope,
  settings: TenantSettings,
  inputs: { address: string; displayName: string | null }[],
): Promise<AddressMatch[]> {
  const keys = matchLookupKeys(inputs.map((i) => i.address), settings);
  const [usersByAddress, contacts, accountIdsByDomain] = await Promise.all([
    usersByAddresses(scope, keys.addresses),
    contactsByAddresses(scope, keys.addresses),
    accountIdsByDomains(scope, keys.domains),
  ]);
  return matchParticipants(inputs, {
    internalDomains: settings.internalDomains,
    blockedDomains: settings.blockedDomains,
    blockedAddresses: settings.blockedAddresses,
    usersByAddress,
    contactsByAddress: contacts,
    accountIdsByDomain,
  });
}
