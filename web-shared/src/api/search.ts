// Search (GET /api/search) as both faces use it: the Teams top bar shows the grouped hits; account pickers ask for
// accounts, found by their own name and domains and by their contacts' names and addresses.
import { unwrap, type ApiClient } from './client.ts';
import type { SearchHit, SearchResult } from './types.ts';

export function searchRecords(api: ApiClient, q: string, opts: { kinds?: ('account' | 'contact' | 'interaction')[]; limit?: number } = {}): Promise<SearchResult> {
  return unwrap(api.search.$get({ query: { q, ...(opts.kinds ? { kinds: opts.kinds.join(',') } : {}), ...(opts.limit ? { limit: String(opts.limit) } : {}) } }));
}

export interface AccountCandidate {
  id: string;
  name: string;
  /** The contact it was found through, when not by its own name or domain. */
  viaContact: string | null;
}

/** Accounts for a picker: direct hits first, then the accounts of the contacts found, each account once. */
export function accountCandidates(r: Pick<SearchResult, 'accounts' | 'contacts'>): AccountCandidate[] {
  const out = new Map<string, AccountCandidate>();
  for (const a of r.accounts) out.set(a.id, { id: a.id, name: a.title ?? '', viaContact: null });
  for (const c of r.contacts as SearchHit[]) {
    if (c.accountId && !out.has(c.accountId)) out.set(c.accountId, { id: c.accountId, name: c.accountName ?? '', viaContact: c.title });
  }
  return [...out.values()];
}

/** Whether the text can be searched (at least one word of two letters); shorter input waits for more typing. */
export function searchable(q: string): boolean {
  return /[\p{L}\p{N}]{2}/u.test(q) && q.trim().length <= 200;
}
