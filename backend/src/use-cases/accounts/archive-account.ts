import type { Account } from '../../domain/types.ts';
import { mayArchiveAccount, type Actor } from '../../domain/record-permissions.ts';
import * as accounts from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

/**
 * Sets an account aside (a test account made by mistake, a prospect that went nowhere): it leaves lists, Today,
 * care and the dashboard, keeps its history and still opens by its id. Archiving an archived account changes
 * nothing (a double click, a retried request).
 */
export async function archiveAccount(scope: TenantScope, actor: Actor, id: string, now: number): Promise<Account> {
  return inTransaction(scope, async (tx) => {
    const current = await accounts.requireAccount(tx, id);
    requirePermission(mayArchiveAccount(actor, current));
    if (current.archivedAt != null) return current;
    return accounts.setAccountArchived(tx, id, now, actor.id, now);
  });
}
