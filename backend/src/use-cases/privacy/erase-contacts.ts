// Erasing people: their contact rows blanked, their parts of interactions anonymised (the rows stay, so counts
// hold), and a keyed hash of each address suppressed so no sync, log or import brings them back. Shared by the
// contact and the account erasure; one transaction with the caller's.
import { normalizeAddress } from '../../domain/addresses.ts';
import { erasedPlaceholder, planInteractionErasure, suppressionKey } from '../../domain/erasure.ts';
import type { Participant } from '../../domain/types.ts';
import {
  addSuppressions, anonymiseParticipant, blankContact, blankInteractionContent, contactAddresses, interactionIdsNaming, participantsOf,
  privacySecret,
} from '../../store/privacy.ts';
import { withRollups } from '../../store/rollups.ts';
import { deleteCommitteeRolesOfContact } from '../../store/opportunity-contacts.ts';
import type { TenantScope } from '../../store/scope.ts';

export interface ErasureCounts {
  contacts: number;
  addresses: number;
  interactions: number;
  /** Interactions whose subject, snippet and note went too (the person was their only external party). */
  blanked: number;
}

export async function eraseContacts(tx: TenantScope, contactIds: string[], now: number): Promise<ErasureCounts> {
  const secret = await privacySecret(tx, now);
  const stored = await contactAddresses(tx, contactIds);
  const ids = await interactionIdsNaming(tx, contactIds, stored, { includeRemoved: true });
  const participants = await participantsOf(tx, ids);
  // Addresses seen as this person's in interactions (matched by contact) are theirs as well: suppressed too.
  const contactSet = new Set(contactIds);
  const addresses = new Set(stored.map((a) => normalizeAddress(a) ?? a));
  for (const p of participants) if (p.contactId && contactSet.has(p.contactId)) addresses.add(normalizeAddress(p.address) ?? p.address.toLowerCase());

  const byInteraction = new Map<string, (Participant & { ordinal: number })[]>();
  for (const p of participants) byInteraction.set(p.interactionId, [...(byInteraction.get(p.interactionId) ?? []), p]);
  const blank: string[] = [];
  let touched = 0;
  // The erased contacts leave the "contacts touched" rollups with their participant links.
  await withRollups(tx, byInteraction.keys(), async () => {
    for (const [interactionId, list] of byInteraction) {
      const plan = planInteractionErasure(list, { contactIds: contactSet, addresses });
      if (plan.ordinals.length === 0) continue;
      touched++;
      for (const i of plan.ordinals) {
        const p = list[i]!;
        await anonymiseParticipant(tx, interactionId, p.ordinal, erasedPlaceholder(suppressionKey(secret, p.address)));
      }
      if (plan.blankContent) blank.push(interactionId);
    }
  });
  await blankInteractionContent(tx, blank, now);
  for (const id of contactIds) await blankContact(tx, id, now);
  // A role in a deal is information about the person: it goes with them.
  for (const id of contactIds) await deleteCommitteeRolesOfContact(tx, id);
  await addSuppressions(tx, [...addresses].map((a) => suppressionKey(secret, a)), now);
  return { contacts: contactIds.length, addresses: addresses.size, interactions: touched, blanked: blank.length };
}
