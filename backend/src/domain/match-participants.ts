// Who is each address? A colleague, a known contact (and so its account), an account by its domain, two
// accounts at once (ambiguous: never guessed), a stranger at a public mailbox, or an unknown external with
// suggestions to create the contact and the account.
import { domainOf, normalizeAddress, normalizeDomain } from './addresses.ts';
import { isAutomatedAddress } from './automated-address.ts';
import { organizationDomain } from './organization-domain.ts';
import { isPublicMailboxDomain } from './public-mailbox-domain.ts';
import { registrableDomain } from './registrable-domain.ts';
import { suggestAccountName, suggestContactName } from './suggest-names.ts';

/**
 * colleague: a user, a directory address (a user's alias, a colleague without Suhde), or anyone at the tenant's
 * own domains; contact: a known person; account: a known
 * organisation domain; ambiguous: a domain several accounts share; unknown: an external nobody knows yet;
 * personal: a stranger at a public mailbox provider; blocked: on the tenant's blocklist; invalid: not an address.
 */
export type MatchKind = 'colleague' | 'contact' | 'account' | 'ambiguous' | 'unknown' | 'personal' | 'blocked' | 'invalid';

export interface MatchSuggestion {
  /** accountId is set when the domain names exactly one account. */
  newContact: { name: string; accountId: string | null } | null;
  /** Only for an unknown organisation domain: never for a public provider or an ambiguous domain. */
  newAccount: { domain: string; name: string } | null;
}

export interface AddressMatch {
  /** Canonical address; the input as given (trimmed) when invalid. */
  address: string;
  displayName: string | null;
  kind: MatchKind;
  userId: string | null;
  contactId: string | null;
  /** The contact's account, the domain's account, or (ambiguous) every candidate, sorted. */
  accountIds: string[];
  automated: boolean;
  /** For unknown externals (also at a known domain or a public provider); null when nothing is to be created. */
  suggestion: MatchSuggestion | null;
}

/** What the store found for the keys matchLookupKeys named, plus the tenant's settings. */
export interface MatchFacts {
  /** The tenant's own domains: its verified domains (from the directory) and the admin's additions. */
  internalDomains: string[];
  /**
   * Addresses known to be the organisation's own whatever their domain: every directory user's addresses (their
   * aliases too) and the mailbox owner's, to the Suhde user they belong to, or null for a colleague who is not one.
   */
  internalAddresses?: ReadonlyMap<string, string | null>;
  blockedDomains: string[];
  blockedAddresses: string[];
  usersByAddress: Map<string, string>;
  contactsByAddress: Map<string, { contactId: string; accountId: string | null }>;
  /** Keyed by organisation domain (the registrable domain; see organizationDomain). */
  accountIdsByDomain: Map<string, string[]>;
}

type DomainSettings = { internalDomains: string[]; blockedDomains?: string[]; blockedAddresses?: string[] };

/** Settings lists may hold "@x.fi" or "*.x.fi"; both mean x.fi and everything under it. */
const domainList = (list: readonly string[] = []) => list.flatMap((d) => normalizeDomain(d.replace(/^[@*.]+/, '')) ?? []);
const isUnder = (host: string, parents: readonly string[]) => parents.some((p) => host === p || host.endsWith(`.${p}`));
/** A public provider never stands for an organisation, nor does any host under one. */
const isPublicHost = (host: string) => isPublicMailboxDomain(host) || isPublicMailboxDomain(registrableDomain(host));

/**
 * What the store must look up: the canonical addresses (for users and contacts) and the organisation domains
 * that could name an account. Internal, blocked and public-provider domains are left out: they never match by
 * domain. Blocked addresses need no lookup at all.
 */
export function matchLookupKeys(addresses: readonly string[], settings: DomainSettings): { addresses: string[]; domains: string[] } {
  const internal = domainList(settings.internalDomains);
  const blocked = domainList(settings.blockedDomains);
  const blockedAddresses = new Set((settings.blockedAddresses ?? []).flatMap((a) => normalizeAddress(a) ?? []));
  const keys = new Set<string>();
  const domains = new Set<string>();
  for (const raw of addresses) {
    const address = normalizeAddress(raw);
    if (!address || blockedAddresses.has(address)) continue;
    const host = domainOf(address);
    if (isUnder(host, blocked)) continue;
    keys.add(address);
    if (isUnder(host, internal) || isPublicHost(host)) continue;
    const org = organizationDomain(host);
    if (org) domains.add(org);
  }
  return { addresses: [...keys], domains: [...domains] };
}

