// Likely duplicates: the suggestions a manager reviews, and the check before a new account or contact is created.
import { DomainError } from '../../domain/errors.ts';
import { accountCandidateKeys, accountDuplicateEvidence, contactDuplicateEvidence, findAccountDuplicates, findContactDuplicates, type DuplicateEvidence, type DuplicateKind } from '../../domain/duplicates.ts';
import type { Account, Contact } from '../../domain/types.ts';
import { accountsForMatching, contactsForMatching } from '../../store/merges.ts';
import { accountIdsByDomains, getAccounts } from '../../store/accounts.ts';
import { accountMatchCandidates } from '../../store/account-candidates.ts';
import { getContact } from '../../store/contacts.ts';
import type { TenantScope } from '../../store/scope.ts';
import { dismissalKey, dismissedPairKeys } from '../../store/duplicate-dismissals.ts';

export const LIKELY_DUPLICATE = 'urn:suhde:problem/likely-duplicate';
export const DOMAIN_TAKEN = 'urn:suhde:problem/domain-taken';

export interface DuplicateSuggestion<R> {
  /** The older record first: the one the review proposes to keep. */
  records: [R, R];
  evidence: DuplicateEvidence[];
}

export interface DuplicateMatch {
  id: string;
  name: string;
  reasons: string[];
}

/**
 * Every likely duplicate pair of the tenant, or only those with recordId. Accounts and contacts are visible to
 * everyone in the tenant (only interactions have per-item visibility), so the list is the same for every caller.
 */
export async function listDuplicateSuggestions(
  scope: TenantScope,
  q: { kind: DuplicateKind; recordId?: string | undefined; limit: number },
): Promise<{ accounts: DuplicateSuggestion<Account>[]; contacts: DuplicateSuggestion<Contact>[]; total: number }> {
  const found = q.kind === 'account' ? findAccountDuplicates(await accountsForMatching(scope)) : findContactDuplicates(await contactsForMatching(scope));
  // A pair someone judged "not a duplicate" is not suggested again (the banner on an account page included).
  const dismissed = await dismissedPairKeys(scope, q.kind);
  const pairs = dismissed.size ? found.filter((p) => !dismissed.has(dismissalKey(p.ids[0], p.ids[1]))) : found;
  const mine = q.recordId ? pairs.filter((p) => p.ids.includes(q.recordId!)) : pairs;
  const page = mine.slice(0, q.limit);
  const ids = [...new Set(page.flatMap((p) => p.ids))];
  if (q.kind === 'account') {
    const byId = new Map((await getAccounts(scope, ids)).map((a) => [a.id, a]));
    return { accounts: page.map((p) => ({ records: [byId.get(p.ids[0])!, byId.get(p.ids[1])!], evidence: p.evidence })), contacts: [], total: mine.length };
  }
  const contacts = new Map<string, Contact>();
  for (const id of ids) {
    const c = await getContact(scope, id);
    if (c) contacts.set(id, c);
  }
  return { accounts: [], contacts: page.map((p) => ({ records: [contacts.get(p.ids[0])!, contacts.get(p.ids[1])!], evidence: p.evidence })), total: mine.length };
}

function likelyDuplicate(what: 'account' | 'contact', matches: DuplicateMatch[]): DomainError {
  const names = matches.slice(0, 3).map((m) => `“${m.name}”`).join(', ');
  return new DomainError(
    'conflict',
    `Likely duplicate ${what}`,
    `This looks like ${matches.length === 1 ? `the existing ${what}` : `existing ${what}s`} ${names} (${matches[0]!.reasons.join(', ')}). Open ${matches.length === 1 ? 'it' : 'one of them'} instead, or create it anyway.`,
    [],
    LIKELY_DUPLICATE,
    { duplicates: matches },
  );
}

/**
 * A domain belongs to one account: mail is matched to accounts by domain, and a second claim leaves that mail with
 * no account. Refused whatever allowDuplicate says. exceptId: the account being edited.
 */
export async function requireDomainsFree(scope: TenantScope, domains: readonly string[], exceptId: string | null): Promise<void> {
  const held = await accountIdsByDomains(scope, [...domains]);
  const taken = [...held].flatMap(([domain, ids]) => ids.filter((id) => id !== exceptId).map((id) => ({ domain, id })));
  if (taken.length === 0) return;
  const holders = await getAccounts(scope, taken.map((t) => t.id));
  const first = holders.find((h) => h.id === taken[0]!.id)!;
  throw new DomainError(
    'conflict',
    'Domain already taken',
    `The domain ${taken[0]!.domain} already belongs to the account “${first.name}”. A domain can belong to one account only: open that account, or merge the two.`,
    taken.map((t) => ({ field: 'domains', message: `${t.domain} belongs to account ${t.id}` })),
    DOMAIN_TAKEN,
    { duplicates: holders.map((h) => ({ id: h.id, name: h.name, reasons: taken.filter((t) => t.id === h.id).map((t) => `same domain ${t.domain}`) })) },
  );
}

/**
 * Refuses a new account that looks like an existing one, unless the person said to create it anyway. Only the
 * accounts sharing an indexed key with it (a domain, a name word, the name's first letters) are read and judged:
 * a tenant of tens of thousands of accounts is not read whole for every new one.
 */
export async function refuseLikelyDuplicateAccount(scope: TenantScope, input: { name: string; domains: readonly string[] }, allowDuplicate: boolean): Promise<void> {
  await requireDomainsFree(scope, input.domains, null);
  if (allowDuplicate) return;
  const matches = (await accountMatchCandidates(scope, accountCandidateKeys(input)))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((a) => ({ id: a.id, name: a.name, reasons: accountDuplicateEvidence(input, a).map((e) => e.reason) }))
    .filter((m) => m.reasons.length > 0);
  if (matches.length) throw likelyDuplicate('account', matches.slice(0, 10));
}

/** Refuses a new contact that looks like one at the same account (same addresses are refused elsewhere, always). */
export async function refuseLikelyDuplicateContact(scope: TenantScope, input: { name: string; emails: readonly string[]; accountId: string | null }, allowDuplicate: boolean): Promise<void> {
  if (allowDuplicate || !input.accountId) return;
  const matches = (await contactsForMatching(scope, input.accountId))
    .map((c) => ({ id: c.id, name: c.name, reasons: contactDuplicateEvidence(input, c).map((e) => e.reason) }))
    .filter((m) => m.reasons.length > 0);
  if (matches.length) throw likelyDuplicate('contact', matches.slice(0, 10));
}
