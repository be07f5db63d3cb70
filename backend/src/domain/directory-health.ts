// Colleagues captured as customers: stored interactions whose "external" participants look like the
// organisation's own. It happens when mail was captured before the directory was read, or at a domain the
// organisation uses without having verified it (a subsidiary's, a former name's).
import { domainOf, normalizeAddress, normalizeDomain } from './addresses.ts';
import { isPublicMailboxDomain } from './public-mailbox-domain.ts';

/** Why a domain is listed: now internal; a participant is a directory address; colleagues have addresses there. */
export type SuspicionReason = 'internal-domain' | 'directory-address' | 'colleagues-addresses';

export interface SuspiciousDomain {
  domain: string;
  /** Stored participants at the domain, summed over addresses (an interaction naming two counts twice). */
  participations: number;
  /** Distinct participant addresses at the domain. */
  addresses: number;
  /** The organisation's own addresses (directory and users) at the domain. */
  colleagueAddresses: number;
  reasons: SuspicionReason[];
}

/** Two colleagues with addresses at a domain make it theirs, not a customer's. */
export const SHARED_DOMAIN_MIN_COLLEAGUES = 2;

const isUnder = (host: string, parents: readonly string[]) => parents.some((p) => host === p || host.endsWith(`.${p}`));

export function suspiciousDomains(input: {
  participants: readonly { address: string; interactions: number }[];
  internalDomains: readonly string[];
  organisationAddresses: readonly string[];
}): SuspiciousDomain[] {
  const internal = input.internalDomains.flatMap((d) => normalizeDomain(d.replace(/^[@*.]+/, '')) ?? []);
  const own = new Set(input.organisationAddresses.flatMap((a) => normalizeAddress(a) ?? []));
  const colleaguesAt = new Map<string, number>();
  for (const a of own) colleaguesAt.set(domainOf(a), (colleaguesAt.get(domainOf(a)) ?? 0) + 1);

  const byDomain = new Map<string, SuspiciousDomain>();
  for (const p of input.participants) {
    const address = normalizeAddress(p.address);
    if (!address) continue;
    const domain = domainOf(address);
    const reasons: SuspicionReason[] = [];
    if (isUnder(domain, internal)) reasons.push('internal-domain');
    if (own.has(address)) reasons.push('directory-address');
    const colleagues = colleaguesAt.get(domain) ?? 0;
    if (colleagues >= SHARED_DOMAIN_MIN_COLLEAGUES && !isPublicMailboxDomain(domain)) reasons.push('colleagues-addresses');
    if (reasons.length === 0) continue;
    const entry = byDomain.get(domain) ?? { domain, participations: 0, addresses: 0, colleagueAddresses: colleagues, reasons: [] };
    entry.participations += p.interactions;
    entry.addresses += 1;
    for (const r of reasons) if (!entry.reasons.includes(r)) entry.reasons.push(r);
    byDomain.set(domain, entry);
  }
  return [...byDomain.values()].sort((a, b) => b.participations - a.participations || a.domain.localeCompare(b.domain));
}
