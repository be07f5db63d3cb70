// "Not a duplicate": a person who knows two similar records are two (two Aalto companies, a father and son at one
// customer) says so once, and the pair is no longer suggested, to anyone. Who may merge a pair may dismiss it;
// undoing deletes the dismissal. Both are audited on the first record of the pair.
import { mayMergeRecords, type DuplicateKind } from '../../domain/duplicates.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { getAccount } from '../../store/accounts.ts';
import { getContact } from '../../store/contacts.ts';
import * as dismissals from '../../store/duplicate-dismissals.ts';
import { writeAudit } from '../../store/audit.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

async function loadPair(tx: TenantScope, kind: DuplicateKind, ids: readonly string[]) {
  const records = await Promise.all(ids.map((id) => (kind === 'account' ? getAccount(tx, id) : getContact(tx, id))));
  return records.filter((r): r is NonNullable<typeof r> => r !== null);
}

/** Dismisses the pair; dismissing a dismissed pair answers the existing dismissal (created: false). */
export async function dismissDuplicate(scope: TenantScope, actor: Actor, input: { kind: DuplicateKind; ids: [string, string] }, now: number): Promise<{ dismissal: dismissals.DuplicateDismissal; created: boolean }> {
  return inTransaction(scope, async (tx) => {
    const [a, b] = input.ids;
    if (a === b) throw invalid('A record cannot be a duplicate of itself: name two different records.', [{ field: 'ids', message: 'the two ids are the same' }]);
    const records = await loadPair(tx, input.kind, input.ids);
    if (records.length < 2) throw notFound(input.kind);
    requirePermission(mayMergeRecords(actor, records));
    const existing = await dismissals.findDismissal(tx, input.kind, a, b);
    if (existing) return { dismissal: existing, created: false };
    const dismissal = await dismissals.insertDismissal(tx, input.kind, a, b, actor.id, now);
    await writeAudit(tx, { actorId: actor.id, action: `${input.kind}.not-duplicate`, entityType: input.kind, entityId: dismissal.ids[0], at: now, detail: { other: dismissal.ids[1], dismissalId: dismissal.id } });
    return { dismissal, created: true };
  });
}

/** Undoes a dismissal: the pair is suggested again. Records since merged or erased no longer stand in the way. */
export async function undoDuplicateDismissal(scope: TenantScope, actor: Actor, id: string, now: number): Promise<void> {
  return inTransaction(scope, async (tx) => {
    const dismissal = await dismissals.getDismissal(tx, id);
    if (!dismissal) throw notFound('dismissal');
    requirePermission(mayMergeRecords(actor, await loadPair(tx, dismissal.kind, dismissal.ids)));
    await dismissals.deleteDismissal(tx, id);
    await writeAudit(tx, { actorId: actor.id, action: `${dismissal.kind}.not-duplicate-undo`, entityType: dismissal.kind, entityId: dismissal.ids[0], at: now, detail: { other: dismissal.ids[1], dismissalId: id } });
  });
}
