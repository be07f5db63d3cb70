// Timeline rows (migration 015): per (account, interaction), the interaction as the timeline lists it, so a page
// is one range scan whatever the number of participants, holders or accounts. Rebuilt from the source tables
// (interactions, participants, holders, interaction_accounts) by the transaction that changed them: every writer
// of those tables calls touchTimeline. Who may see an item is decided when read, from the viewer's rights; the
// row only carries what that decision needs (visibility, holders).
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { Dialect } from './connect.ts';
import type { Interaction, Visibility } from '../domain/types.ts';
import { timelineItemTemplate } from '../domain/timeline-item.ts';
import { chunks, collectBeforeCommit, tenantScope, type TenantScope } from './scope.ts';
import { getInteractions, type TimelineQuery } from './interactions.ts';
import { runCompiledOnce } from './compiled-query.ts';
import { indexInteractions } from './search-index.ts';
import { bumpDataVersion } from './rollups.ts';

/**
 * The one serialisation of a listed item: its API answer with the viewer-dependent parts as slots
 * (domain/timeline-item.ts), so a read fills and joins stored text instead of parsing and re-serialising it.
 */
export function timelineItemJson(i: Interaction): string {
  return timelineItemTemplate(i);
}

/**
 * A listed item as stored: what deciding who sees it needs, and its answer with slots (timelineItemJson) as its
 * UTF-8 bytes, which the page is assembled from (domain/timeline-item.ts writeTimelineItemAnswer).
 */
export interface TimelineEntry {
  id: string;
  kind: string;
  visibility: Visibility;
  holderIds: string[];
  item: Buffer;
}

const idList = (ids: Iterable<string | null>) => {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))].sort();
  return unique.length ? `|${unique.join('|')}|` : '';
};

type TimelineRow = {
  tenant_id: string; account_id: string; occurred_at: number; interaction_id: string; kind: string;
  visibility: string; holder_ids: string; user_ids: string; contact_ids: string; item: string;
};

/** The rows of one live interaction, one per account link: its JSON built once, however many accounts it has. */
function rowsOf(tenantId: string, i: Interaction, links: readonly { account_id: string; occurred_at: number; kind: string }[]): TimelineRow[] {
  const item = timelineItemJson(i);
  const holder_ids = idList(i.holders.map((h) => h.userId));
  const user_ids = idList([...i.holders.map((h) => h.userId), ...i.participants.map((p) => p.userId)]);
  const contact_ids = idList(i.participants.map((p) => p.contactId));
  return links.map((l) => ({
    tenant_id: tenantId, account_id: l.account_id, occurred_at: l.occurred_at, interaction_id: i.id, kind: l.kind,
    visibility: i.visibility, holder_ids, user_ids, contact_ids, item,
  }));
}

/** Binary order, as the databases compare text keys. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An interaction this transaction creates, as the read side (getInteractions) will hydrate it once written:
 * participants in ordinal order with lower-cased addresses, each account once in id order, each (holder,
 * relation) once (the first given, as the insert keeps it) in time order. The store's bulk writers (a merge's new
 * interactions, the seeding) build its timeline rows and rollups from this instead of reading the rows back.
 */
export function asStored(
  tenantId: string, id: string, input: Omit<Interaction, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>,
  accounts: readonly { accountId: string }[], holders: readonly Interaction['holders'][number][], now: number,
): Interaction {
  const seen = new Set<string>();
  const held = holders
    .filter((h) => { const k = `${h.userId}\u0000${h.relation}`; if (seen.has(k)) return false; seen.add(k); return true; })
    .sort((a, b) => a.at - b.at || byText(a.userId, b.userId) || byText(a.relation, b.relation))
    .map((h) => ({ userId: h.userId, relation: h.relation, at: h.at }));
  return {
    id, tenantId, kind: input.kind, direction: input.direction ?? null, occurredAt: input.occurredAt, subject: input.subject ?? null,
    snippet: input.snippet ?? null, note: input.note ?? null, durationMinutes: input.durationMinutes ?? null,
    participants: input.participants.map((p) => ({
      role: p.role, address: p.address.toLowerCase(), displayName: p.displayName ?? null, userId: p.userId ?? null, contactId: p.contactId ?? null,
    })),
    accountIds: [...new Set(accounts.map((a) => a.accountId))].sort(byText),
    opportunityId: input.opportunityId ?? null, source: input.source, visibility: input.visibility, holders: held,
    externalKey: input.externalKey ?? null, createdAt: now, updatedAt: now,
  };
}

/** An interaction this transaction created: its rows built from what was written (provideFreshTimelineRows). */
interface Fresh { rows: TimelineRow[]; item: Interaction }

/**
 * Queues these interactions for the transaction's one timeline write before its commit: each with its fresh rows,
 * or null to rebuild it from the source tables (a later touch of a fresh one replaces its rows with null). False
 * outside a transaction opened by inTransaction.
 */
