// The search index, read side: the best entries of one kind for a query, already narrowed to what the viewer may
// be matched on. An interaction the viewer may read whole is matched on all of its text; a metadata-only item
// they do not hold on its metadata part alone (SQLite: the meta column; PostgreSQL: weight A); a private item
// they do not hold not at all. Which text a hit may then show is the use case's (domain/search-text.ts).
// Accounts and contacts (tens of thousands at most) are ranked over every match. Interactions are not: a common
// word or a short prefix matches a large share of a million emails, and ranking them all took most of a second.
// Their candidates are the newest visible matches (RECENT_CANDIDATES per part), ranked among themselves
// (docs/api.md, Search: Ranking).
import { sql, type RawBuilder } from 'kysely';
import type { TenantScope } from './scope.ts';

export type SearchKind = 'account' | 'contact' | 'interaction';

export interface SearchQuery {
  viewerId: string;
  /** Folded words, each matched as a word prefix (domain/search-text.ts queryWords). */
  words: string[];
  kind: SearchKind;
  limit: number;
  includeArchived: boolean;
}

/**
 * How many of the newest visible matches an interaction search ranks, for each part (read whole, metadata only):
 * enough to rank the best of recent mail first, few enough to read at 1M items in tens of milliseconds.
 */
export const RECENT_CANDIDATES = 100;
/** A word this short matches too many records to rank them all. */
const SHORT_WORD = 2;
/** PostgreSQL: at most this many of the newest matches of the words are looked at for the candidates. */
export const MATCHES_WALKED = 1000;

export interface SearchRow {
  kind: SearchKind;
  recordId: string;
  accountId: string | null;
  accountName: string | null;
  visibility: string;
  holderIds: string[];
  itemKind: string | null;
  occurredAt: number | null;
  title: string | null;
  metaText: string;
  contentText: string;
  /** The record is archived, or the account it belongs to is (only found with includeArchived). */
  archived: boolean;
  /** The account it belongs to (accountId) is archived: a contact archived on a live account is archived, its account not. */
  accountArchived: boolean;
  /** Higher is better, comparable within one kind's answer. */
  score: number;
}

interface RawRow {
  kind: SearchKind; record_id: string; account_id: string | null; account_name: string | null; visibility: string; holder_ids: string;
  item_kind: string | null; occurred_at: number | string | null; title: string | null; meta_text: string | null; content_text: string | null; archived: number | string | boolean; account_archived: number | string | boolean; score: number | string;
}

export async function searchIndex(scope: TenantScope, q: SearchQuery): Promise<SearchRow[]> {
  const holder = `|${q.viewerId}|`;
  const holds = scope.dialect === 'postgres' ? sql`strpos(d.holder_ids, ${holder}) > 0` : sql`instr(d.holder_ids, ${holder}) > 0`;
  const rows = q.kind !== 'interaction'
    ? await run(scope, q, 'all', sql`true`)
    : [
        // Read whole: shared, or theirs. Metadata only, not theirs: matched on who took part, never on what was said.
        ...(await runRecent(scope, q, 'all', sql`(d.visibility = 'shared' or ${holds})`)),
        ...(await runRecent(scope, q, 'meta', sql`(d.visibility = 'metadata' and not (${holds}))`)),
      ];
  return rows
    .map((r): SearchRow => ({
      kind: r.kind, recordId: r.record_id, accountId: r.account_id, accountName: r.account_name, visibility: r.visibility,
      holderIds: r.holder_ids.split('|').filter(Boolean), itemKind: r.item_kind, occurredAt: r.occurred_at === null ? null : Number(r.occurred_at),
      title: r.title, metaText: oneLine(r.meta_text), contentText: oneLine(r.content_text), archived: Number(r.archived) === 1, accountArchived: Number(r.account_archived) === 1, score: Number(r.score),
    }))
    .sort((a, b) => b.score - a.score || (b.occurredAt ?? 0) - (a.occurredAt ?? 0) || a.recordId.localeCompare(b.recordId))
    .slice(0, q.limit);
}

/** The index keeps a record's fields one a line; a highlight is cut from this text and read as one line. */
export const FIELD_SEPARATOR = ' · ';
const oneLine = (text: string | null) => (text ?? '').split('\n').join(FIELD_SEPARATOR);

// An archived account hides its contacts and its history too, unless asked for.
const liveOf = (q: SearchQuery) => (q.includeArchived ? sql`true` : sql`(d.archived = 0 and a.archived_at is null)`);
const COLUMNS = sql`d.kind, d.record_id, d.account_id, a.name as account_name, d.visibility, d.holder_ids, d.item_kind, d.occurred_at, d.title, d.meta_text, d.content_text,
    case when d.archived <> 0 or a.archived_at is not null then 1 else 0 end as archived,
    case when a.archived_at is not null then 1 else 0 end as account_archived`;
const ACCOUNT = sql`left join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id`;

