// Turns a log request and its matched participants into what the store keeps: participants resolved to
// users and contacts, the accounts it belongs to, and its direction.
import type { AddressMatch } from './match-participants.ts';
import type { Direction, Participant, ParticipantRole, TenantSettings } from './types.ts';

export interface LogPlan {
  participants: Participant[];
  accountIds: string[];
  direction: Direction | null;
  /** Why no account was found, for the error message. */
  reason: string | null;
}

export function planLog(
  body: { kind: string; participants: { role: ParticipantRole; address: string; displayName: string | null }[] },
  matches: AddressMatch[],
  _settings: TenantSettings,
): LogPlan {
  const participants: Participant[] = body.participants.map((p, i) => {
    const m = matches[i];
    return {
      role: p.role,
      address: p.address.toLowerCase(),
      displayName: p.displayName,
      userId: m?.kind === 'colleague' ? m.userId : null,
      contactId: m?.kind === 'contact' ? m.contactId : null,
    };
  });
  // An ambiguous domain names no account: the person logging picks one instead.
  const accountIds = [...new Set(matches.filter((m) => m.kind === 'contact' || m.kind === 'account').flatMap((m) => m.accountIds))];
  const sender = body.participants.findIndex((p) => p.role === 'from' || p.role === 'organizer');
  const senderMatch = sender >= 0 ? matches[sender] : undefined;
  const direction: Direction | null =
    body.kind === 'email' || body.kind === 'call' || body.kind === 'chat'
      ? senderMatch
        ? senderMatch.kind === 'colleague' ? 'outbound' : 'inbound'
        : null
      : null;
  let reason: string | null = null;
  if (accountIds.length === 0) {
    if (matches.length && matches.every((m) => m.kind === 'colleague')) reason = 'Everyone on this is a colleague: internal-only mail is not customer contact.';
    else if (matches.some((m) => m.kind === 'ambiguous')) reason = 'The sender’s domain belongs to more than one account. Pick the account.';
    else if (matches.some((m) => m.kind === 'unknown')) reason = 'Nobody here is a known contact or account yet. Add the contact or create the account first, or pick the account.';
  }
  return { participants, accountIds, direction, reason };
}