function queueTimeline(scope: TenantScope, entries: Iterable<readonly [string, Fresh | null]>): boolean {
  return collectBeforeCommit(scope, 'timeline-rows', entries, async (queued) => {
    const fresh = [...queued.values()].filter((f): f is Fresh => f !== null);
    await rebuildTimelineRows(scope, [...queued].filter(([, f]) => f === null).map(([id]) => id));
    await writeTimelineRows(scope, fresh.flatMap((f) => f.rows));
    await indexInteractions(scope, fresh.map((f) => f.item.id), fresh.map((f) => f.item));
  });
}

/**
 * These interactions' timeline rows must be rebuilt: once before the transaction commits when in one opened by
 * inTransaction (however many writes touched them), else now.
 */
export async function touchTimeline(scope: TenantScope, interactionIds: Iterable<string>): Promise<void> {
  const ids = [...interactionIds];
  if (ids.length === 0) return;
  if (!queueTimeline(scope, ids.map((id) => [id, null] as const))) {
    await rebuildTimelineRows(scope, ids);
    // After the rows (outside a transaction): a reader that sees the new version also sees the new rows.
    return bumpDataVersion(scope);
  }
  // The timeline page cache (http/timeline-page-cache.ts) is validated by the data version: whoever changed the
  // rows, the version moves in the same transaction, whether or not the caller audits its write.
  await bumpDataVersion(scope);
}

/**
 * The timeline rows of interactions this transaction created, from the interactions as written (asStored, after
 * their last write): inserted before the commit without reading the source tables back. A later touch of one of
 * them in the same transaction rebuilds it from the sources instead.
 */
export async function provideFreshTimelineRows(scope: TenantScope, created: readonly Interaction[]): Promise<void> {
  if (created.length === 0) return;
  const fresh = created.map((i) => ({ item: i, rows: rowsOf(scope.tenantId, i, i.accountIds.map((a) => ({ account_id: a, occurred_at: i.occurredAt, kind: i.kind }))) }));
  if (!queueTimeline(scope, fresh.map((f) => [f.item.id, f] as const))) {
    await writeTimelineRows(scope, fresh.flatMap((f) => f.rows));
    await indexInteractions(scope, created.map((i) => i.id), created);
    return bumpDataVersion(scope);
  }
  await bumpDataVersion(scope);
}

/** Replaces every timeline row of these interactions with what the source tables say now. */
export async function rebuildTimelineRows(scope: TenantScope, interactionIds: string[]): Promise<void> {
  for (const part of chunks([...new Set(interactionIds)].sort(), 1000)) {
    await scope.db.deleteFrom('timeline_rows').where('tenant_id', '=', scope.tenantId).where('interaction_id', 'in', part).execute();
    const links = await scope.db
      .selectFrom('interaction_accounts')
      .select(['interaction_id', 'account_id', 'occurred_at', 'kind'])
      .where('tenant_id', '=', scope.tenantId)
      .where('interaction_id', 'in', part)
      .execute();
    if (links.length === 0) {
      await indexInteractions(scope, part, []);
      continue;
    }
    // Live ones only: a removed interaction leaves every timeline.
    const items = new Map((await getInteractions(scope, [...new Set(links.map((l) => l.interaction_id))])).map((i) => [i.id, i]));
    // The search entries go with the timeline rows: the same source, the same transaction.
    await indexInteractions(scope, part, [...items.values()]);
    const linksOf = new Map<string, typeof links>();
    for (const l of links) linksOf.set(l.interaction_id, [...(linksOf.get(l.interaction_id) ?? []), l]);
    const rows = [...linksOf].flatMap(([id, l]) => (items.has(id) ? rowsOf(scope.tenantId, items.get(id)!, l) : []));
    await writeTimelineRows(scope, rows);
  }
}

async function writeTimelineRows(scope: TenantScope, rows: TimelineRow[]): Promise<void> {
  // Key order, as the other timeline writes: concurrent rebuilds never wait on each other in a cycle.
  rows.sort((a, b) => a.account_id.localeCompare(b.account_id) || a.occurred_at - b.occurred_at || a.interaction_id.localeCompare(b.interaction_id));
  // A concurrent rebuild of the same interaction (PostgreSQL) may have inserted a row this one's delete did not
  // see: this transaction read the source tables after that one committed, so its row is the newer one.
  // VALUES on PostgreSQL too: as arrays (pg-unnest.ts) the answers' text, quoted into array literals and parsed
  // back, took three times as long.
  for (const chunk of chunks(rows, 2000)) {
    await scope.db.insertInto('timeline_rows').values(chunk)
      .onConflict((oc) => oc.columns(['tenant_id', 'account_id', 'occurred_at', 'interaction_id']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'), visibility: eb.ref('excluded.visibility'), holder_ids: eb.ref('excluded.holder_ids'),
        user_ids: eb.ref('excluded.user_ids'), contact_ids: eb.ref('excluded.contact_ids'), item: eb.ref('excluded.item'),
      })))
      .execute();
  }
}

