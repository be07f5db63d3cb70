// Timeline rows (migration 015): per (account, interaction), the interaction as the timeline lists it, so a page
// is one range scan whatever the number of participants, holders or accounts. Rebuilt from the source tables
// (interactions, participants, holders, interaction_accounts) by the transaction that changed them: every writer
// of those tables calls touchTimeline. Who may see an item is decided when read, from the viewer's rights; the
// row only carries what that decision needs (visibility, holders).
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { Dialect } from './connect.ts';
import type { Interaction } from '../domain/types.ts';
import { beforeCommit, chunks, tenantScope, type TenantScope } from './scope.ts';
import { getInteractions, type TimelineQuery } from './interactions.ts';
import { indexInteractions } from './search-index.ts';

/** The one serialisation of a listed item: the interaction exactly as the read side hydrates it. */
export function timelineItemJson(i: Interaction): string {
  return JSON.stringify(i);
}

const idList = (ids: Iterable<string | null>) => {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))].sort();
  return unique.length ? `|${unique.join('|')}|` : '';
};

/**
 * These interactions' timeline rows must be rebuilt: once before the transaction commits when in one opened by
 * inTransaction (however many writes touched them), else now.
 */
export async function touchTimeline(scope: TenantScope, interactionIds: Iterable<string>): Promise<void> {
  const ids = [...interactionIds];
  if (ids.length === 0) return;
  const known = pending.get(scope.db);
  if (known) {
    for (const id of ids) known.add(id);
    return;
  }
  const set = new Set(ids);
  const deferred = beforeCommit(scope, 'timeline-rows', async () => {
    pending.delete(scope.db);
    await rebuildTimelineRows(scope, [...set]);
  });
  if (deferred) pending.set(scope.db, set);
  else await rebuildTimelineRows(scope, ids);
}
const pending = new WeakMap<object, Set<string>>();

/** Replaces every timeline row of these interactions with what the source tables say now. */
export async function rebuildTimelineRows(scope: TenantScope, interactionIds: string[]): Promise<void> {
  for (const part of chunks([...new Set(interactionIds)].sort(), 500)) {
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
    const rows = links.flatMap((l) => {
      const i = items.get(l.interaction_id);
      if (!i) return [];
      return [{
        tenant_id: scope.tenantId, account_id: l.account_id, occurred_at: l.occurred_at, interaction_id: l.interaction_id, kind: l.kind,
        visibility: i.visibility,
        holder_ids: idList(i.holders.map((h) => h.userId)),
        user_ids: idList([...i.holders.map((h) => h.userId), ...i.participants.map((p) => p.userId)]),
        contact_ids: idList(i.participants.map((p) => p.contactId)),
        item: timelineItemJson(i),
      }];
    });
    // Key order, as the other timeline writes: concurrent rebuilds never wait on each other in a cycle.
    rows.sort((a, b) => a.account_id.localeCompare(b.account_id) || a.occurred_at - b.occurred_at || a.interaction_id.localeCompare(b.interaction_id));
    // A concurrent rebuild of the same interaction (PostgreSQL) may have inserted a row this one's delete did not
    // see: this transaction read the source tables after that one committed, so its row is the newer one.
    for (const chunk of chunks(rows, 500)) {
      await scope.db.insertInto('timeline_rows').values(chunk)
        .onConflict((oc) => oc.columns(['tenant_id', 'account_id', 'occurred_at', 'interaction_id']).doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'), visibility: eb.ref('excluded.visibility'), holder_ids: eb.ref('excluded.holder_ids'),
          user_ids: eb.ref('excluded.user_ids'), contact_ids: eb.ref('excluded.contact_ids'), item: eb.ref('excluded.item'),
        })))
        .execute();
    }
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

/** One page of an account's timeline, newest first, keyset-paginated on (occurred_at, id): one statement. */
export async function timelinePage(scope: TenantScope, q: TimelineQuery): Promise<{ items: Interaction[]; next: { occurredAt: number; id: string } | null }> {
  // '|id|' within a '|...|' list: instr on SQLite, strpos on PostgreSQL (no LIKE, so no wildcard in an id matters).
  const has = (column: 'holder_ids' | 'user_ids' | 'contact_ids', id: string) =>
    scope.dialect === 'postgres' ? sql<number>`strpos(${sql.ref(column)}, ${`|${id}|`})` : sql<number>`instr(${sql.ref(column)}, ${`|${id}|`})`;
  let query = scope.db
    .selectFrom('timeline_rows')
    .select(['occurred_at', 'interaction_id', 'item'])
    .where('tenant_id', '=', scope.tenantId)
    .where('account_id', '=', q.accountId)
    .where((eb) => eb.or([eb('visibility', '!=', 'private'), eb(has('holder_ids', q.viewerId), '>', 0)]));
  if (q.before) {
    const b = q.before;
    query = query.where((eb) => eb(eb.refTuple('occurred_at', 'interaction_id'), '<', eb.tuple(b.occurredAt, b.id)));
  }
  if (q.kinds?.length) query = query.where('kind', 'in', q.kinds);
  if (q.contactId) query = query.where(has('contact_ids', q.contactId), '>', 0);
  if (q.userId) query = query.where(has('user_ids', q.userId), '>', 0);
  const rows = await query.orderBy('occurred_at', 'desc').orderBy('interaction_id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.flatMap((r) => (r.item === null ? [] : [JSON.parse(r.item) as Interaction])),
    next: rows.length > q.limit && last ? { occurredAt: last.occurred_at, id: last.interaction_id } : null,
  };
}
