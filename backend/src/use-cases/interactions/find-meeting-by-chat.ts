// The meeting of a Teams meeting chat as a viewer may see it: a recurring meeting shares one chat, so the
// occurrence under way (else the one nearest to now) among those visible, with its accounts and their owners.
import type { Account, User } from '../../domain/types.ts';
import { viewOf, type Viewer } from '../../domain/interaction-access.ts';
import type { InteractionView } from '../../domain/visibility.ts';
import { occurrenceAt } from '../../domain/meeting-occurrence.ts';
import type { TenantScope } from '../../store/scope.ts';
import { meetingsOfThread } from '../../store/meeting-threads.ts';
import { getInteractions } from '../../store/interactions.ts';
import { getAccounts } from '../../store/accounts.ts';
import { getUser } from '../../store/users.ts';

export interface MeetingOfChat {
  meeting: InteractionView;
  accounts: { account: Account; owner: User | null }[];
  /** How many visible meetings share the chat. */
  occurrences: number;
}

/** Null when no visible meeting has this chat (not synced, not a Teams meeting, removed or not the viewer's). */
export async function findMeetingByChat(scope: TenantScope, viewer: Viewer, chatId: string, now: number): Promise<MeetingOfChat | null> {
  const occurrences = await meetingsOfThread(scope, chatId);
  const visible = (await getInteractions(scope, occurrences.map((o) => o.id))).flatMap((i) => viewOf(viewer, i) ?? []);
  const meeting = occurrenceAt(visible, now);
  if (!meeting) return null;
  const accounts = await getAccounts(scope, meeting.accountIds);
  const owners = new Map(
    await Promise.all([...new Set(accounts.flatMap((a) => (a.ownerId ? [a.ownerId] : [])))].map(async (id) => [id, await getUser(scope, id)] as const)),
  );
  return {
    meeting,
    accounts: accounts.sort((a, b) => a.name.localeCompare(b.name)).map((account) => ({ account, owner: (account.ownerId ? owners.get(account.ownerId) : null) ?? null })),
    occurrences: visible.length,
  };
}