// Words are letters and digits only (folded), so quoting them is all the escaping a tsquery or an FTS5 query needs.
const tsqueryOf = (q: SearchQuery, part: 'all' | 'meta') => q.words.map((w) => `'${w}':*${part === 'meta' ? 'A' : ''}`).join(' & ');
const ftsWords = (q: SearchQuery, part: 'all' | 'meta') => {
  const words = q.words.map((w) => `"${w}"*`).join(' AND ');
  return part === 'meta' ? `{meta_text} : (${words})` : `{meta_text content_text} : (${words})`;
};

/**
 * Accounts and contacts: every match ranked, unless every word is a prefix of two letters ("ma" matches a third
 * of a million records): then the first RECENT_CANDIDATES matches in index order, ranked.
 */
async function run(scope: TenantScope, q: SearchQuery, part: 'all' | 'meta', visible: RawBuilder<unknown>): Promise<RawRow[]> {
  const short = q.words.every((w) => w.length <= SHORT_WORD);
  if (scope.dialect === 'postgres') {
    // The kind is a literal (one of three) so the planner picks that kind's partial GIN index.
    const tsquery = tsqueryOf(q, part);
    // Short words only: the candidates are the first in key order, walked until enough match (a third or more
    // of the records do), not every match.
    const first = short ? sql`order by d.record_id desc limit ${RECENT_CANDIDATES}` : sql``;
    const result = await sql<RawRow>`
      select c.*, ts_rank(c.tsv, to_tsquery('simple', ${tsquery})) as score from (
        select ${COLUMNS}, d.tsv
        from search_documents d ${ACCOUNT}
        where d.tenant_id = ${scope.tenantId} and d.kind = ${sql.lit(q.kind)} and d.tsv @@ to_tsquery('simple', ${tsquery}) and ${liveOf(q)} and ${visible}
        ${first}) c
      order by score desc, c.occurred_at desc nulls last, c.record_id
      limit ${q.limit}`.execute(scope.db);
    return result.rows;
  }
  const match = `kind : "${q.kind}" AND ${ftsWords(q, part)}`;
  // bm25 is lower for better: negated, so both databases sort by a higher score. A metadata word weighs more.
  const result = await sql<RawRow>`
    select * from (
      select ${COLUMNS}, -bm25(search_fts, 2.0, 1.0, 0.0) as score
      from search_fts join search_documents d on d.doc_id = search_fts.rowid ${ACCOUNT}
      where search_fts match ${match} and d.tenant_id = ${scope.tenantId} and d.kind = ${q.kind} and ${liveOf(q)} and ${visible}
      ${short ? sql`order by search_fts.rowid desc limit ${RECENT_CANDIDATES}` : sql``})
    order by score desc, occurred_at desc, record_id
    limit ${q.limit}`.execute(scope.db);
  return result.rows;
}

/**
 * Interactions: the newest RECENT_CANDIDATES visible matches, ranked best first (newer first among equals). The
 * visibility test is inside the bounded scan, so items the viewer may not see never take a candidate's place.
 */
async function runRecent(scope: TenantScope, q: SearchQuery, part: 'all' | 'meta', visible: RawBuilder<unknown>): Promise<RawRow[]> {
  if (scope.dialect === 'postgres') {
    // The newest matches of the words (any weight) walked in time order on the recency index (migration 031), the
    // viewer's part and visibility tested on each, until enough candidates; the GIN index instead when the words
    // are rare (the planner's choice). At most MATCHES_WALKED matches are looked at: the weight a metadata-only
    // part needs cannot be told from the index, so a word only ever in subjects would otherwise walk everything.
    const tsquery = tsqueryOf(q, part);
    const result = await sql<RawRow>`
      select c.*, ts_rank(c.tsv, to_tsquery('simple', ${tsquery})) as score from (
        select ${COLUMNS}, d.tsv
        from (
          select * from search_documents m
          where m.tenant_id = ${scope.tenantId} and m.kind = 'interaction' and m.tsv @@ to_tsquery('simple', ${tsqueryOf(q, 'all')})
          order by m.occurred_at desc, m.record_id
          limit ${MATCHES_WALKED}) d
        ${ACCOUNT}
        where d.tsv @@ to_tsquery('simple', ${tsquery}) and ${liveOf(q)} and ${visible}
        order by d.occurred_at desc, d.record_id
        limit ${RECENT_CANDIDATES}) c
      order by score desc, c.occurred_at desc, c.record_id
      limit ${q.limit}`.execute(scope.db);
    return result.rows;
  }
  // FTS5 yields matches in rowid order and stops at the limit. An interaction's entry is written when it is
  // stored, so rowid order is the order mail came in: newest first.
  const result = await sql<RawRow>`
    select * from (
      select ${COLUMNS}, -bm25(search_fts, 2.0, 1.0, 0.0) as score
      from search_fts join search_documents d on d.doc_id = search_fts.rowid ${ACCOUNT}
      where search_fts match ${ftsWords(q, part)} and d.tenant_id = ${scope.tenantId} and d.kind = 'interaction' and ${liveOf(q)} and ${visible}
      order by search_fts.rowid desc
      limit ${RECENT_CANDIDATES})
    order by score desc, occurred_at desc, record_id
    limit ${q.limit}`.execute(scope.db);
  return result.rows;
}
