// "Log this email when sent", applied as the add-in's own log would be: the mailbox owner logs the email
// (relation 'logged', so it is "logged by me"), with the note, the chosen accounts (instead of the matched ones,
// as POST /api/interactions does when accountIds are given), the opportunity and the visibility. Pure: the
// tenant's accounts and opportunities, and whether the owner logged it already, come in looked up.
import type { LogIntent } from '../domain/log-intent.ts';
import type { InteractionInput } from '../store/interactions.ts';

export interface IntentContext {
  ownerUserId: string;
  now: number;
  /** The tenant's live accounts among those the intents name, and its live opportunities with their account. */
  accounts: Set<string>;
  opportunities: Map<string, string>;
  /** The owner logged this email already (the add-in's read pane, by hand, or an earlier sync of this intent). */
  alreadyLogged: boolean;
}

export interface IntentOutcome {
  input: InteractionInput;
  applied: boolean;
  /** Something the intent named was not the tenant's (an account, an opportunity not of those accounts). */
  refused: boolean;
}

export function applyLogIntent(input: InteractionInput, intent: LogIntent, ctx: IntentContext): IntentOutcome {
  // Logged once: a second sync of the same copy (a replayed page, a full round after an expired delta token, a
  // changed flag) must not add the note again, nor undo what the owner changed since.
  if (ctx.alreadyLogged) return { input, applied: false, refused: false };
  const chosen = intent.accountIds.filter((id) => ctx.accounts.has(id));
  let refused = chosen.length < intent.accountIds.length;
  // None of the chosen accounts is the tenant's: the matched accounts, as if none had been chosen.
  const accountIds = chosen.length ? chosen : input.accountIds;
  const oppAccount = intent.opportunityId ? ctx.opportunities.get(intent.opportunityId) : undefined;
  const opportunityId = oppAccount !== undefined && accountIds.includes(oppAccount) ? intent.opportunityId : null;
  if (intent.opportunityId && !opportunityId) refused = true;
  return {
    applied: true,
    refused,
    input: {
      ...input,
      source: 'addin',
      accountIds,
      note: intent.note,
      opportunityId,
      visibility: intent.visibility ?? input.visibility,
      // The owner still holds the copy (its removal releases 'holds'), and now also logged it.
      holders: [...input.holders, { userId: ctx.ownerUserId, relation: 'logged', at: ctx.now }],
    },
  };
}
