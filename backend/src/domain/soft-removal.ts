// What removing an interaction does, as data: the repository applies it in the caller's transaction. The row
// stays for the audit trail; it leaves every timeline, and the accounts' last contact is recomputed.
import type { InteractionKind } from './types.ts';
import { countsAsContact } from './counts-as-contact.ts';

/** deleted_by of an interaction the sync soft-removed (not a user: it may come back if a mailbox holds it again). */
export const SYNC_REMOVER = 'sync';

/**
 * Whether a mailbox holding a removed interaction again brings it back: yes when the sync removed it (its last
 * mailbox let go of it), never when a person did (a deliberate log does: domain/merge-interaction-copies.ts).
 */
export function syncBringsBack(deletedBy: string | null): boolean {
  return deletedBy === SYNC_REMOVER;
}

export interface SoftRemovalPlan {
  interactionId: string;
  deletedAt: number;
  /** A user's id, or SYNC_REMOVER. */
  deletedBy: string;
  /** Every timeline row of the interaction goes. */
  dropTimelineOf: string;
  /** Accounts whose last contact must be recomputed (none when the interaction never counted as contact). */
  recomputeLastContact: string[];
  /** null when the caller audits the whole batch once (retention: counts only). */
  audit: { actorId: string | null; action: string; entityType: 'interaction'; entityId: string; at: number; detail: Record<string, unknown> } | null;
}

export interface RemovedInteraction {
  id: string;
  kind: InteractionKind | string;
  externalKey: string | null;
  accountIds: string[];
}

/** A person removes (unlinks) it: they may log it again later, the sync never brings it back. */
export function planUserRemoval(i: RemovedInteraction, actorId: string, reason: string | null, now: number): SoftRemovalPlan {
  return plan(i, now, actorId, { actorId, action: 'interaction.remove', reason });
}

/** The sync removes it when no mailbox holds it any more and nobody logged it; it comes back if one does. */
export function planSyncRemoval(i: RemovedInteraction, now: number): SoftRemovalPlan {
  return plan(i, now, SYNC_REMOVER, { actorId: null, action: 'interaction.sync_remove', reason: 'no mailbox holds it any more' });
}

/** deleted_by of an interaction past the tenant's retention: removed for good, the purge follows. */
export const RETENTION_REMOVER = 'retention';

/**
 * Retention removes it: nobody brings it back, and its removal is not audited one by one, since an entry naming
 * the interaction would outlive the interaction the tenant asked to forget (retention.apply records the counts).
 */
export function planRetentionRemoval(i: RemovedInteraction, now: number): SoftRemovalPlan {
  return { ...plan(i, now, RETENTION_REMOVER, { actorId: null, action: 'interaction.retention_remove', reason: null }), audit: null };
}

function plan(i: RemovedInteraction, now: number, deletedBy: string, a: { actorId: string | null; action: string; reason: string | null }): SoftRemovalPlan {
  const accountIds = [...new Set(i.accountIds)];
  return {
    interactionId: i.id,
    deletedAt: now,
    deletedBy,
    dropTimelineOf: i.id,
    recomputeLastContact: countsAsContact(i.kind) ? accountIds : [],
    audit: {
      actorId: a.actorId, action: a.action, entityType: 'interaction', entityId: i.id, at: now,
      detail: { reason: a.reason, kind: i.kind, externalKey: i.externalKey, accountIds },
    },
  };
}
