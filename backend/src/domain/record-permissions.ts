// Who may change which record: one function per question, each answering allowed or a reason a person can read
// (the UI shows it on a disabled control; the use cases turn it into a 403).
import type { Role } from './types.ts';

export type Permission = { allowed: true } | { allowed: false; reason: string };

export interface Actor {
  id: string;
  role: Role;
}

const ALLOWED: Permission = { allowed: true };
const refuse = (reason: string): Permission => ({ allowed: false, reason });
const isManagerOrAdmin = (actor: Actor) => actor.role === 'manager' || actor.role === 'admin';

/** A rep may edit an account they own or an unowned one; managers and admins any account. */
export function mayEditAccount(actor: Actor, account: { ownerId: string | null }): Permission {
  if (isManagerOrAdmin(actor) || account.ownerId === null || account.ownerId === actor.id) return ALLOWED;
  return refuse('Only the account owner, a manager or an admin can change this account.');
}

/**
 * The tier sets how often an account must be contacted: its owner knows the customer and may change it (a rep
 * who created an account as C and then signs a contract makes it A); on anyone else's account, or an unowned
 * one, it is a manager's or an admin's decision.
 */
export function mayChangeTier(actor: Actor, account: { ownerId: string | null }): Permission {
  if (isManagerOrAdmin(actor) || (account.ownerId !== null && account.ownerId === actor.id)) return ALLOWED;
  return refuse('Only the owner or a manager can change the tier.');
}

/**
 * Who owns an account is a portfolio decision: managers and admins only. A rep chooses the owner only when
 * creating an account (it then defaults to themselves) and cannot hand their accounts on or take a colleague's.
 */
export function mayChangeAccountOwner(actor: Actor): Permission {
  return isManagerOrAdmin(actor) ? ALLOWED : refuse('Only a manager can change the account owner.');
}

/** Archiving (and restoring) is open to whoever may edit the record; only an admin's erasure deletes it. */
export function mayArchiveAccount(actor: Actor, account: { ownerId: string | null }): Permission {
  return mayEditAccount(actor, account);
}

/**
 * A contact is edited as its account is: by its owner, the owner of its account, a manager or an admin; an
 * unowned contact by anyone. A rep may not edit, or take over, a colleague's contact.
 */
export function mayEditContact(actor: Actor, contact: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  if (isManagerOrAdmin(actor) || contact.ownerId === null || contact.ownerId === actor.id) return ALLOWED;
  if (account?.ownerId === actor.id) return ALLOWED;
  return refuse('Only the contact’s owner, the account owner, a manager or an admin can change this contact.');
}

/** Whoever may edit a contact may hand it to someone else (its owner, the account owner, a manager, an admin). */
export function mayChangeContactOwner(actor: Actor, contact: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  return mayEditContact(actor, contact, account);
}

/** An opportunity: its owner, the account owner, a manager or an admin; an unowned one anyone. */
export function mayEditOpportunity(actor: Actor, opportunity: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  if (isManagerOrAdmin(actor) || opportunity.ownerId === null || opportunity.ownerId === actor.id) return ALLOWED;
  if (account?.ownerId === actor.id) return ALLOWED;
  return refuse('Only the opportunity’s owner, the account owner, a manager or an admin can change it.');
}

export function mayArchiveContact(actor: Actor, contact: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  return mayEditContact(actor, contact, account);
}

export function mayArchiveOpportunity(actor: Actor, opportunity: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  return mayEditOpportunity(actor, opportunity, account);
}

/** Who may move a deal is who may edit it; which moves are possible is canMoveStage's question. */
export function mayMoveStage(actor: Actor, opportunity: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  return mayEditOpportunity(actor, opportunity, account);
}

/** Handing an opportunity over is open to whoever may edit it. */
export function mayChangeOpportunityOwner(actor: Actor, opportunity: { ownerId: string | null }, account: { ownerId: string | null } | null): Permission {
  return mayEditOpportunity(actor, opportunity, account);
}

/** A follow-up is a personal promise: the person it is assigned to, or who set it, marks it done, open or snoozed. */
export function mayEditFollowUp(actor: Actor, followUp: { userId: string; createdBy?: string }): Permission {
  return followUp.userId === actor.id || followUp.createdBy === actor.id ? ALLOWED : refuse('Only the person a follow-up is assigned to, or who set it, can mark or snooze it.');
}

/** Handing a follow-up to a colleague: its assignee, who set it, or a manager or admin (spreading the load). */
export function mayReassignFollowUp(actor: Actor, followUp: { userId: string; createdBy?: string }): Permission {
  if (isManagerOrAdmin(actor) || mayEditFollowUp(actor, followUp).allowed) return ALLOWED;
  return refuse('Only the person a follow-up is assigned to, who set it, or a manager can hand it to someone else.');
}

/** Tenant settings (cadences, probabilities, blocked domains) shape everyone's work: admins only. */
export function mayEditSettings(actor: Actor): Permission {
  return actor.role === 'admin' ? ALLOWED : refuse('Only an admin can change the organisation’s settings.');
}

/** The audit trail shows everyone's actions across the organisation: admins only. */
export function mayReadAuditTrail(actor: Actor): Permission {
  return actor.role === 'admin' ? ALLOWED : refuse('Only an admin can read the audit trail.');
}

/** An import writes many records at once, others' included: managers and admins only. */
export function mayImport(actor: Actor): Permission {
  return isManagerOrAdmin(actor) ? ALLOWED : refuse('Only a manager or an admin can import accounts, contacts and opportunities.');
}
