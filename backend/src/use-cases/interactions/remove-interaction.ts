// Removing interactions, soft: the row stays for the audit trail, leaves every timeline, and the accounts' last
// contact is recomputed. One implementation for a person's unlink and the sync's removals: the plan is
// domain/soft-removal.ts, the store applies it.
import { assertMayUnlink, viewOf, type Viewer } from '../../domain/interaction-access.ts';
import { planRetentionRemoval, planSyncRemoval, planUserRemoval, type RemovedInteraction } from '../../domain/soft-removal.ts';
import { notFound } from '../../domain/errors.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getInteraction } from '../../store/interactions.ts';
import { applySoftRemoval } from '../../store/interaction-writes.ts';
import { dropHolds, interactionsStillInMailbox, itemsWithBlockedParticipants, takeItemRefs, unheldInteractions } from '../../store/sync-items.ts';

/** A person removes (unlinks) an interaction they may see: its holders, a manager or an admin. */
export async function removeInteraction(
  scope: TenantScope, viewer: Viewer, r: { id: string; reason: string | null }, now: number,
): Promise<void> {
  await inTransaction(scope, async (tx) => {
    const current = await getInteraction(tx, r.id);
    if (!current || !viewOf(viewer, current)) throw notFound('interaction');
    assertMayUnlink(viewer, current);
    await applySoftRemoval(tx, planUserRemoval(current, viewer.userId, r.reason, now));
  });
}

/**
 * What a sync removal does (an @removed item, or an item that no longer qualifies, e.g. cancelled or marked
 * private): the mailbox stops holding the interaction (its owner's 'holds' goes, unless another item of the same
 * mailbox still stands for it). The interaction stays in history while anyone else holds it or logged it; when
 * its last holder goes it is soft-removed by the sync, and comes back if a mailbox holds it again. Items of
 * another stream are left alone: a message moved from Inbox to Sent Items is the other stream's now.
 */
export async function releaseSyncedItems(
  scope: TenantScope,
  r: { mailboxId: string; userId: string; stream: string; graphIds: string[]; now: number },
): Promise<{ released: number; softRemoved: number }> {
  if (r.graphIds.length === 0) return { released: 0, softRemoved: 0 };
  return inTransaction(scope, async (tx) => {
    const refs = await takeItemRefs(tx, r.mailboxId, r.stream, r.graphIds);
    if (refs.length === 0) return { released: 0, softRemoved: 0 };
    const interactionIds = [...new Set(refs.map((x) => x.interactionId))];
    const stillHeld = await interactionsStillInMailbox(tx, r.mailboxId, interactionIds);
    const released = interactionIds.filter((id) => !stillHeld.has(id));
    if (released.length === 0) return { released: 0, softRemoved: 0 };
    await dropHolds(tx, r.userId, released);
    const orphans = await unheldInteractions(tx, released);
    for (const o of orphans) await applySoftRemoval(tx, planSyncRemoval(o, r.now));
    return { released: released.length, softRemoved: orphans.length };
  });
}

/**
 * After the mailbox's blocklist grew: what was already synced from it with a blocked participant is released,
 * as if the mailbox no longer held it (an interaction nobody else holds is soft-removed). Returns how many.
 */
export async function releaseBlockedItems(
  scope: TenantScope, mailbox: { id: string; userId: string; blockedAddresses: string[]; blockedDomains: string[] }, now: number,
): Promise<number> {
  const rows = await itemsWithBlockedParticipants(scope, mailbox);
  let released = 0;
  for (const stream of new Set(rows.map((r) => r.stream))) {
    const graphIds = rows.filter((r) => r.stream === stream).map((r) => r.graphId);
    released += (await releaseSyncedItems(scope, { mailboxId: mailbox.id, userId: mailbox.userId, stream, graphIds, now })).released;
  }
  return released;
}

/** Retention removes interactions past the tenant's retention: for good, in the caller's transaction, the purge follows. */
export async function removeExpiredInteractions(scope: TenantScope, expired: RemovedInteraction[], now: number): Promise<void> {
  await inTransaction(scope, async (tx) => {
    for (const i of expired) await applySoftRemoval(tx, planRetentionRemoval(i, now));
  });
}
