// The review queue: customer-looking email and meetings that belong to no account, grouped by organisation
// domain and by external person, each group with what to do about it. Pure: matches come in looked up.
import type { AddressMatch } from './match-participants.ts';
import { domainOf } from './addresses.ts';
import { organizationDomain } from './organization-domain.ts';
import { suggestAccountName, suggestContactName } from './suggest-names.ts';

export interface ReviewItem {
  id: string;
  kind: string;
  occurredAt: number;
  /** Null when the viewer sees only that the contact happened. */
  subject: string | null;
  redacted: boolean;
  addresses: string[];
}

/** create-account: the domain names no account; pick-account: one or more accounts could be it; add-contact: a person to place. */
export type ReviewAction = 'create-account' | 'pick-account' | 'add-contact';

interface GroupBase {
  key: string;
  count: number;
  latest: ReviewItem;
  /** Accounts the address or domain could belong to (ambiguous domain, or one account not linked yet). */
  candidateIds: string[];
  suggestedAction: ReviewAction;
  itemIds: string[];
}

export interface DomainGroup extends GroupBase {
  domain: string;
  match: 'unknown' | 'ambiguous' | 'account';
  suggestedAccountName: string | null;
  addresses: string[];
}

export interface PersonGroup extends GroupBase {
  address: string;
  displayName: string | null;
  /** Organisation domain; null at a public mailbox provider. */
  domain: string | null;
  match: 'unknown' | 'ambiguous' | 'account' | 'personal' | 'contact';
  /** A known contact that has no account yet. */
  contactId: string | null;
  suggestedContactName: string;
}

export interface ReviewQueue {
  domains: DomainGroup[];
  people: PersonGroup[];
  /** Distinct interactions in the queue. */
  total: number;
}

/** A participant worth reviewing: an external nobody placed yet (never a colleague, a blocked or automated address). */
export function needsReview(m: AddressMatch): boolean {
  if (m.automated) return false;
  if (m.kind === 'contact') return m.accountIds.length === 0;
  return m.kind === 'unknown' || m.kind === 'ambiguous' || m.kind === 'account' || m.kind === 'personal';
}

/** Items newest first in, groups out: busiest first, then the most recent. */
export function groupReviewQueue(items: readonly ReviewItem[], matchOf: (address: string) => AddressMatch | undefined): ReviewQueue {
  const domains = new Map<string, DomainGroup>();
  const people = new Map<string, PersonGroup>();
  const inQueue = new Set<string>();
  for (const item of items) {
    for (const address of new Set(item.addresses)) {
      const m = matchOf(address);
      if (!m || !needsReview(m)) continue;
      inQueue.add(item.id);
      const org = m.kind === 'personal' ? null : organizationDomain(domainOf(m.address));
      const candidateIds = m.kind === 'contact' ? [] : m.accountIds;
      let person = people.get(m.address);
      if (!person) {
        const action: ReviewAction = candidateIds.length ? 'pick-account' : 'add-contact';
        person = {
          key: `person:${m.address}`, address: m.address, displayName: m.displayName, domain: org, match: m.kind as PersonGroup['match'],
          contactId: m.contactId, suggestedContactName: suggestContactName(m.displayName, m.address), count: 0, latest: item, candidateIds, suggestedAction: action, itemIds: [],
        };
        people.set(m.address, person);
      }
      add(person, item);
      if (!org || m.kind === 'contact') continue;
      let domain = domains.get(org);
      if (!domain) {
        domain = {
          key: `domain:${org}`, domain: org, match: m.kind as DomainGroup['match'], addresses: [], count: 0, latest: item, candidateIds,
          suggestedAction: candidateIds.length ? 'pick-account' : 'create-account', suggestedAccountName: candidateIds.length ? null : suggestAccountName(org), itemIds: [],
        };
        domains.set(org, domain);
      }
      if (!domain.addresses.includes(m.address)) domain.addresses.push(m.address);
      add(domain, item);
    }
  }
  const order = (a: GroupBase, b: GroupBase) => b.count - a.count || b.latest.occurredAt - a.latest.occurredAt || a.key.localeCompare(b.key);
  return { domains: [...domains.values()].sort(order), people: [...people.values()].sort(order), total: inQueue.size };
}

function add(g: GroupBase, item: ReviewItem): void {
  if (g.itemIds.includes(item.id)) return;
  g.itemIds.push(item.id);
  g.count++;
  if (item.occurredAt > g.latest.occurredAt) g.latest = item;
}
