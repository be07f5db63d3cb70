// The search index, read side: the best entries of one kind for a query, already narrowed to what the viewer may
// be matched on. An interaction the viewer may read whole is matched on all of its text; a metadata-only item
// they do not hold on its metadata part alone (SQLite: the meta column; PostgreSQL: weight A); a private item
// they do not hold not at all. Which text a hit may then show is the use case's (domain/search-text.ts).
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
  /** Higher is better, comparable within one kind's answer. */
  score: number;
}

interface RawRow {
  kind: SearchKind; record_id: string; account_id: string | null; account_name: string | null; visibility: string; holder_ids: string;
  item_kind: string | null; occurred_at: number | string | null; title: string | null; meta_text: string | null; content_text: string | null; archived: number | string | boolean; score: number | string;
}

export async function searchIndex(scope: TenantScope, q: SearchQuery): Promise<SearchRow[]> {
  const holder = `|${q.viewerId}|`;
  const holds = scope.dialect === 'postgres' ? sql`strpos(d.holder_ids, ${holder}) > 0` : sql`instr(d.holder_ids, ${holder}) > 0`;
  const rows = q.kind !== 'interaction'
    ? await run(scope, q, 'all', sql`true`)
    : [
        // Read whole: shared, or theirs. Metadata only, not theirs: matched on who took part, never on what was said.
        ...(await run(scope, q, 'all', sql`(d.visibility = 'shared' or ${holds})`)),
        ...(await run(scope, q, 'meta', sql`(d.visibility = 'metadata' and not (${holds}))`)),
      ];
  return rows
    .map((r): SearchRow => ({
      kind: r.kind, recordId: r.record_id, accountId: r.account_id, accountName: r.account_name, visibility: r.visibility,
      holderIds: r.holder_ids.split('|').filter(Boolean), itemKind: r.item_kind, occurredAt: r.occurred_at === null ? null : Number(r.occurred_at),
      title: r.title, metaText: oneLine(r.meta_text), contentText: oneLine(r.content_text), archived: Number(r.archived) === 1, score: Number(r.score),
    }))
    .sort((a, b) => b.score - a.score || (b.occurredAt ?? 0) - (a.occurredAt ?? 0) || a.recordId.localeCompare(b.recordId))
    .slice(0, q.limit);
}

/** The index keeps a record's fields one a line; a highlight is cut from this text and read as one line. */
export const FIELD_SEPARATOR = ' · ';
const oneLine = (text: string | null) => (text ?? '').split('\n').join(FIELD_SEPARATOR);

async function run(scope: TenantScope, q: SearchQuery, part: 'all' | 'meta', visible: RawBuilder<unknown>): Promise<RawRow[]> {
  // An archived account hides its contacts and its history too, unless asked for.
  const live = q.includeArchived ? sql`true` : sql`(d.archived = 0 and a.archived_at is null)`;
  const columns = sql`d.kind, d.record_id, d.account_id, a.name as account_name, d.visibility, d.holder_ids, d.item_kind, d.occurred_at, d.title, d.meta_text, d.content_text,
    case when d.archived <> 0 or a.archived_at is not null then 1 else 0 end as archived`;
  const account = sql`left join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id`;
  if (scope.dialect === 'postgres') {
    // Words are letters and digits only (folded), so quoting them is all the escaping a tsquery needs. The kind is
    // a literal (one of three) so the planner picks that kind's partial GIN index.
    const weight = part === 'meta' ? 'A' : '';
    const tsquery = q.words.map((w) => `'${w}':*${weight}`).join(' & ');
    const result = await sql<RawRow>`
      select ${columns}, ts_rank(d.tsv, to_tsquery('simple', ${tsquery})) as score
      from search_documents d ${account}
      where d.tenant_id = ${scope.tenantId} and d.kind = ${sql.lit(q.kind)} and d.tsv @@ to_tsquery('simple', ${tsquery}) and ${live} and ${visible}
      order by score desc, d.occurred_at desc nulls last, d.record_id
      limit ${q.limit}`.execute(scope.db);
    return result.rows;
  }
  const words = q.words.map((w) => `"${w}"*`).join(' AND ');
  const match = `kind : "${q.kind}" AND ${part === 'meta' ? `{meta_text} : (${words})` : `{meta_text content_text} : (${words})`}`;
  // bm25 is lower for better: negated, so both databases sort by a higher score. A metadata word weighs more.
  const result = await sql<RawRow>`
    select ${columns}, -bm25(search_fts, 2.0, 1.0, 0.0) as score
    from search_fts join search_documents d on d.doc_id = search_fts.rowid ${account}
    where search_fts match ${match} and d.tenant_id = ${scope.tenantId} and d.kind = ${q.kind} and ${live} and ${visible}
    order by score desc, d.occurred_at desc, d.record_id
    limit ${q.limit}`.execute(scope.db);
  return result.rows;
}
