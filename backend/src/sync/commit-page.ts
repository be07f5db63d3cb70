// A batch of delta pages into the store, in one transaction: their interactions, the mailbox's item refs,
// removals, skip counts and the cursor of the batch's last page. Either all of it commits or none, so a pass that
// dies resumes after the last committed batch.
import { keysLoggedBy, knownReferences } from '../store/interactions.ts';
import { storedByExternalKeys } from '../store/interaction-writes.ts';
import { mergeInteractionCopies } from '../use-cases/interactions/merge-interaction-copies.ts';
import { narrowerVisibility } from '../domain/visibility.ts';
import { syncBringsBack } from '../domain/soft-removal.ts';
import { applyLogIntent } from './apply-log-intent.ts';
import { accountAliasTargets } from '../store/aliases.ts';
import { recordMeetingThreads } from '../store/meeting-threads.ts';
import { inTransaction, type TenantScope } from '../store/scope.ts';
import { addItemCounts, type Mailbox } from '../store/mailboxes.ts';
import { addSkipCounts } from '../store/skip-counts.ts';
import { recordUnreadableItems } from '../store/unreadable-items.ts';
import type { UnreadableItem } from '../graph/index.ts';
import { releaseSyncedItems } from '../use-cases/interactions/remove-interaction.ts';
import { keepItemRefs, removedByExternalKey, restoreSyncRemoved, staleItemIds, upsertItemRefs } from '../store/sync-items.ts';
import { saveCursorPage } from '../store/sync-cursors.ts';
import { threadVisibilities } from '../store/thread-visibility.ts';
import type { ItemPlan } from './plan-item.ts';

export interface PageCommit {
  mailbox: Mailbox;
  stream: string;
  /** The lease holder: the commit fails (and rolls back) if the pass no longer holds the stream. */
  owner: string;
  round: number;
  plans: ItemPlan[];
  removedIds: string[];
  /** Entries the parser refused: recorded and counted as 'unreadable'; the page goes on without them. */
  unreadable?: UnreadableItem[];
  page: { nextLink: string | null; deltaLink: string | null };
  /** True on the last page of a full round: items of earlier rounds not seen again are released. */
  endsFullRound: boolean;
  now: number;
  leaseMs: number;
  /** The pass's own end (its health, the lease given back), in this same transaction: one commit, not two. */
  finish?: (tx: TenantScope) => Promise<void>;
}

export interface PageOutcome {
  seen: number;
  stored: number;
  created: number;
  skipped: Record<string, number>;
  released: number;
  softRemoved: number;
  /** Emails logged for their sender from the add-in's "log this email when sent". */
  logIntents: number;
}

/**
 * Skip counts of a page's plans, plus for stored items 'account-ambiguous' (the account was not guessed) and the
 * problems of their add-in intent ('log-intent-unreadable', 'log-intent-partly-ignored': the email is stored).
 */
