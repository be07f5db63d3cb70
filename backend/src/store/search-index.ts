// The search index, write side (migration 025): one search_documents row per live account, contact and
// interaction on a timeline, rebuilt from the source tables by the transaction that changed them. Interactions are
// rebuilt with their timeline rows (store/timeline-rows.ts calls indexInteractions); accounts and contacts through
// touchSearch from their writers. A row whose text, visibility and holders are unchanged is not written at all.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { Dialect } from './connect.ts';
import type { Interaction } from '../domain/types.ts';
import { words } from '../domain/search-text.ts';
import { ERASED_ACCOUNT_NAME } from '../domain/erasure.ts';
import { chunks, collectKeysBeforeCommit, tenantScope, type TenantScope } from './scope.ts';
import { getInteractions } from './interactions.ts';
import { writeAccountNameKeys } from './account-name-keys.ts';
import type { ArrayType } from './pg-unnest.ts';
import { insertBatches, type Computed } from './batch-insert.ts';

type Kind = 'account' | 'contact' | 'interaction';

interface SearchDocument {
  kind: Kind;
  recordId: string;
  accountId: string | null;
  visibility: string;
  holderIds: string;
  archived: boolean;
  itemKind: string | null;
  occurredAt: number | null;
  title: string | null;
  meta: string;
  content: string;
}

const joinText = (parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');

/** An interaction's entry: participants as metadata, subject, snippet and note as content. */
export function interactionDocument(i: Interaction): SearchDocument {
  const holders = [...new Set(i.holders.map((h) => h.userId))].sort();
  return {
    kind: 'interaction', recordId: i.id, accountId: [...i.accountIds].sort()[0] ?? null, visibility: i.visibility,
    holderIds: holders.length ? `|${holders.join('|')}|` : '', archived: false, itemKind: i.kind, occurredAt: i.occurredAt,
    title: i.subject,
    meta: joinText(i.participants.flatMap((p) => [p.displayName, p.address])),
    content: joinText([i.subject, i.snippet, i.note]),
  };
}

/** These interactions' entries, from the interactions as loaded (live ones with a timeline); the others' go. */
export async function indexInteractions(scope: TenantScope, ids: readonly string[], live: readonly Interaction[]): Promise<void> {
  const docs = live.filter((i) => i.accountIds.length > 0).map(interactionDocument);
  const kept = new Set(docs.map((d) => d.recordId));
  await dropDocuments(scope, 'interaction', ids.filter((id) => !kept.has(id)));
  await writeDocuments(scope, docs);
}

/**
 * These accounts' or contacts' entries must be rebuilt: once before the transaction commits when in one opened
 * by inTransaction, else now.
 */
export async function touchSearch(scope: TenantScope, kind: 'account' | 'contact', ids: Iterable<string>): Promise<void> {
  const list = [...ids];
  if (list.length === 0) return;
  if (collectKeysBeforeCommit(scope, `search-${kind}`, list, (keys) => reindexRecords(scope, kind, keys))) return;
  await reindexRecords(scope, kind, list);
}

/** Rebuilds these accounts' or contacts' entries from their tables; a removed one's entry goes. */
export async function reindexRecords(scope: TenantScope, kind: 'account' | 'contact', ids: string[]): Promise<void> {
  for (const part of chunks([...new Set(ids)].sort(), 500)) {
    const docs = kind === 'account' ? await accountDocuments(scope, part) : await contactDocuments(scope, part);
    if (kind === 'account') await writeAccountNameKeys(scope, part, docs.map((d) => ({ id: d.recordId, name: d.title ?? '' })));
    const kept = new Set(docs.map((d) => d.recordId));
    await dropDocuments(scope, kind, part.filter((id) => !kept.has(id)));
    await writeDocuments(scope, docs);
  }
}

async function accountDocuments(scope: TenantScope, ids: string[]): Promise<SearchDocument[]> {
  const rows = await scope.db.selectFrom('accounts').select(['id', 'name', 'industry', 'region', 'archived_at'])
    .where('tenant_id', '=', scope.tenantId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  const domains = await scope.db.selectFrom('account_domains').select(['account_id', 'domain'])
    .where('tenant_id', '=', scope.tenantId).where('account_id', 'in', ids).orderBy('domain').execute();
  // An erased organisation stays for its history, nameless: nothing to find it by.
  return rows.filter((r) => r.name !== ERASED_ACCOUNT_NAME).map((r) => ({
    kind: 'account', recordId: r.id, accountId: r.id, visibility: 'shared', holderIds: '', archived: r.archived_at != null,
    itemKind: null, occurredAt: null, title: r.name,
    meta: joinText([r.name, ...domains.filter((d) => d.account_id === r.id).map((d) => d.domain), r.industry, r.region]), content: '',
  }));
}

async function contactDocuments(scope: TenantScope, ids: string[]): Promise<SearchDocument[]> {
  const rows = await scope.db.selectFrom('contacts').select(['id', 'account_id', 'name', 'title', 'phones', 'archived_at'])
    .where('tenant_id', '=', scope.tenantId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  const emails = await scope.db.selectFrom('contact_emails').select(['contact_id', 'address'])
    .where('tenant_id', '=', scope.tenantId).where('contact_id', 'in', ids).orderBy('address').execute();
  return rows.map((r) => ({
    kind: 'contact', recordId: r.id, accountId: r.account_id, visibility: 'shared', holderIds: '', archived: r.archived_at != null,
    itemKind: null, occurredAt: null, title: r.name,
    meta: joinText([r.name, r.title, ...emails.filter((e) => e.contact_id === r.id).map((e) => e.address), ...(JSON.parse(r.phones) as string[])]),
    content: '',
  }));
}

export async function dropDocuments(scope: TenantScope, kind: Kind, ids: readonly string[]): Promise<void> {
  for (const part of chunks([...ids], 500)) {
    await scope.db.deleteFrom('search_documents').where('tenant_id', '=', scope.tenantId).where('kind', '=', kind).where('record_id', 'in', part).execute();
  }
}

async function writeDocuments(scope: TenantScope, docs: SearchDocument[]): Promise<void> {
  const pg = scope.dialect === 'postgres';
  // PostgreSQL: key order, as the other derived writes, so concurrent rebuilds never wait on each other in a cycle.
  // SQLite (one writer, no such cycle): time order, so a new entry's rowid follows its time and search's newest
  // first (FTS5 rowid order, store/search.ts) holds within a batch too.
  const byKey = (a: SearchDocument, b: SearchDocument) => a.kind.localeCompare(b.kind) || a.recordId.localeCompare(b.recordId);
  const sorted = [...docs].sort(pg ? byKey : (a, b) => (a.occurredAt ?? 0) - (b.occurredAt ?? 0) || byKey(a, b));
  const rows = sorted.map((d) => ({
    tenant_id: scope.tenantId, kind: d.kind, record_id: d.recordId, account_id: d.accountId, visibility: d.visibility,
    holder_ids: d.holderIds, archived: d.archived ? 1 : 0, item_kind: d.itemKind, occurred_at: d.occurredAt, title: d.title,
    meta_text: d.meta, content_text: d.content,
  }));
  await insertBatches(scope, {
    into: 'search_documents', rows, columns: DOCUMENT_COLUMNS, sqliteChunk: 200, computed: VECTOR,
    finish: (insert) => insert
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'record_id'])
        .doUpdateSet((eb) => ({
          account_id: eb.ref('excluded.account_id'), visibility: eb.ref('excluded.visibility'), holder_ids: eb.ref('excluded.holder_ids'),
          archived: eb.ref('excluded.archived'), item_kind: eb.ref('excluded.item_kind'), occurred_at: eb.ref('excluded.occurred_at'),
          title: eb.ref('excluded.title'), meta_text: eb.ref('excluded.meta_text'), content_text: eb.ref('excluded.content_text'),
          ...(pg ? { tsv: eb.ref('excluded.tsv') } : {}),
        }))
        // Nothing changed (most writes to an interaction: a holder joining again, a rollup): no write at all.
        .where(changed(pg))),
  });
}

