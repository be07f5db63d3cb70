// Search (GET /api/search) as both faces use it: the Teams top bar shows the grouped hits; account pickers ask for
// accounts, found by their own name and domains and by their contacts' names and addresses.
import { unwrap, type ApiClient } from './client.ts';
import type { SearchHit, SearchResult } from './types.ts';

export interface SearchOptions {
  kinds?: ('account' | 'contact' | 'interaction')[];
  limit?: number;
  /** Archived accounts, their contacts and history too, each hit marked `archived`. */
  includeArchived?: boolean;
}

export function searchRecords(api: ApiClient, q: string, opts: SearchOptions = {}): Promise<SearchResult> {
  return unwrap(api.search.$get({ query: {
    q, ...(opts.kinds ? { kinds: opts.kinds.join(',') } : {}), ...(opts.limit ? { limit: String(opts.limit) } : {}),
    ...(opts.includeArchived ? { includeArchived: 'true' as const } : {}),
  } }));
}

export interface AccountCandidate {
  id: string;
  name: string;
  /** The contact it was found through, when not by its own name or domain. */
  viaContact: string | null;
  /** The account is archived (found through a contact: the contact's account, whatever the contact's own state). */
  archived: boolean;
}

/**
 * Accounts for a picker: direct hits first, then the accounts of the contacts found, each account once; live
 * accounts ahead of archived ones, so a same-named live account is the first choice.
 */
export function accountCandidates(r: Pick<SearchResult, 'accounts' | 'contacts'>): AccountCandidate[] {
  const out = new Map<string, AccountCandidate>();
  for (const a of r.accounts) out.set(a.id, { id: a.id, name: a.title ?? '', viaContact: null, archived: a.archived });
  for (const c of r.contacts as SearchHit[]) {
    if (c.accountId && !out.has(c.accountId)) out.set(c.accountId, { id: c.accountId, name: c.accountName ?? '', viaContact: c.title, archived: c.accountArchived });
  }
  const all = [...out.values()];
  return [...all.filter((a) => !a.archived), ...all.filter((a) => a.archived)];
}

/** Whether the text can be searched (at least one word of two letters); shorter input waits for more typing. */
export function searchable(q: string): boolean {
  return /[\p{L}\p{N}]{2}/u.test(q) && q.trim().length <= 200;
}
