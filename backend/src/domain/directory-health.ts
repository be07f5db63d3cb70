// Colleagues captured as customers: stored interactions that look internal now. It happens when mail was
// captured before the directory was read, or with colleagues at a domain the organisation uses without having
// verified it (a subsidiary's, a former name's).
import { domainOf, normalizeAddress, normalizeDomain } from './addresses.ts';
import { isPublicMailboxDomain } from './public-mailbox-domain.ts';

/**
 * internal-only: stored interactions at the domain whose every participant is now known to be internal;
 * colleagues-addresses: the organisation's own addresses (directory, users) sit at a domain that is not internal.
 */
export type SuspicionReason = 'internal-only' | 'colleagues-addresses';

export interface SuspiciousDomain {
  domain: string;
  /** Stored interactions naming an address at the domain (summed per address: one naming two counts twice). */
  interactions: number;
  /** Of those, the interactions whose participants are all internal now: they would not be captured today. */
  internalOnly: number;
  /** The organisation's own addresses (directory and users) at the domain. */
  colleagueAddresses: number;
  reasons: SuspicionReason[];
}

/** Two colleagues with addresses at a domain make it theirs, not a customer's. */
export const SHARED_DOMAIN_MIN_COLLEAGUES = 2;

export interface InternalKnowledge {
  internalDomains: readonly string[];
  organisationAddresses: readonly string[];
}

const isUnder = (host: string, parents: readonly string[]) => parents.some((p) => host === p || host.endsWith(`.${p}`));

/** Whether an address is the organisation's own by what is known now; for picking the interactions to re-check. */
export function internalTest(known: InternalKnowledge): (address: string) => boolean {
  const internal = known.internalDomains.flatMap((d) => normalizeDomain(d.replace(/^[@*.]+/, '')) ?? []);
  const own = new Set(known.organisationAddresses.flatMap((a) => normalizeAddress(a) ?? []));
  return (raw) => {
    const address = normalizeAddress(raw);
    return !!address && (own.has(address) || isUnder(domainOf(address), internal));
  };
}

/**
 * participants: per external address (no Suhde user), how many stored interactions name it. candidates: the
 * stored interactions naming an address that is internal now, each with all its external addresses.
 */
export function suspiciousDomains(input: InternalKnowledge & {
  participants: readonly { address: string; interactions: number }[];
  candidates: readonly { interactionId: string; addresses: readonly string[] }[];
}): SuspiciousDomain[] {
  const isInternal = internalTest(input);
  const internal = input.internalDomains.flatMap((d) => normalizeDomain(d.replace(/^[@*.]+/, '')) ?? []);
  const colleaguesAt = new Map<string, number>();
  for (const a of new Set(input.organisationAddresses.flatMap((x) => normalizeAddress(x) ?? []))) colleaguesAt.set(domainOf(a), (colleaguesAt.get(domainOf(a)) ?? 0) + 1);

  const internalOnlyAt = new Map<string, number>();
  for (const c of input.candidates) {
    if (!c.addresses.every(isInternal)) continue;
    for (const d of new Set(c.addresses.flatMap((a) => normalizeAddress(a) ?? []).map(domainOf))) internalOnlyAt.set(d, (internalOnlyAt.get(d) ?? 0) + 1);
  }
  const byDomain = new Map<string, SuspiciousDomain>();
  for (const p of input.participants) {
    const address = normalizeAddress(p.address);
    if (!address) continue;
    const domain = domainOf(address);
    const entry = byDomain.get(domain) ?? { domain, interactions: 0, internalOnly: internalOnlyAt.get(domain) ?? 0, colleagueAddresses: colleaguesAt.get(domain) ?? 0, reasons: [] };
    entry.interactions += p.interactions;
    byDomain.set(domain, entry);
  }
  const out: SuspiciousDomain[] = [];
  for (const e of byDomain.values()) {
    if (e.internalOnly > 0) e.reasons.push('internal-only');
    if (e.colleagueAddresses >= SHARED_DOMAIN_MIN_COLLEAGUES && !isUnder(e.domain, internal) && !isPublicMailboxDomain(e.domain)) e.reasons.push('colleagues-addresses');
    if (e.reasons.length > 0) out.push(e);
  }
  return out.sort((a, b) => b.internalOnly - a.internalOnly || b.interactions - a.interactions || a.domain.localeCompare(b.domain));
}
