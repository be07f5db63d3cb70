// How copies of one interaction (the same email or meeting, by external key) become one: from colleagues'
// mailboxes, the add-in, a second log, all in one batch or one after another. Pure: the use case loads the
// stored row and writes what this decides.
import type { InteractionKind, InteractionSource, Visibility } from './types.ts';
import { widerVisibility } from './visibility.ts';
import { countsAsContact } from './counts-as-contact.ts';

export interface StoredCopy {
  occurredAt: number;
  visibility: Visibility;
  note: string | null;
  opportunityId: string | null;
  /** Soft-removed (deleted_at set). */
  removed: boolean;
}

export interface IncomingCopy {
  kind: InteractionKind;
  source: InteractionSource;
  occurredAt: number;
  visibility: Visibility;
  note: string | null;
  opportunityId: string | null;
  accountIds: string[];
  holders: { userId: string; relation: 'logged' | 'holds'; at: number }[];
}

/** What the person (or mailbox) behind a copy may do to the stored interaction. */
export interface ActorRights {
  /** The actor holds or logged the stored interaction already. */
  holdsStored: boolean;
}

export interface MergedInteraction {
  /** Removed, and only the sync brought it again: it stays removed and nothing is written. */
  staysRemoved: boolean;
  /** Removed, and a person logged it again deliberately: it comes back; actorId is who logged it. */
  restore: { actorId: string | null } | null;
  /** New values for the stored row, when any changed (null for a new interaction: the first copy is inserted). */
  update: { visibility: Visibility; note: string | null; opportunityId: string | null } | null;
  /** Timeline rows: every copy's accounts, at the stored time (or the first copy's) with the first copy's kind. */
  accounts: { accountId: string; occurredAt: number; kind: InteractionKind }[];
  holders: { userId: string; relation: 'logged' | 'holds'; at: number }[];
  /** Accounts whose last contact this moves (copies that count as contact). */
  contactAccountIds: string[];
}

/**
 * Only a deliberate log (add-in, Teams, by hand) by someone who already holds the stored interaction widens its
 * visibility. A second mailbox syncing the same mail does not, and neither does a colleague who knows only its
 * key (a Message-ID from a References header, an iCalUId): the key proves nothing about holding it.
 */
export function mayWidenVisibility(copy: Pick<IncomingCopy, 'source'>, rights: ActorRights): boolean {
  return copy.source !== 'sync' && rights.holdsStored;
}

/**
 * Merges copies of one key into the stored interaction (or, with none stored, into the first copy, which the
 * caller inserts). copies[0] is the first in arrival order; rights[i] are the rights of the actor of copies[i].
 */
export function mergeInteractionCopies(stored: StoredCopy | null, copies: IncomingCopy[], rights: ActorRights[]): MergedInteraction {
  const first = copies[0];
  if (!first) throw new Error('mergeInteractionCopies needs at least one copy');
  const none: MergedInteraction = { staysRemoved: true, restore: null, update: null, accounts: [], holders: [], contactAccountIds: [] };
  let restore: MergedInteraction['restore'] = null;
  if (stored?.removed) {
    // Someone removed it. Mailbox sync must not bring it back; one of its holders logging it again deliberately
    // does. A colleague who only knows its key does not undo its holder's removal.
    const restorer = copies.find((c, i) => c.source !== 'sync' && rights[i]?.holdsStored);
    if (!restorer) return none;
    restore = { actorId: restorer.holders.find((h) => h.relation === 'logged')?.userId ?? null };
  }
  const accounts: MergedInteraction['accounts'] = [];
  const holders: MergedInteraction['holders'] = [];
  const contact = new Set<string>();
  for (const copy of copies) {
    for (const accountId of new Set(copy.accountIds)) {
      // An existing interaction keeps its own time in the timeline index.
      accounts.push({ accountId, occurredAt: stored?.occurredAt ?? first.occurredAt, kind: first.kind });
      if (countsAsContact(copy.kind)) contact.add(accountId);
    }
    holders.push(...copy.holders);
  }
  let update: MergedInteraction['update'] = null;
  if (stored) {
    let { visibility, note, opportunityId } = stored;
    copies.forEach((copy, i) => {
      if (mayWidenVisibility(copy, rights[i] ?? { holdsStored: false })) visibility = widerVisibility(visibility, copy.visibility);
      if (copy.note && copy.note !== note) note = note ? `${note}\n\n${copy.note}` : copy.note;
      opportunityId = opportunityId ?? copy.opportunityId;
    });
    if (visibility !== stored.visibility || note !== stored.note || opportunityId !== stored.opportunityId) update = { visibility, note, opportunityId };
  }
  return { staysRemoved: false, restore, update, accounts, holders, contactAccountIds: [...contact] };
}