export function countSkips(plans: ItemPlan[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (reason: string) => (counts[reason] = (counts[reason] ?? 0) + 1);
  for (const p of plans) {
    if (p.outcome === 'skip') add(p.reason);
    else {
      if (p.ambiguousAccount) add('account-ambiguous');
      if (p.intentIssue) add(p.intentIssue);
    }
  }
  return counts;
}

type StorePlan = Extract<ItemPlan, { outcome: 'store' }>;

/** The owner's "log when sent" intents applied, checked against this tenant's accounts and opportunities. */
async function withLogIntents(tx: TenantScope, ownerUserId: string, plans: StorePlan[], now: number): Promise<{ plans: StorePlan[]; applied: number }> {
  // An intent naming an account merged since the email was written goes to the account it was merged into.
  const aliases = await accountAliasTargets(tx, plans.flatMap((p) => p.logIntent?.accountIds ?? []));
  if (aliases.size) {
    plans = plans.map((p) => (p.logIntent ? { ...p, logIntent: { ...p.logIntent, accountIds: [...new Set(p.logIntent.accountIds.map((id) => aliases.get(id) ?? id))] } } : p));
  }
  const intents = plans.filter((p) => p.logIntent);
  if (intents.length === 0) return { plans, applied: 0 };
  const known = await knownReferences(
    tx, intents.flatMap((p) => p.logIntent!.accountIds), intents.flatMap((p) => (p.logIntent!.opportunityId ? [p.logIntent!.opportunityId] : [])),
  );
  const logged = await keysLoggedBy(tx, ownerUserId, intents.map((p) => p.input.externalKey!));
  let applied = 0;
  const out = plans.map((p) => {
    if (!p.logIntent) return p;
    const r = applyLogIntent(p.input, p.logIntent, { ownerUserId, now, ...known, alreadyLogged: logged.has(p.input.externalKey!) });
    if (r.applied) applied++;
    return { ...p, input: r.input, intentIssue: r.refused ? 'log-intent-partly-ignored' as const : p.intentIssue };
  });
  return { plans: out, applied };
}

export async function commitPage(scope: TenantScope, c: PageCommit): Promise<PageOutcome> {
  return inTransaction(scope, async (tx) => {
    let plans = c.plans;
    const stores = plans.filter((p): p is Extract<ItemPlan, { outcome: 'store' }> => p.outcome === 'store');
    // Each key is looked up once per batch: what a merge needs, and whether it was removed (and by whom, for the few).
    const stored = await storedByExternalKeys(tx, stores.map((p) => p.input.externalKey!));
    const removedKeys = [...stored].filter(([, s]) => s.removed).map(([key]) => key);
    const removed = removedKeys.length > 0 ? await removedByExternalKey(tx, removedKeys) : new Map<string, { id: string; deletedBy: string | null }>();
    if (removed.size > 0) {
      // An interaction a person removed stays removed; one the sync removed comes back when a mailbox holds it again.
      const back = [...removed].filter(([, r]) => syncBringsBack(r.deletedBy));
      await restoreSyncRemoved(tx, back.map(([, r]) => r.id), c.now);
      for (const [key] of back) stored.set(key, { ...stored.get(key)!, removed: false });
      plans = plans.map((p) =>
        p.outcome === 'store' && removed.has(p.input.externalKey!) && !syncBringsBack(removed.get(p.input.externalKey!)!.deletedBy) ? { graphId: p.graphId, outcome: 'skip', reason: 'removed-by-user' } : p,
      );
    }
    // What the owner chose when writing the email ("log this email when sent"), where it is still to be done.
    const intents = await withLogIntents(tx, c.mailbox.userId, plans.filter((p): p is StorePlan => p.outcome === 'store'), c.now);
    let toStore = intents.plans;
    plans = [...plans.filter((p) => p.outcome === 'skip'), ...toStore];
    // New mail in a thread whose owner chose its visibility gets that visibility; an email also logged from the
    // add-in gets the more private of the two choices.
    const chosen = await threadVisibilities(tx, c.mailbox.id, toStore.flatMap((p) => (p.conversationId ? [p.conversationId] : [])));
    if (chosen.size > 0) {
      toStore = toStore.map((p) => {
        const thread = p.conversationId ? chosen.get(p.conversationId) : undefined;
        if (!thread) return p;
        return { ...p, input: { ...p.input, visibility: p.input.source === 'sync' ? thread : narrowerVisibility(thread, p.input.visibility) } };
      });
    }
    // The sync looks its account ids up in this tenant's store itself: no need to check them again.
    const results = await mergeInteractionCopies(tx, toStore.map((p) => p.input), c.now, { checkReferences: false, stored });
    await upsertItemRefs(tx, c.mailbox.id, c.stream, c.round, toStore.map((p, i) => ({ graphId: p.graphId, interactionId: results[i]!.id, conversationId: p.conversationId })));
    // The same meeting from several calendars is one interaction (iCalUId), so its thread is recorded once.
    await recordMeetingThreads(tx, toStore.flatMap((p, i) => (p.teamsThreadId ? [{ threadId: p.teamsThreadId, interactionId: results[i]!.id }] : [])), c.now);

    // Removed items, items that no longer qualify (cancelled, now private), and after a full round what it did not see.
    // An item about an erased person alone keeps its (anonymised) interaction: counts hold, and a full round does
    // not release it as unseen.
    const suppressed = plans.filter((p) => p.outcome === 'skip' && p.reason === 'suppressed').map((p) => p.graphId);
    await keepItemRefs(tx, c.mailbox.id, c.stream, c.round, suppressed);
    const release = [...c.removedIds, ...plans.filter((p) => p.outcome === 'skip' && p.reason !== 'suppressed').map((p) => p.graphId)];
    if (c.endsFullRound) release.push(...(await staleItemIds(tx, c.mailbox.id, c.stream, c.round)));
    const { released, softRemoved } = await releaseSyncedItems(tx, { mailboxId: c.mailbox.id, userId: c.mailbox.userId, stream: c.stream, graphIds: release, now: c.now });

    const unreadable = c.unreadable ?? [];
    await recordUnreadableItems(tx, c.mailbox.id, c.stream, unreadable, c.now);
    const skipped = countSkips(plans);
    if (unreadable.length > 0) skipped.unreadable = unreadable.length;
    await addSkipCounts(tx, c.mailbox.id, skipped, c.now);
    // "Stored" counts interactions this mailbox brought in, once: a re-saved or merged copy is not a new one.
    const created = results.filter((r) => r.created).length;
    const seen = plans.length + unreadable.length;
    await addItemCounts(tx, c.mailbox.id, seen, created);
    await saveCursorPage(tx, c.mailbox.id, c.stream, c.owner, c.page, c.now, c.leaseMs);
    if (c.finish) await c.finish(tx);
    return { seen, stored: toStore.length, created, skipped, released, softRemoved, logIntents: intents.applied };
  });
}
