// Merging duplicate contacts into one survivor: previewed first, then one transaction that moves the merged
// contacts' addresses, their places in interactions and their feedback, keeps each merged id as an alias and audits it.
import type { Contact } from '../../domain/types.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import { mayMergeRecords } from '../../domain/duplicates.ts';
import { planFieldMerge, type FieldConflict, type FieldSource } from '../../domain/merge-fields.ts';
import { invalid } from '../../domain/errors.ts';
import * as contacts from '../../store/contacts.ts';
import { requireAccount } from '../../store/accounts.ts';
import { addContactAliases, resolveContactAlias } from '../../store/aliases.ts';
import { countContactMoves, moveContactRecords, retireMergedContacts, type ContactMoveCounts } from '../../store/merges.ts';
import { writeAudit } from '../../store/audit.ts';
import { committeeRolesOfContacts, reassignCommitteeRoles } from '../../store/opportunity-contacts.ts';
import { planRoleMoves } from '../../domain/contact-roles.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export const CONTACT_MERGE_FIELDS = ['name', 'title', 'accountId', 'ownerId'] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

export interface MergeContactsInput {
  mergeIds: string[];
  preview: boolean;
  fields?: Partial<Record<ContactMergeField, FieldSource>> | undefined;
}

export interface ContactMergePlan {
  survivor: Contact;
  merged: Contact[];
  /** roles: buying-committee roles moved to the survivor; rolesDropped: duplicates of the survivor's or on another account's deals. */
  moves: ContactMoveCounts & { roles: number; rolesDropped: number };
  fields: FieldConflict<ContactMergeField>[];
  result: Contact;
  done: boolean;
}

export async function mergeContacts(scope: TenantScope, actor: Actor, survivorId: string, input: MergeContactsInput, now: number): Promise<ContactMergePlan> {
  return inTransaction(scope, async (tx) => {
    const survivor = await contacts.requireContact(tx, survivorId);
    const mergeIds = [...new Set(await Promise.all(input.mergeIds.map(async (id) => (await resolveContactAlias(tx, id)) ?? id)))];
    if (mergeIds.includes(survivor.id)) throw invalid('A contact cannot be merged into itself.', [{ field: 'mergeIds', message: `${survivor.id} is the contact kept` }]);
    const merged = await Promise.all(mergeIds.map((id) => contacts.requireContact(tx, id)));
    requirePermission(mayMergeRecords(actor, [survivor, ...merged]));
    const plan = planFieldMerge(survivor, merged, CONTACT_MERGE_FIELDS, input.fields);
    if (plan.values.accountId) await requireAccount(tx, plan.values.accountId);
    // Phone numbers are kept from every record: a second number is information, not a conflict.
    const phones = [...new Set([...survivor.phones, ...merged.flatMap((m) => m.phones)])];
    const roles = planRoleMoves(survivor.id, await committeeRolesOfContacts(tx, [survivor.id, ...mergeIds]), 'accountId' in plan.values ? (plan.values.accountId ?? null) : survivor.accountId);
    const moves = { ...(await countContactMoves(tx, mergeIds)), roles: roles.move.length, rolesDropped: roles.drop.length };
    if (input.preview) {
      const emails = [...new Set([...survivor.emails, ...merged.flatMap((m) => m.emails)])].sort();
      return { survivor, merged, moves, fields: plan.conflicts, result: { ...survivor, ...plan.values, emails, phones }, done: false };
    }
    const perContact = await Promise.all(mergeIds.map((id) => countContactMoves(tx, [id])));
    await moveContactRecords(tx, mergeIds, survivor.id);
    await reassignCommitteeRoles(tx, survivor.id, roles.move, roles.drop, now);
    await retireMergedContacts(tx, mergeIds, now);
    await addContactAliases(tx, mergeIds, survivor.id, now, actor.id);
    await contacts.updateContact(tx, survivor.id, { ...plan.values, phones }, actor.id, now);
    for (const [i, id] of mergeIds.entries()) {
      await writeAudit(tx, { actorId: actor.id, action: 'contact.merge', entityType: 'contact', entityId: survivor.id, at: now, detail: { from: id, fields: Object.keys(plan.values), ...perContact[i] } });
      await writeAudit(tx, { actorId: actor.id, action: 'contact.merged', entityType: 'contact', entityId: id, at: now, detail: { to: survivor.id } });
    }
    return { survivor, merged, moves, fields: plan.conflicts, result: await contacts.requireContact(tx, survivor.id), done: true };
  });
}