/** PostgreSQL writes a batch's entries as arrays (batch-insert.ts). */
const DOCUMENT_COLUMNS = [
  ['tenant_id', 'text'], ['kind', 'text'], ['record_id', 'text'], ['account_id', 'text'], ['visibility', 'text'], ['holder_ids', 'text'],
  ['archived', 'integer'], ['item_kind', 'text'], ['occurred_at', 'bigint'], ['title', 'text'], ['meta_text', 'text'], ['content_text', 'text'],
] as const satisfies readonly (readonly [string, ArrayType])[];

/** PostgreSQL's vector from the folded words of `from` (a row alias, or '' for bare columns): metadata weight A, content B. */
export const searchVectorSql = (from: string) => `setweight(to_tsvector('simple', ${from}meta_words), 'A') || setweight(to_tsvector('simple', ${from}content_words), 'B')`;

/** PostgreSQL's vector: the folded words (the same folding as the query's). */
const VECTOR: Computed<{ meta_text: string; content_text: string }> = {
  inputs: [
    { name: 'meta_words', type: 'text', of: (r) => words(r.meta_text).join(' ') },
    { name: 'content_words', type: 'text', of: (r) => words(r.content_text).join(' ') },
  ],
  columns: [['tsv', sql.raw(searchVectorSql('u.'))]],
};

const COMPARED = ['account_id', 'visibility', 'holder_ids', 'archived', 'item_kind', 'occurred_at', 'title', 'meta_text', 'content_text'] as const;

function changed(pg: boolean) {
  const op = pg ? sql`is distinct from` : sql`is not`;
  return sql<boolean>`(${sql.join(COMPARED.map((c) => sql`${sql.ref(`search_documents.${c}`)} ${op} ${sql.ref(`excluded.${c}`)}`), sql` or `)})`;
}

/** Builds the entries migration 025 added without their text; run by migrateToLatest before anything is served. */
export async function fillUnbuiltSearchDocuments(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  let built = 0;
  for (;;) {
    const batch = await db.selectFrom('search_documents').select(['tenant_id', 'kind', 'record_id']).where('meta_text', 'is', null).limit(2000).execute();
    if (batch.length === 0) return built;
    const groups = new Map<string, { tenantId: string; kind: Kind; ids: string[] }>();
    for (const r of batch) {
      const key = `${r.tenant_id}\u0000${r.kind}`;
      const g = groups.get(key) ?? { tenantId: r.tenant_id, kind: r.kind, ids: [] };
      g.ids.push(r.record_id);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      await db.transaction().execute(async (trx) => {
        const scope = tenantScope({ db: trx, dialect, close: async () => {} }, g.tenantId);
        // The placeholder goes first: a record that is no longer searchable leaves no row behind.
        await dropDocuments(scope, g.kind, g.ids);
        if (g.kind === 'interaction') await indexInteractions(scope, g.ids, await getInteractions(scope, g.ids));
        else await reindexRecords(scope, g.kind, g.ids);
      });
      built += g.ids.length;
    }
  }
}