/**
 * One result per input, in order. The blocklist is checked first: it is a privacy promise that outranks any
 * match. Then: a user's address; the tenant's own domains (or any host under them) are colleagues, never
 * contacts; a contact by address (case-insensitive, as every key is canonical); then the organisation domain:
 * exactly one account matches, two or more are reported as ambiguous with the candidates, never guessed.
 * A contact without an account follows its domain's account when exactly one account has that domain.
 * Addresses at public mailbox providers never match by domain. Automated senders get no suggestions.
 */
export function matchParticipants(inputs: readonly { address: string; displayName: string | null }[], facts: MatchFacts): AddressMatch[] {
  const internal = domainList(facts.internalDomains);
  const blocked = domainList(facts.blockedDomains);
  const blockedAddresses = new Set(facts.blockedAddresses.flatMap((a) => normalizeAddress(a) ?? []));
  // Re-keyed canonically so that a store returning "Liisa@Asiakas.FI" still matches.
  const users = rekey(facts.usersByAddress, normalizeAddress);
  const own = rekey(facts.internalAddresses ?? new Map<string, string | null>(), normalizeAddress);
  const contacts = rekey(facts.contactsByAddress, normalizeAddress);
  const accountsByDomain = rekey(facts.accountIdsByDomain, normalizeDomain);

  return inputs.map(({ address: raw, displayName }): AddressMatch => {
    const base = { displayName: displayName ?? null, userId: null, contactId: null, accountIds: [] as string[], automated: false, suggestion: null };
    const address = normalizeAddress(raw);
    if (!address) return { ...base, address: raw.trim(), kind: 'invalid' };
    const automated = isAutomatedAddress(address);
    const host = domainOf(address);
    const at = { ...base, address, automated };
    if (blockedAddresses.has(address) || isUnder(host, blocked)) return { ...at, kind: 'blocked' };

    const userId = users.get(address);
    if (userId !== undefined) return { ...at, kind: 'colleague', userId };
    const ownerId = own.get(address);
    if (ownerId !== undefined) return { ...at, kind: 'colleague', userId: ownerId };
    if (isUnder(host, internal)) return { ...at, kind: 'colleague' };

    const publicHost = isPublicHost(host);
    const org = publicHost ? null : organizationDomain(host);
    const domainAccounts = org ? [...new Set(accountsByDomain.get(org) ?? [])].sort() : [];

    const contact = contacts.get(address);
    if (contact) {
      const accountIds = contact.accountId ? [contact.accountId] : domainAccounts.length === 1 ? domainAccounts : [];
      return { ...at, kind: 'contact', contactId: contact.contactId, accountIds };
    }

    const suggest = (accountId: string | null, newAccount: MatchSuggestion['newAccount']): MatchSuggestion | null =>
      automated ? null : { newContact: { name: suggestContactName(displayName, address), accountId }, newAccount };
    if (publicHost) return { ...at, kind: 'personal', suggestion: suggest(null, null) };
    if (domainAccounts.length === 1) return { ...at, kind: 'account', accountIds: domainAccounts, suggestion: suggest(domainAccounts[0]!, null) };
    if (domainAccounts.length > 1) return { ...at, kind: 'ambiguous', accountIds: domainAccounts, suggestion: suggest(null, null) };
    return { ...at, kind: 'unknown', suggestion: suggest(null, org ? { domain: org, name: suggestAccountName(org) } : null) };
  });
}

function rekey<V>(map: ReadonlyMap<string, V>, canon: (k: string) => string | null): Map<string, V> {
  const out = new Map<string, V>();
  for (const [k, v] of map) {
    const c = canon(k);
    if (c !== null && !out.has(c)) out.set(c, v);
  }
  return out;
}
