// The review queue's reads and its one write: interactions that belong to no account yet (stored from mail and
// meetings nobody could place), the participants' contact ids once a contact is known. No rules here.
import { chunks, type TenantScope } from './scope.ts';
import { touchTimeline } from './timeline-rows.ts';

/** How many unlinked interactions one queue read considers, newest first: enough for a person to work through. */
export const REVIEW_SCAN_LIMIT = 2000;

/**
 * Ids of email and meetings (not removed) in no account's timeline, newest first; only those `holderId` holds
 * when given. With `addresses` or `domains`, only those with a participant at one of them (or under a domain).
 */
export async function unlinkedInteractionIds(
  scope: TenantScope, opts: { holderId?: string; addresses?: string[]; domains?: string[]; limit?: number } = {},
): Promise<string[]> {
  const filtered = opts.addresses !== undefined || opts.domains !== undefined;
  const addresses = (opts.addresses ?? []).map((a) => a.toLowerCase());
  const domains = (opts.domains ?? []).map((d) => d.toLowerCase());
  if (filtered && addresses.length === 0 && domains.length === 0) return [];
  let q = scope.db
    .selectFrom('interactions as i')
    .select(['i.id', 'i.occurred_at'])
    .where('i.tenant_id', '=', scope.tenantId)
    .where('i.deleted_at', 'is', null)
    .where('i.kind', 'in', ['email', 'meeting'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('interaction_accounts as ia').select('ia.account_id').whereRef('ia.tenant_id', '=', 'i.tenant_id').whereRef('ia.interaction_id', '=', 'i.id'))),
    );
  if (opts.holderId) {
    const holderId = opts.holderId;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('interaction_holders as h').select('h.user_id').whereRef('h.tenant_id', '=', 'i.tenant_id').whereRef('h.interaction_id', '=', 'i.id').where('h.user_id', '=', holderId)),
    );
  }
  if (filtered) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('interaction_participants as p').select('p.ordinal').whereRef('p.tenant_id', '=', 'i.tenant_id').whereRef('p.interaction_id', '=', 'i.id')
          .where((w) => w.or([
            ...(addresses.length ? [w('p.address', 'in', addresses)] : []),
            // The address's host is the domain or under it (a subsidiary's mail host).
            ...domains.flatMap((d) => [w('p.address', 'like', `%@${d}`), w('p.address', 'like', `%.${d}`)]),
          ])),
      ),
    );
  }
  const rows = await q.orderBy('i.occurred_at', 'desc').orderBy('i.id', 'desc').limit(opts.limit ?? REVIEW_SCAN_LIMIT).execute();
  return rows.map((r) => r.id);
}

/** Participants at these addresses now known as these contacts (on the given interactions only). */
export async function setParticipantContacts(scope: TenantScope, interactionIds: string[], contactByAddress: Map<string, string>): Promise<void> {
  for (const [address, contactId] of contactByAddress) {
    for (const part of chunks(interactionIds, 500)) {
      await scope.db
        .updateTable('interaction_participants')
        .set({ contact_id: contactId })
        .where('tenant_id', '=', scope.tenantId)
        .where('interaction_id', 'in', part)
        .where('address', '=', address.toLowerCase())
        .where('contact_id', 'is', null)
        .where('user_id', 'is', null)
        .execute();
    }
  }
  await touchTimeline(scope, interactionIds);
}
