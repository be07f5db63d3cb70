// Search across the accounts, contacts and interactions a viewer may see, ranked within each kind, each hit with
// a highlighted fragment of text the viewer may read: a metadata-only item they do not hold shows who took part,
// never its subject, snippet or note (domain/visibility.ts), and is found by that alone.
import type { Viewer } from '../../domain/interaction-access.ts';
import type { Visibility } from '../../domain/types.ts';
import { highlight, queryWords, searchablePart, type HighlightPart } from '../../domain/search-text.ts';
import { invalid } from '../../domain/errors.ts';
import type { TenantScope } from '../../store/scope.ts';
import { searchIndex, type SearchKind, type SearchRow } from '../../store/search.ts';

export const SEARCH_KINDS = ['account', 'contact', 'interaction'] as const;
export const MAX_SEARCH_LIMIT = 50;

export interface SearchRequest {
  q: string;
  kinds?: SearchKind[];
  limit?: number;
  includeArchived?: boolean;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** Account or contact name; an interaction's subject, null when the viewer may not read it (redacted). */
  title: string | null;
  accountId: string | null;
  accountName: string | null;
  /** Interactions: email, meeting, call, ...; when; whether the content was withheld. */
  itemKind: string | null;
  occurredAt: number | null;
  redacted: boolean;
  /** Archived itself, or on an archived account: found only with includeArchived. */
  archived: boolean;
  /** The account accountId names is archived (a picker choosing the account asks this, not `archived`). */
  accountArchived: boolean;
  highlight: HighlightPart[] | null;
}

export interface SearchAnswer {
  words: string[];
  accounts: SearchHit[];
  contacts: SearchHit[];
  interactions: SearchHit[];
}

export async function searchRecords(scope: TenantScope, viewer: Viewer, req: SearchRequest): Promise<SearchAnswer> {
  const words = queryWords(req.q);
  const limit = req.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw invalid(`limit is a whole number from 1 to ${MAX_SEARCH_LIMIT}.`, [{ field: 'limit', message: `1 to ${MAX_SEARCH_LIMIT}` }]);
  }
  const kinds = new Set(req.kinds?.length ? req.kinds : SEARCH_KINDS);
  const find = async (kind: SearchKind) =>
    kinds.has(kind)
      ? (await searchIndex(scope, { viewerId: viewer.userId, words, kind, limit, includeArchived: req.includeArchived ?? false }))
          .flatMap((r) => hitOf(viewer, r, words))
      : [];
  return { words, accounts: await find('account'), contacts: await find('contact'), interactions: await find('interaction') };
}

function hitOf(viewer: Viewer, r: SearchRow, words: string[]): SearchHit[] {
  const base = { kind: r.kind, id: r.recordId, accountId: r.accountId, accountName: r.accountName, itemKind: r.itemKind, occurredAt: r.occurredAt, archived: r.archived, accountArchived: r.accountArchived };
  if (r.kind !== 'interaction') return [{ ...base, title: r.title, redacted: false, highlight: highlight([r.metaText], words) }];
  // The store matched it on what this viewer may be matched on; what it shows is decided here, by the same rule.
  const part = searchablePart(viewer, r.visibility as Visibility, r.holderIds);
  if (part === 'none') return [];
  if (part === 'meta') return [{ ...base, title: null, redacted: true, highlight: highlight([r.metaText], words) }];
  return [{ ...base, title: r.title, redacted: false, highlight: highlight([r.title, r.metaText, r.contentText], words) }];
}
