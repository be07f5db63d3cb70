// Mail and meetings stored before anyone could place them, placed once they can: after an account gets a domain,
// a contact an address, or an account is picked in the review queue. Runs inside the caller's transaction.
import type { Interaction, TenantSettings } from '../../domain/types.ts';
import { getTenant } from '../../store/tenants.ts';
import { getInteractions } from '../../store/interactions.ts';
import { addTimelineRows, bumpLastContact } from '../../store/interaction-writes.ts';
import { setParticipantContacts, unlinkedInteractionIds } from '../../store/review.ts';
import type { TenantScope } from '../../store/scope.ts';
import { withRollups } from '../../store/rollups.ts';
import { matchAddresses, type AddressMatch } from './match-addresses.ts';

export interface RelinkResult {
  /** Interactions that now belong to an account. */
  linked: string[];
  accountIds: string[];
}

/** Participants of these interactions matched now, keyed by canonical address (colleagues left out). */
export async function matchParticipantsOf(scope: TenantScope, settings: TenantSettings, items: Interaction[]): Promise<Map<string, AddressMatch>> {
  const seen = new Map<string, string | null>();
  for (const i of items) for (const p of i.participants) if (!p.userId && !seen.has(p.address.toLowerCase())) seen.set(p.address.toLowerCase(), p.displayName);
  const inputs = [...seen].map(([address, displayName]) => ({ address, displayName }));
  const matches = await matchAddresses(scope, settings, inputs);
  return new Map(matches.map((m, k) => [inputs[k]!.address, m]));
}

/**
 * Links the unlinked interactions with a participant at these addresses or domains to every account their
 * participants now match (contacts and single-account domains; an ambiguous domain is still never guessed),
 * records the participants' contacts, and recomputes the accounts' last contact (and so their care status).
 */
export async function relinkUnmatched(tx: TenantScope, keys: { addresses?: string[]; domains?: string[] }): Promise<RelinkResult> {
  const ids = await unlinkedInteractionIds(tx, { addresses: keys.addresses ?? [], domains: keys.domains ?? [], limit: 10_000 });
  if (ids.length === 0) return { linked: [], accountIds: [] };
  const { settings } = await getTenant(tx);
  const items = await getInteractions(tx, ids);
  const matches = await matchParticipantsOf(tx, settings, items);
  const rows: { interactionId: string; accountId: string; occurredAt: number; kind: string }[] = [];
  const contacts = new Map<string, string>();
  const linked: string[] = [];
  for (const i of items) {
    const accountIds = new Set<string>();
    for (const p of i.participants) {
      const m = matches.get(p.address.toLowerCase());
      if (m && (m.kind === 'contact' || m.kind === 'account')) for (const id of m.accountIds) accountIds.add(id);
    }
    if (accountIds.size === 0) continue;
    linked.push(i.id);
    for (const accountId of accountIds) rows.push({ interactionId: i.id, accountId, occurredAt: i.occurredAt, kind: i.kind });
  }
  for (const [address, m] of matches) if (m.kind === 'contact' && m.contactId) contacts.set(address, m.contactId);
  return linkTo(tx, rows, linked, contacts);
}

/** Links these interactions to one account the user picked (an ambiguous domain, or a person placed by hand). */
export async function linkToAccount(tx: TenantScope, interactionIds: string[], accountId: string): Promise<RelinkResult> {
  const items = await getInteractions(tx, interactionIds);
  const rows = items.map((i) => ({ interactionId: i.id, accountId, occurredAt: i.occurredAt, kind: i.kind }));
  return linkTo(tx, rows, items.map((i) => i.id), new Map());
}

async function linkTo(
  tx: TenantScope, rows: { interactionId: string; accountId: string; occurredAt: number; kind: string }[], linked: string[], contacts: Map<string, string>,
): Promise<RelinkResult> {
  if (rows.length === 0) return { linked: [], accountIds: [] };
  await withRollups(tx, linked, async () => {
    await addTimelineRows(tx, rows);
    if (contacts.size) await setParticipantContacts(tx, linked, contacts);
  });
  const accountIds = [...new Set(rows.map((r) => r.accountId))].sort();
  await bumpLastContact(tx, accountIds);
  return { linked, accountIds };
}
