// Merging duplicate accounts into one survivor: previewed first (what would move, which values differ), then done in
// one transaction that moves the timeline, contacts, opportunities, feedback, follow-ups and domains, keeps each
// merged id as an alias of the survivor, recomputes last contact (care follows from it) and audits the merge.
import type { Account } from '../../domain/types.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import { mayChangeAccountOwner, mayChangeTier } from '../../domain/record-permissions.ts';
import { mayMergeRecords } from '../../domain/duplicates.ts';
import { planFieldMerge, type FieldConflict, type FieldSource } from '../../domain/merge-fields.ts';
import { invalid } from '../../domain/errors.ts';
import * as accounts from '../../store/accounts.ts';
import { addAccountAliases, resolveAccountIds } from '../../store/aliases.ts';
import { countAccountMoves, moveAccountDomains, moveAccountRecords, moveAccountTimeline, retireMergedAccounts, type AccountMoveCounts } from '../../store/merges.ts';
import { writeAudit } from '../../store/audit.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export const ACCOUNT_MERGE_FIELDS = ['name', 'tier', 'lifecycle', 'ownerId', 'industry', 'size', 'region'] as const;
export type AccountMergeField = (typeof ACCOUNT_MERGE_FIELDS)[number];

export interface MergeAccountsInput {
  mergeIds: string[];
  preview: boolean;
  fields?: Partial<Record<AccountMergeField, FieldSource>> | undefined;
}

export interface AccountMergePlan {
  survivor: Account;
  merged: Account[];
  moves: AccountMoveCounts;
  fields: FieldConflict<AccountMergeField>[];
  /** The survivor as it is (preview: as it would be) after the merge. */
  result: Account;
  done: boolean;
}

/** Loads both sides, names the refusals a person can act on, and checks who may merge. */
async function loadMerge(tx: TenantScope, actor: Actor, survivorId: string, input: MergeAccountsInput) {
  const survivor = await accounts.requireAccount(tx, survivorId);
  const mergeIds = await resolveAccountIds(tx, input.mergeIds);
  if (mergeIds.includes(survivor.id)) throw invalid('An account cannot be merged into itself.', [{ field: 'mergeIds', message: `${survivor.id} is the account kept` }]);
  const merged = await Promise.all(mergeIds.map((id) => accounts.requireAccount(tx, id)));
  requirePermission(mayMergeRecords(actor, [survivor, ...merged]));
  const plan = planFieldMerge(survivor, merged, ACCOUNT_MERGE_FIELDS, input.fields);
  // Choosing another record's tier or owner is the same portfolio decision as editing it.
  if (plan.values.tier !== undefined) requirePermission(mayChangeTier(actor, survivor));
  if (plan.values.ownerId !== undefined) requirePermission(mayChangeAccountOwner(actor));
  return { survivor, merged, plan };
}

export async function mergeAccounts(scope: TenantScope, actor: Actor, survivorId: string, input: MergeAccountsInput, now: number): Promise<AccountMergePlan> {
  return inTransaction(scope, async (tx) => {
    const { survivor, merged, plan } = await loadMerge(tx, actor, survivorId, input);
    const ids = merged.map((m) => m.id);
    const moves = await countAccountMoves(tx, ids);
    if (input.preview) {
      const domains = [...new Set([...survivor.domains, ...merged.flatMap((m) => m.domains)])].sort();
      return { survivor, merged, moves, fields: plan.conflicts, result: { ...survivor, ...plan.values, domains }, done: false };
    }
    // Counted per merged account before the moves, for an audit entry that says what came from where.
    const perAccount = await Promise.all(ids.map((id) => countAccountMoves(tx, [id])));
    await moveAccountTimeline(tx, ids, survivor.id);
    await moveAccountRecords(tx, ids, survivor.id, now);
    await moveAccountDomains(tx, ids, survivor.id);
    await retireMergedAccounts(tx, ids, now);
    await addAccountAliases(tx, ids, survivor.id, now, actor.id);
    if (Object.keys(plan.values).length) await accounts.updateAccount(tx, survivor.id, plan.values, actor.id, now);
    await accounts.refreshLastContact(tx, [survivor.id]);
    const fields = Object.keys(plan.values);
    for (const [i, id] of ids.entries()) {
      await writeAudit(tx, { actorId: actor.id, action: 'account.merge', entityType: 'account', entityId: survivor.id, at: now, detail: { from: id, fields, ...perAccount[i] } });
      await writeAudit(tx, { actorId: actor.id, action: 'account.merged', entityType: 'account', entityId: id, at: now, detail: { to: survivor.id } });
    }
    const result = await accounts.requireAccount(tx, survivor.id);
    return { survivor, merged, moves, fields: plan.conflicts, result, done: true };
  });
}
