// One click in the review queue: create the account from the domain, place the person as a contact, pick one
// of the candidate accounts, or ignore the domain or person (for the whole tenant, admins only, or for oneself).
// The group is looked up again in the actor's own queue, so nobody acts on items they cannot see.
import type { Actor } from '../../domain/record-permissions.ts';
import { mayEditSettings } from '../../domain/record-permissions.ts';
import { conflict, invalid, notFound } from '../../domain/errors.ts';
import type { DomainGroup, PersonGroup } from '../../domain/review-queue.ts';
import { listMailboxes, updateMailbox } from '../../store/mailboxes.ts';
import { unlinkedInteractionIds } from '../../store/review.ts';
import { getTenant } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { createAccount } from '../accounts/create-account.ts';
import { createContact } from '../contacts/create-contact.ts';
import { updateContact } from '../contacts/update-contact.ts';
import { linkToAccount } from '../interactions/relink-unmatched.ts';
import { releaseBlockedItems } from '../interactions/remove-interaction.ts';
import { updateTenantSettings } from '../tenant/update-tenant-settings.ts';
import { requirePermission } from '../require-permission.ts';
import { listReviewQueue } from './list-review-queue.ts';

export type ReviewActionInput =
  | { action: 'create-account'; key: string; name?: string | undefined }
  | { action: 'add-contact'; key: string; accountId: string; name?: string | undefined }
  | { action: 'pick-account'; key: string; accountId: string }
  | { action: 'ignore'; key: string; scope: 'tenant' | 'me' };

export interface ReviewActionResult {
  /** The group's interactions that now belong to an account. */
  linked: number;
  accountId: string | null;
  contactId: string | null;
}

export async function actOnReview(scope: TenantScope, actor: Actor, input: ReviewActionInput, now: number): Promise<ReviewActionResult> {
  const queue = await listReviewQueue(scope, actor);
  const group: DomainGroup | PersonGroup | undefined = [...queue.domains, ...queue.people].find((g) => g.key === input.key);
  if (!group) throw notFound('review group');
  const person = 'address' in group ? group : null;
  let accountId: string | null = null;
  let contactId: string | null = null;

  switch (input.action) {
    case 'create-account': {
      if (person || group.candidateIds.length) throw conflict('An account already has this domain: pick it instead of creating another.');
      const domain = (group as DomainGroup).domain;
      const account = await createAccount(scope, actor, {
        name: input.name ?? (group as DomainGroup).suggestedAccountName ?? domain, domains: [domain], tier: 'C', lifecycle: 'prospect', industry: null, size: null, region: null,
      }, now);
      accountId = account.id;
      break;
    }
    case 'add-contact': {
      if (!person) throw invalid('Only a person can be added as a contact.', [{ field: 'key', message: 'must be a person group' }]);
      const contact = person.contactId
        ? await updateContact(scope, actor, person.contactId, { accountId: input.accountId }, now)
        : await createContact(scope, actor, { name: input.name ?? person.suggestedContactName, emails: [person.address], phones: [], title: null, accountId: input.accountId }, now);
      ({ accountId } = contact);
      contactId = contact.id;
      break;
    }
    case 'pick-account': {
      if (!group.candidateIds.includes(input.accountId)) throw invalid('Pick one of the accounts this mail could belong to.', [{ field: 'accountId', message: 'not a candidate' }]);
      await inTransaction(scope, (tx) => linkToAccount(tx, group.itemIds, input.accountId));
      accountId = input.accountId;
      break;
    }
    case 'ignore':
      await ignore(scope, actor, group, input.scope, now);
      break;
  }
  const left = new Set(await unlinkedInteractionIds(scope, {}));
  return { linked: group.itemIds.filter((id) => !left.has(id)).length, accountId, contactId };
}

/** The tenant's blocklist (admins), or the actor's own mailbox blocklist, which also releases what it captured. */
async function ignore(scope: TenantScope, actor: Actor, group: DomainGroup | PersonGroup, where: 'tenant' | 'me', now: number): Promise<void> {
  const person = 'address' in group ? group : null;
  const domain = person ? null : group.domain;
  const add = (list: string[], v: string | null) => (v && !list.includes(v) ? [...list, v] : list);
  if (where === 'tenant') {
    requirePermission(mayEditSettings(actor));
    const { settings } = await getTenant(scope);
    await updateTenantSettings(scope, actor, {
      ...settings, blockedDomains: add(settings.blockedDomains, domain), blockedAddresses: add(settings.blockedAddresses, person?.address ?? null),
    }, now);
    return;
  }
  const mine = (await listMailboxes(scope)).find((m) => m.userId === actor.id);
  if (!mine) throw conflict('Your mailbox is not synced, so there is nothing of yours to ignore; ask an admin to ignore it for everyone.');
  await inTransaction(scope, async (tx) => {
    const updated = (await updateMailbox(tx, mine.id, { blockedDomains: add(mine.blockedDomains, domain), blockedAddresses: add(mine.blockedAddresses, person?.address ?? null) }))!;
    await releaseBlockedItems(tx, updated, now);
  });
}
