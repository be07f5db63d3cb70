// Stores interactions, merging copies by external key: a key already known (from another colleague's mailbox,
// the add-in, a second log) adds its holders and accounts to the existing interaction instead of a second row.
// One transaction for the whole batch; the accounts' last contact moves with it. Used by every log path, the
// sync's page commit and the demo seeding.
import type { Interaction } from '../../domain/types.ts';
import { mergeInteractionCopies as decideMerge, type ActorRights } from '../../domain/merge-interaction-copies.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { newId } from '../../store/ids.ts';
import { writeAudit } from '../../store/audit.ts';
import { getInteractions, knownReferences, type InteractionInput } from '../../store/interactions.ts';
import {
  addHolders, addTimelineRows, bumpLastContactAtCommit, clearRemoval, insertInteractions, storedByExternalKeys, updateInteractionFields,
  type StoredByKey,
} from '../../store/interaction-writes.ts';
import { reconcileMeetingKeys } from './reconcile-meeting-keys.ts';
import { withRollups } from '../../store/rollups.ts';
import { asStored, provideFreshTimelineRows } from '../../store/timeline-rows.ts';

export interface MergeResult {
  interaction: Interaction;
  /** False when the external key was already known: the existing interaction gained a holder instead. */
  created: boolean;
}

/** Merges and returns the stored interactions, one per input, in order. */
export async function mergeAndLoad(scope: TenantScope, inputs: InteractionInput[], now: number, opts: { checkReferences?: boolean } = {}): Promise<MergeResult[]> {
  return inTransaction(scope, async (tx) => {
    const stored = await mergeInteractionCopies(tx, inputs, now, opts);
    const byId = new Map((await getInteractions(tx, [...new Set(stored.map((s) => s.id))])).map((i) => [i.id, i]));
    return stored.map((s) => ({ interaction: byId.get(s.id)!, created: s.created }));
  });
}

export interface MergeOptions {
  checkReferences?: boolean;
  /**
   * The inputs' keys as the caller looked them up in this same transaction (storedByExternalKeys), so a bulk
   * caller looks each key up once. A key missing from it counts as new: should it be stored after all, the
   * insert skips it and it is merged like a concurrent writer's.
   */
  stored?: ReadonlyMap<string, StoredByKey>;
}

