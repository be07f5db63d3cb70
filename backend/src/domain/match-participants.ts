// Who is each address? A colleague, a known contact (and so its account), an account by its domain, two
// accounts at once (ambiguous: never guessed), or an unknown external with suggestions to create one.
import { companyNameFromDomain, domainOf, isAutomatedAddress, isPublicMailboxDomain, normalizeAddress, personName, registrableDomain } from './addresses.ts';

export type MatchKind = 'colleague' | 'contact' | 'account' | 'ambiguous' | 'unknown' | 'personal' | 'blocked' | 'invalid';

export interface AddressMatch {
  address: string;
  displayName: string | null;
  /** colleague: a user or the tenant's own domain; contact: a known person; account: a known domain;
   *  ambiguous: a domain of several accounts; unknown: an external address nobody knows yet;
   *  personal: a public mailbox provider's address; blocked: on the tenant's blocklist; invalid: not an address. */
  kind: MatchKind;
  userId: string | null;
  contactId: string | null;
  accountIds: string[];
  automated: boolean;
  suggestion: { newContact: { name: string; accountId: string | null } | null; newAccount: { domain: string; name: string } | null } | null;
}

export interface MatchFacts {
  internalDomains: string[];
  blockedDomains: string[];
  blockedAddresses: string[];
  usersByAddress: Map<string, string>;
  contactsByAddress: Map<string, { contactId: string; accountId: string | null }>;
  accountIdsByDomain: Map<string, string[]>;
}

const under = (domain: string, parent: string) => domain === parent || domain.endsWith(`.${parent}`);

export function isInternalAddress(address: string, internalDomains: string[]): boolean {
  const d = domainOf(address);
  return internalDomains.some((p) => under(d, p.toLowerCase()));
}

/** What the store must look up for these addresses: the addresses themselves and their registrable domains. */
export function matchLookupKeys(addresses: string[], settings: { internalDomains: string[] }): { addresses: string[]; domains: string[] } {
  const normalized = [...new Set(addresses.map((a) => normalizeAddress(a)).filter((a): a is string => a !== null))];
  const domains = new Set<string>();
  for (const a of normalized) {
    if (isInternalAddress(a, settings.internalDomains)) continue;
    const d = domainOf(a);
    if (isPublicMailboxDomain(d)) continue;
    const r = registrableDomain(d);
    if (r && !isPublicMailboxDomain(r)) domains.add(r);
  }
  return { addresses: normalized, domains: [...domains] };
}

export function matchParticipants(inputs: { address: string; displayName: string | null }[], facts: MatchFacts): AddressMatch[] {
  const blockedAddresses = new Set(facts.blockedAddresses.map((a) => a.toLowerCase()));
  return inputs.map(({ address: raw, displayName }) => {
    const base = { displayName: displayName ?? null, userId: null, contactId: null, accountIds: [] as string[], suggestion: null };
    const address = normalizeAddress(raw);
    if (!address) return { ...base, address: raw, kind: 'invalid', automated: false };
    const automated = isAutomatedAddress(address);
    const domain = domainOf(address);
    if (blockedAddresses.has(address) || facts.blockedDomains.some((b) => under(domain, b.toLowerCase()))) {
      return { ...base, address, kind: 'blocked', automated };
    }
    const userId = facts.usersByAddress.get(address);
    if (userId || isInternalAddress(address, facts.internalDomains)) {
      return { ...base, address, kind: 'colleague', userId: userId ?? null, automated };
    }
    const contact = facts.contactsByAddress.get(address);
    if (contact) {
      return { ...base, address, kind: 'contact', contactId: contact.contactId, accountIds: contact.accountId ? [contact.accountId] : [], automated };
    }
    const name = personName(displayName, address);
    if (isPublicMailboxDomain(domain)) {
      // A private mailbox says nothing about an employer: offer a contact, never an account by domain.
      return { ...base, address, kind: 'personal', automated, suggestion: automated ? null : { newContact: { name, accountId: null }, newAccount: null } };
    }
    const registrable = registrableDomain(domain);
    const accounts = registrable ? [...new Set(facts.accountIdsByDomain.get(registrable) ?? [])] : [];
    if (accounts.length === 1) {
      return { ...base, address, kind: 'account', accountIds: accounts, automated, suggestion: automated ? null : { newContact: { name, accountId: accounts[0]! }, newAccount: null } };
    }
    if (accounts.length > 1) {
      return { ...base, address, kind: 'ambiguous', accountIds: accounts.sort(), automated, suggestion: automated ? null : { newContact: { name, accountId: null }, newAccount: null } };
    }
    return {
      ...base, address, kind: 'unknown', automated,
      suggestion: automated ? null : { newContact: { name, accountId: null }, newAccount: registrable ? { domain: registrable, name: companyNameFromDomain(registrable) } : null },
    };
  });
}
