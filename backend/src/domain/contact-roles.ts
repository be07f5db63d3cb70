// The buying committee: who at the customer plays which part in a deal. A role links a contact to one
// opportunity, and only a contact of that opportunity's account can hold one (a person at another customer is
// not on this deal's committee).
import { DomainError, type FieldError } from './errors.ts';
import { OPEN_STAGES, type Stage } from './types.ts';

export const CONTACT_ROLES = ['decision_maker', 'economic_buyer', 'influencer', 'user', 'champion'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

const unprocessable = (detail: string, errors: FieldError[]) => new DomainError('unprocessable', 'Not on this deal’s committee', detail, errors);

export interface CommitteeMember {
  opportunityId: string;
  contactId: string;
  role: ContactRole;
}

/** Refuses a contact that cannot sit on this deal's committee, naming the field a form shows it on. */
export function requireCommitteeCandidate(
  opportunity: { accountId: string },
  contact: { accountId: string | null; archivedAt?: number | null; name: string },
): void {
  if (contact.accountId !== opportunity.accountId) {
    throw unprocessable(`${contact.name} is not a contact of this deal’s account. Only the account’s own contacts can be on its buying committee.`, [
      { field: 'contactId', message: 'not a contact of the opportunity’s account' },
    ]);
  }
  if (contact.archivedAt != null) {
    throw unprocessable(`${contact.name} is archived. Restore the contact before giving them a role in a deal.`, [{ field: 'contactId', message: 'archived' }]);
  }
}

/** A role as the committee rules see it: the deal's stage and account, and where its contact is now. */
export interface PlacedRole extends CommitteeMember {
  stage: Stage;
  opportunityAccountId: string;
  contactAccountId: string | null;
}

/**
 * The roles that end because the contact is no longer at the deal's account (the contact moved, or the deal did):
 * an open deal's committee holds only its account's contacts. A won or lost deal's committee is its history: a
 * person who since moved on still was its decision maker, so those roles stay.
 */
export function rolesOutsideAccount<R extends PlacedRole>(roles: readonly R[]): R[] {
  return roles.filter((r) => OPEN_STAGES.includes(r.stage) && r.contactAccountId !== r.opportunityAccountId);
}

/**
 * When contacts merge, the survivor keeps its own role on a deal where both had one (it is the record a person
 * chose to keep); a merged contact's role moves over only where the survivor has none. A role on an open deal of
 * another account than the one the kept contact ends up at is dropped (only an account's contacts sit on its open
 * deals); a role on a won or lost deal is history and moves over wherever the deal is.
 */
export function planRoleMoves<R extends CommitteeMember & { accountId: string; stage: Stage }>(
  survivorId: string,
  roles: readonly R[],
  resultAccountId: string | null,
): { move: R[]; drop: R[] } {
  const move: R[] = [];
  const drop: R[] = [];
  const fits = (r: R) => r.accountId === resultAccountId || !OPEN_STAGES.includes(r.stage);
  const taken = new Set<string>();
  for (const r of roles.filter((x) => x.contactId === survivorId)) {
    if (fits(r)) taken.add(r.opportunityId);
    else drop.push(r);
  }
  for (const r of roles.filter((x) => x.contactId !== survivorId)) {
    if (!fits(r) || taken.has(r.opportunityId)) drop.push(r);
    else {
      move.push(r);
      taken.add(r.opportunityId);
    }
  }
  return { move, drop };
}
