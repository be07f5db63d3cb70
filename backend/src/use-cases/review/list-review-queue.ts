// The review queue as one person may see it: a salesperson the unplaced mail and meetings they hold, an admin
// everyone's. What each item shows follows interaction-access (a metadata item shows its metadata only).
import type { Actor } from '../../domain/record-permissions.ts';
import { viewOf } from '../../domain/interaction-access.ts';
import { groupReviewQueue, type ReviewItem, type ReviewQueue } from '../../domain/review-queue.ts';
import { getAccounts } from '../../store/accounts.ts';
import { getInteractions } from '../../store/interactions.ts';
import { unlinkedInteractionIds } from '../../store/review.ts';
import { getTenant } from '../../store/tenants.ts';
import type { TenantScope } from '../../store/scope.ts';
import { matchParticipantsOf } from '../interactions/relink-unmatched.ts';

export interface ReviewQueueResult extends ReviewQueue {
  /** Names of the candidate accounts the groups name. */
  accounts: Map<string, string>;
}

export async function listReviewQueue(scope: TenantScope, actor: Actor): Promise<ReviewQueueResult> {
  const ids = await unlinkedInteractionIds(scope, actor.role === 'admin' ? {} : { holderId: actor.id });
  const viewer = { userId: actor.id, role: actor.role };
  const visible = (await getInteractions(scope, ids))
    .flatMap((i) => {
      const view = viewOf(viewer, i);
      return view ? [view] : [];
    })
    .sort((a, b) => b.occurredAt - a.occurredAt || b.id.localeCompare(a.id));
  const { settings } = await getTenant(scope);
  const matches = await matchParticipantsOf(scope, settings, visible);
  const items: ReviewItem[] = visible.map((v) => ({
    id: v.id, kind: v.kind, occurredAt: v.occurredAt, subject: v.subject, redacted: v.redacted,
    addresses: v.participants.filter((p) => !p.userId).map((p) => p.address.toLowerCase()),
  }));
  const queue = groupReviewQueue(items, (a) => matches.get(a));
  const candidateIds = [...new Set([...queue.domains, ...queue.people].flatMap((g) => g.candidateIds))];
  const accounts = new Map((await getAccounts(scope, candidateIds)).map((a) => [a.id, a.name]));
  return { ...queue, accounts };
}

/** How many interactions wait in the whole tenant's queue (the sync health's number). */
export async function countReviewQueue(scope: TenantScope, admin: Actor): Promise<number> {
  return (await listReviewQueue(scope, { ...admin, role: 'admin' })).total;
}