/** The ids each input ended up as, and whether it made a new interaction: for bulk paths (sync, seeding). */
export async function mergeInteractionCopies(
  scope: TenantScope, given: InteractionInput[], now: number, opts: MergeOptions = {},
): Promise<{ id: string; created: boolean }[]> {
  if (given.length === 0) return [];
  return inTransaction(scope, async (tx) => {
    if (opts.checkReferences !== false) await checkReferences(tx, given);
    const inputs = await reconcileMeetingKeys(tx, given);

    // Within one batch the same key may appear twice (two mailboxes in one sync page): one group per key.
    const groups: { copies: InteractionInput[]; id: string; created: boolean }[] = [];
    const groupOf: number[] = [];
    const groupByKey = new Map<string, number>();
    for (const input of inputs) {
      const k = input.externalKey;
      const known = k ? groupByKey.get(k) : undefined;
      if (known !== undefined) {
        groups[known]!.copies.push(input);
        groupOf.push(-1 - known); // negative: merged into an earlier input of this batch
        continue;
      }
      if (k) groupByKey.set(k, groups.length);
      groupOf.push(groups.length);
      groups.push({ copies: [input], id: input.id ?? newId(now), created: true });
    }

    // Insert or merge, never check then insert: another transaction (a concurrent sync pass, a colleague's log)
    // may store the same key between a look-up and an insert. Keys already committed are found up front; the
    // insert skips any other transaction stored meanwhile, and those are merged into the winner's row.
    const keyOf = (g: (typeof groups)[number]) => g.copies[0]!.externalKey;
    const existing = opts.stored ? new Map(opts.stored) : await storedByExternalKeys(tx, groups.flatMap((g) => (keyOf(g) ? [keyOf(g)!] : [])));
    const fresh = groups.filter((g) => !(keyOf(g) && existing.has(keyOf(g)!)));
    const inserted = await insertInteractions(tx, fresh.map((g) => ({ input: g.copies[0]!, id: g.id })), now);
    const lost = fresh.filter((g) => !inserted.has(g.id));
    if (lost.length > 0) {
      const winners = await storedByExternalKeys(tx, lost.map((g) => keyOf(g)!));
      for (const g of lost) {
        const winner = keyOf(g) ? winners.get(keyOf(g)!) : undefined;
        if (!winner) throw new Error(`interaction ${g.id} (key ${keyOf(g)}) was neither inserted nor found stored`);
        existing.set(keyOf(g)!, winner);
      }
    }
    const priorOf = (g: (typeof groups)[number]): StoredByKey | undefined => (keyOf(g) ? existing.get(keyOf(g)!) : undefined);

    // Interactions this merge creates: their timeline rows and rollups come from what is written, not read back.
    const freshIds = new Set(fresh.filter((g) => inserted.has(g.id)).map((g) => g.id));
    const created: Interaction[] = [];
    const timeline: Parameters<typeof addTimelineRows>[1] = [];
    const holders: Parameters<typeof addHolders>[1] = [];
    const touched = new Set<string>();
    const decide = (g: (typeof groups)[number], prior: StoredByKey | undefined) => {
      // Holding is what the store knows, or what a mailbox syncing it in this same batch proves: only the sync
      // gives 'holds' (the sender's Sent Items copy carries their log intent too). A log by hand says 'logged'.
      const synced = new Set(g.copies.flatMap((c) => c.holders.filter((h) => h.relation === 'holds').map((h) => h.userId)));
      const rights: ActorRights[] = g.copies.map((c) => ({ holdsStored: !!prior && c.holders.some((h) => prior.holderIds.has(h.userId) || synced.has(h.userId)) }));
      return decideMerge(prior ?? null, g.copies, rights);
    };
    // Row updates in id order, as bumpLastContact locks accounts: concurrent merges never wait in a cycle.
    // The dashboard's rollups take what this merge changes (they lock the interactions first, in id order).
    await withRollups(tx, groups.map((g) => priorOf(g)?.id ?? g.id), async () => {
    for (const g of [...groups].sort((x, y) => (priorOf(x)?.id ?? x.id).localeCompare(priorOf(y)?.id ?? y.id))) {
      let prior = priorOf(g);
      if (prior) {
        g.id = prior.id;
        g.created = false;
      }
      let merged = decide(g, prior);
      if (prior && (merged.update || merged.restore)) {
        // It changes the stored row: decide again on the row locked, so a concurrent merge's note or visibility
        // is merged into, not overwritten.
        prior = (await storedByExternalKeys(tx, [keyOf(g)!], { lock: true })).get(keyOf(g)!) ?? prior;
        merged = decide(g, prior);
      }
      if (merged.staysRemoved) continue;
      if (merged.restore) {
        await clearRemoval(tx, g.id, now);
        await writeAudit(tx, { actorId: merged.restore.actorId, action: 'interaction.restore', entityType: 'interaction', entityId: g.id, at: now, detail: { externalKey: g.copies[0]!.externalKey } });
      }
      timeline.push(...merged.accounts.map((a) => ({ ...a, interactionId: g.id })));
      holders.push(...merged.holders.map((h) => ({ ...h, interactionId: g.id })));
      for (const a of merged.contactAccountIds) touched.add(a);
      if (merged.update) await updateInteractionFields(tx, g.id, merged.update, now);
      if (freshIds.has(g.id)) created.push(asStored(tx.tenantId, g.id, g.copies[0]!, merged.accounts, merged.holders, now));
    }
    await addTimelineRows(tx, timeline);
    await addHolders(tx, holders);
    await provideFreshTimelineRows(tx, created);
    }, { ids: freshIds, after: () => created });
    await bumpLastContactAtCommit(tx, [...touched]);

    return groupOf.map((slot) => {
      const g = groups[slot < 0 ? -1 - slot : slot]!;
      return { id: g.id, created: slot >= 0 && g.created };
    });
  });
}

/** Ids from a request body are checked against this tenant: another tenant's id is simply "not found". */
export async function checkReferences(scope: TenantScope, inputs: Pick<InteractionInput, 'accountIds' | 'opportunityId'>[]): Promise<void> {
  const accountIds = [...new Set(inputs.flatMap((i) => i.accountIds))];
  const oppIds = [...new Set(inputs.map((i) => i.opportunityId).filter((x): x is string => !!x))];
  const known = await knownReferences(scope, accountIds, oppIds);
  if (known.accounts.size !== accountIds.length) throw notFound('account');
  if (known.opportunities.size !== oppIds.length) throw notFound('opportunity');
  for (const i of inputs) {
    if (i.opportunityId && !i.accountIds.includes(known.opportunities.get(i.opportunityId)!)) {
      throw invalid('The opportunity belongs to another account than the interaction.', [
        { field: 'opportunityId', message: 'Pick an opportunity of one of the interaction’s accounts.' },
      ]);
    }
  }
}
