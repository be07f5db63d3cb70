// The item refs that tie a mailbox's Graph items to interactions (how an @removed finds its interaction), and
// the removal bookkeeping around them. What a removal does to the interaction is the remove-interaction use case.
import { chunks, type TenantScope } from './scope.ts';
import { withRollups } from './rollups.ts';
import { SYNC_REMOVER } from '../domain/soft-removal.ts';
import { touchTimeline } from './timeline-rows.ts';

export async function upsertItemRefs(
  scope: TenantScope, mailboxId: string, stream: string, round: number, refs: { graphId: string; interactionId: string; conversationId?: string | null }[],
): Promise<void> {
  const rows = refs.map((r) => ({
    tenant_id: scope.tenantId, mailbox_id: mailboxId, graph_id: r.graphId, stream, interaction_id: r.interactionId, round, conversation_id: r.conversationId ?? null,
  }));
  for (const part of chunks(rows, 1000)) {
    await scope.db
      .insertInto('sync_item_refs')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'mailbox_id', 'graph_id']).doUpdateSet((eb) => ({
          stream: eb.ref('excluded.stream'),
          interaction_id: eb.ref('excluded.interaction_id'),
          round: eb.ref('excluded.round'),
          conversation_id: eb.ref('excluded.conversation_id'),
        })),
      )
      .execute();
  }
}

/** Marks items already known as seen in this round, without changing what they point to. */
export async function keepItemRefs(scope: TenantScope, mailboxId: string, stream: string, round: number, graphIds: string[]): Promise<void> {
  for (const part of chunks(graphIds, 500)) {
    await scope.db
      .updateTable('sync_item_refs')
      .set({ round })
      .where('tenant_id', '=', scope.tenantId)
      .where('mailbox_id', '=', mailboxId)
      .where('stream', '=', stream)
      .where('graph_id', 'in', part)
      .execute();
  }
}

/** Items of the stream not seen in the current full round: gone from the mailbox while the cursor was lost. */
export async function staleItemIds(scope: TenantScope, mailboxId: string, stream: string, round: number): Promise<string[]> {
  const rows = await scope.db
    .selectFrom('sync_item_refs')
    .select('graph_id')
    .where('tenant_id', '=', scope.tenantId)
    .where('mailbox_id', '=', mailboxId)
    .where('stream', '=', stream)
    .where('round', '<', round)
    .execute();
  return rows.map((r) => r.graph_id);
}

/**
 * Takes these items' refs out of the mailbox's stream: the refs found are deleted and returned. Items of another
 * stream are left alone: a message moved from Inbox to Sent Items is the other stream's now.
 */
export async function takeItemRefs(
  scope: TenantScope, mailboxId: string, stream: string, graphIds: string[],
): Promise<{ graphId: string; interactionId: string }[]> {
  const refs: { graph_id: string; interaction_id: string }[] = [];
  for (const part of chunks([...new Set(graphIds)], 500)) {
    refs.push(
      ...(await scope.db
        .selectFrom('sync_item_refs')
        .select(['graph_id', 'interaction_id'])
        .where('tenant_id', '=', scope.tenantId)
        .where('mailbox_id', '=', mailboxId)
        .where('stream', '=', stream)
        .where('graph_id', 'in', part)
        .execute()),
    );
  }
  for (const part of chunks(refs.map((x) => x.graph_id), 500)) {
    await scope.db.deleteFrom('sync_item_refs').where('tenant_id', '=', scope.tenantId).where('mailbox_id', '=', mailboxId).where('graph_id', 'in', part).execute();
  }
  return refs.map((r) => ({ graphId: r.graph_id, interactionId: r.interaction_id }));
}

/** Of these interactions, those another item of the mailbox still stands for. */
export async function interactionsStillInMailbox(scope: TenantScope, mailboxId: string, interactionIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(interactionIds, 500)) {
    const rows = await scope.db
      .selectFrom('sync_item_refs')
      .select('interaction_id')
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', part)
      .where('mailbox_id', '=', mailboxId)
      .execute();
    for (const r of rows) out.add(r.interaction_id);
  }
  return out;
}

/** The mailbox's owner stops holding these interactions (a 'logged' stays). */
export async function dropHolds(scope: TenantScope, userId: string, interactionIds: string[]): Promise<void> {
  await withRollups(scope, interactionIds, async () => {
    for (const part of chunks(interactionIds, 500)) {
      await scope.db
        .deleteFrom('interaction_holders')
        .where('tenant_id', '=', scope.tenantId)
        .where('interaction_id', 'in', part)
        .where('user_id', '=', userId)
        .where('relation', '=', 'holds')
        .execute();
    }
  });
  await touchTimeline(scope, interactionIds);
}