/** Builds the rows migration 015 copied without their item; run by migrateToLatest before anything is served. */
export async function fillUnbuiltTimelineRows(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  let built = 0;
  for (;;) {
    const batch = await db.selectFrom('timeline_rows').select(['tenant_id', 'interaction_id']).where('item', 'is', null).limit(2000).execute();
    if (batch.length === 0) return built;
    const byTenant = new Map<string, string[]>();
    for (const r of batch) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r.interaction_id]);
    for (const [tenantId, ids] of byTenant) {
      await db.transaction().execute((trx) => rebuildTimelineRows(tenantScope({ db: trx, dialect, close: async () => {} }, tenantId), ids));
      built += new Set(ids).size;
    }
  }
}

/**
 * One page of an account's timeline, newest first, keyset-paginated on (occurred_at, id): one statement. Rows the
 * viewer may not see at all are left out here; what they may see of the rest is decided by the caller. A removed
 * account's page is empty: whether it is there at all is requireAccountExists's to say.
 */
export async function timelinePage(scope: TenantScope, q: TimelineQuery): Promise<{ items: TimelineEntry[]; next: { occurredAt: number; id: string } | null }> {
  // '|id|' within a '|...|' list: instr on SQLite, strpos on PostgreSQL (no LIKE, so no wildcard in an id matters).
  const has = (column: 'holder_ids' | 'user_ids' | 'contact_ids', marker: string) =>
    scope.dialect === 'postgres' ? sql<number>`strpos(${sql.ref(column)}, ${marker})` : sql<number>`instr(${sql.ref(column)}, ${marker})`;
  // Compiled once per shape (store/compiled-query.ts): every value below goes through `v`, in this order.
  const values: unknown[] = [scope.tenantId, q.accountId, `|${q.viewerId}|`];
  if (q.before) values.push(q.before.occurredAt, q.before.id);
  const kinds = q.kinds?.length ? q.kinds : [];
  values.push(...kinds);
  if (q.contactId) values.push(`|${q.contactId}|`);
  if (q.userId) values.push(`|${q.userId}|`);
  values.push(q.limit + 1);
  const shape = `timeline-page:${scope.dialect}:${q.before ? 1 : 0}:${kinds.length}:${q.contactId ? 1 : 0}:${q.userId ? 1 : 0}`;
  // SQLite hands the stored text over as its UTF-8 bytes (a blob), not decoded into a string only to be encoded
  // again for the socket. node-postgres would send a bytea as hex, twice the bytes, and decode it as text first:
  // measured dearer than taking the text and encoding it here.
  const item = scope.dialect === 'postgres' ? sql<Buffer | string | null>`item` : sql<Buffer | string | null>`cast(item as blob)`;
  const rows = await runCompiledOnce<{ occurred_at: number; interaction_id: string; kind: string; visibility: string; holder_ids: string; item: Buffer | string | null }>(scope.db, shape, values, (v) => {
    let i = 0;
    const tenant = v(i++);
    const account = v(i++);
    let query = scope.db
      .selectFrom('timeline_rows')
      .select(['occurred_at', 'interaction_id', 'kind', 'visibility', 'holder_ids', item.as('item')])
      .where('tenant_id', '=', tenant)
      .where('account_id', '=', account)
      // A removed account has no timeline (its rows may outlive it until purged). Asked once per statement (it
      // does not depend on the row), so a page with items is also the proof that the account is there: the route
      // asks for the account only when the page is empty.
      .where((eb) => eb.exists(eb.selectFrom('accounts').select('accounts.id')
        .where('accounts.tenant_id', '=', tenant).where('accounts.id', '=', account).where('accounts.deleted_at', 'is', null)));
    const viewer = v(i++);
    query = query.where((eb) => eb.or([eb('visibility', '!=', 'private'), eb(has('holder_ids', viewer), '>', 0)]));
    if (q.before) {
      const at = v(i++);
      const id = v(i++);
      query = query.where((eb) => eb(eb.refTuple('occurred_at', 'interaction_id'), '<', eb.tuple(at, id)));
    }
    if (kinds.length) query = query.where('kind', 'in', kinds.map(() => v(i++)));
    if (q.contactId) query = query.where(has('contact_ids', v(i++)), '>', 0);
    if (q.userId) query = query.where(has('user_ids', v(i++)), '>', 0);
    return query.orderBy('occurred_at', 'desc').orderBy('interaction_id', 'desc').limit(v(i++));
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.flatMap((r) => (r.item === null ? [] : [{
      id: r.interaction_id, kind: r.kind, visibility: r.visibility as Visibility, holderIds: r.holder_ids.split('|').filter(Boolean),
      item: typeof r.item === 'string' ? Buffer.from(r.item) : r.item,
    }])),
    next: rows.length > q.limit && last ? { occurredAt: last.occurred_at, id: last.interaction_id } : null,
  };
}
