// An admin erases an organisation (POST /api/accounts/{id}/erase): every one of its people as in erase-contact,
// and the account's own name and domains. The account row stays for its opportunities and the figures.
import type { Actor } from '../../domain/record-permissions.ts';
import { forbidden } from '../../domain/errors.ts';
import { writeAudit } from '../../store/audit.ts';
import { requireAccount } from '../../store/accounts.ts';
import { blankAccount, contactIdsOfAccount } from '../../store/privacy.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { eraseContacts, type ErasureCounts } from './erase-contacts.ts';

export async function eraseAccount(scope: TenantScope, actor: Actor, accountId: string, now: number): Promise<ErasureCounts & { domains: number }> {
  if (actor.role !== 'admin') throw forbidden('Only an admin can erase an organisation’s data.');
  return inTransaction(scope, async (tx) => {
    await requireAccount(tx, accountId);
    const counts = await eraseContacts(tx, await contactIdsOfAccount(tx, accountId), now);
    const domains = await blankAccount(tx, accountId, now);
    await writeAudit(tx, { actorId: actor.id, action: 'account.erase', entityType: 'account', entityId: accountId, at: now, detail: { ...counts, domains } });
    return { ...counts, domains };
  });
}