/** Of these live interactions, those nobody holds or logged any more, with their accounts. */
export async function unheldInteractions(
  scope: TenantScope, ids: string[],
): Promise<{ id: string; kind: string; externalKey: string | null; accountIds: string[] }[]> {
  const out: { id: string; kind: string; externalKey: string | null; accountIds: string[] }[] = [];
  for (const part of chunks(ids, 500)) {
    const rows = await scope.db
      .selectFrom('interactions as i')
      .select(['i.id', 'i.external_key', 'i.kind'])
      .where('i.tenant_id', '=', scope.tenantId)
      .where('i.id', 'in', part)
      .where('i.deleted_at', 'is', null)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('interaction_holders as h').select('h.user_id').whereRef('h.tenant_id', '=', 'i.tenant_id').whereRef('h.interaction_id', '=', 'i.id'))),
      )
      .execute();
    for (const r of rows) {
      const accounts = await scope.db
        .selectFrom('interaction_accounts')
        .select('account_id')
        .where('tenant_id', '=', scope.tenantId)
        .where('interaction_id', '=', r.id)
        .execute();
      out.push({ id: r.id, kind: r.kind, externalKey: r.external_key, accountIds: [...new Set(accounts.map((a) => a.account_id))] });
    }
  }
  return out;
}

/** The mailbox's items (graph id and stream) with a participant on its blocklist. */
export async function itemsWithBlockedParticipants(
  scope: TenantScope, mailbox: { id: string; blockedAddresses: string[]; blockedDomains: string[] },
): Promise<{ graphId: string; stream: string }[]> {
  if (mailbox.blockedAddresses.length === 0 && mailbox.blockedDomains.length === 0) return [];
  const rows = await scope.db
    .selectFrom('sync_item_refs as r')
    .innerJoin('interaction_participants as p', (j) => j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.interaction_id', '=', 'r.interaction_id'))
    .select(['r.graph_id', 'r.stream'])
    .distinct()
    .where('r.tenant_id', '=', scope.tenantId)
    .where('r.mailbox_id', '=', mailbox.id)
    .where((eb) => eb.or([
      ...(mailbox.blockedAddresses.length ? [eb('p.address', 'in', mailbox.blockedAddresses)] : []),
      ...mailbox.blockedDomains.flatMap((d) => [eb('p.address', 'like', `%@${d}`), eb('p.address', 'like', `%.${d}`)]),
    ]))
    .execute();
  return rows.map((r) => ({ graphId: r.graph_id, stream: r.stream }));
}

/** Interactions with these external keys that were removed, and who removed them (a user's id or SYNC_REMOVER). */
export async function removedByExternalKey(scope: TenantScope, keys: string[]): Promise<Map<string, { id: string; deletedBy: string | null }>> {
  const out = new Map<string, { id: string; deletedBy: string | null }>();
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await scope.db
      .selectFrom('interactions')
      .select(['id', 'external_key', 'deleted_by'])
      .where('tenant_id', '=', scope.tenantId)
      .where('external_key', 'in', part)
      .where('deleted_at', 'is not', null)
      .execute();
    for (const row of rows) out.set(row.external_key!, { id: row.id, deletedBy: row.deleted_by });
  }
  return out;
}

/** Brings back interactions the sync soft-removed; ingest then re-adds their holders and timeline rows. */
export async function restoreSyncRemoved(scope: TenantScope, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await scope.db
    .updateTable('interactions')
    .set({ deleted_at: null, deleted_by: null, updated_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', 'in', ids)
    .where('deleted_by', '=', SYNC_REMOVER)
    .execute();
  await touchTimeline(scope, ids);
}

/** Whether a synced mailbox of this user has an item that stands for the interaction: proof they hold it. */
export async function userMailboxHolds(scope: TenantScope, userId: string, interactionId: string): Promise<boolean> {
  const row = await scope.db
    .selectFrom('sync_item_refs as r')
    .innerJoin('mailboxes as m', (j) => j.onRef('m.tenant_id', '=', 'r.tenant_id').onRef('m.id', '=', 'r.mailbox_id'))
    .select('r.interaction_id')
    .where('r.tenant_id', '=', scope.tenantId)
    .where('r.interaction_id', '=', interactionId)
    .where('m.user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}
