// The bulk load of a generated tenant's interactions into a database that holds no other tenant (the benchmarks'
// 1M-interaction databases): the rows the write path would write (store/interaction-writes.ts, timeline-rows.ts,
// search-index.ts, the account_touches triggers, rollups.ts), written in large set-based steps instead of row by
// row. The tables' secondary indexes, triggers and (PostgreSQL) droppable constraints are dropped first and created
// again from the catalogue's definitions afterwards (store/bulk-schema.ts); the triggers' rows are derived once,
// set-based. seed-bulk.test.ts checks that every table ends up with the rows the ordinary write path produces.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Interaction } from '../domain/types.ts';
import { words } from '../domain/search-text.ts';
import { conflict } from '../domain/errors.ts';
import { inTransaction, type TenantScope } from './scope.ts';
import { asStored, timelineItemJson } from './timeline-rows.ts';
import { interactionDocument } from './search-index.ts';
import { bumpDataVersion, rebuildRollups } from './rollups.ts';
import { bumpLastContact } from './interaction-writes.ts';
import { restoreSchema, suspendSchema } from './bulk-schema.ts';
import { analyzeTables } from './statistics.ts';
import { bulkWriter, type BatchRows, type BulkWriter } from './seed-bulk-writers.ts';

/** The tables the interactions' load writes directly; their triggers are suspended with their indexes. */
const LOADED = ['interactions', 'interaction_participants', 'interaction_holders', 'interaction_accounts', 'timeline_rows', 'search_documents'];
/** The tables derived afterwards from the loaded ones, set-based: account_touches first, the rollups from it. */
const TOUCHES = ['account_touches'];
const ROLLUPS = [
  'rollup_activity', 'rollup_account_days', 'rollup_contact_days', 'rollup_shared_interactions', 'rollup_replies',
  'rollup_account_touch_days', 'rollup_contact_touch_days',
];

const idList = (ids: Iterable<string | null>) => {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))].sort();
  return unique.length ? `|${unique.join('|')}|` : '';
};

/** The rows the write path stores for these new interactions (insertInteractions, addHolders, asStored, indexInteractions). */
export function rowsOfBatch(tenantId: string, batch: readonly Interaction[], now: number, pg: boolean): BatchRows {
  const out: BatchRows = { interactions: [], participants: [], holders: [], links: [], timeline: [], documents: [] };
  const docs: ReturnType<typeof interactionDocument>[] = [];
  for (const i of batch) {
    out.interactions.push([
      tenantId, i.id, i.kind, i.direction ?? null, i.occurredAt, i.subject ?? null, i.snippet ?? null, i.note ?? null, i.durationMinutes ?? null,
      i.opportunityId ?? null, i.source, i.visibility, i.externalKey ?? null, i.holders.find((h) => h.relation === 'logged')?.userId ?? null, now, now,
    ]);
    i.participants.forEach((p, ordinal) => {
      out.participants.push([tenantId, i.id, ordinal, p.role, p.address.toLowerCase(), p.displayName ?? null, p.userId ?? null, p.contactId ?? null]);
    });
    // The first of each (holder, relation), as the insert's ON CONFLICT DO NOTHING keeps it; in key order.
    const held = new Map<string, Interaction['holders'][number]>();
    for (const h of i.holders) if (!held.has(`${h.userId}\u0000${h.relation}`)) held.set(`${h.userId}\u0000${h.relation}`, h);
    for (const k of [...held.keys()].sort()) {
      const h = held.get(k)!;
      out.holders.push([tenantId, i.id, h.userId, h.relation, h.at]);
    }
    const stored = asStored(tenantId, i.id, i, i.accountIds.map((accountId) => ({ accountId })), i.holders, now);
    if (stored.accountIds.length === 0) continue;
    const item = timelineItemJson(stored);
    const holderIds = idList(stored.holders.map((h) => h.userId));
    const userIds = idList([...stored.holders.map((h) => h.userId), ...stored.participants.map((p) => p.userId)]);
    const contactIds = idList(stored.participants.map((p) => p.contactId));
    for (const accountId of stored.accountIds) {
      out.links.push([tenantId, accountId, stored.occurredAt, stored.id, stored.kind]);
      out.timeline.push([tenantId, accountId, stored.occurredAt, stored.id, stored.kind, stored.visibility, holderIds, userIds, contactIds, item]);
    }
    docs.push(interactionDocument(stored));
  }
  // In writeDocuments' order on SQLite (time, then key): an entry's rowid follows its time (store/search.ts).
  if (!pg) docs.sort((a, b) => (a.occurredAt ?? 0) - (b.occurredAt ?? 0) || a.kind.localeCompare(b.kind) || a.recordId.localeCompare(b.recordId));
  for (const d of docs) {
    const row: unknown[] = [tenantId, d.kind, d.recordId, d.accountId, d.visibility, d.holderIds, d.archived ? 1 : 0, d.itemKind, d.occurredAt, d.title, d.meta, d.content];
    if (pg) row.push(words(d.meta).join(' '), words(d.content).join(' '));
    out.documents.push(row);
  }
  return out;
}

/**
 * Loads these interactions (consistent by construction: new keys, existing accounts, opportunities and users) and
 * everything derived from them, then the accounts' last contact. The database must hold no tenant but this one:
 * the load drops indexes and triggers every tenant's writes rely on until it is done.
 */
export async function loadInteractionsBulk(
  scope: TenantScope, interactions: Iterable<Interaction>, accountIds: readonly string[], now: number,
  opts: { batchSize?: number; onProgress?: (interactions: number) => void; onPhase?: (phase: string, ms: number) => void } = {},
): Promise<number> {
  // Where a load's time goes (seed-db.ts prints it): each step's wall time, the batches' split into generating the
  // interactions (the iterable), building their rows and writing them.
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    opts.onPhase?.(name, t - mark);
    mark = t;
  };
  const spent = { generate: 0, rows: 0, write: 0 };
  const others = await scope.db.selectFrom('tenants').select('id').where('id', '!=', scope.tenantId).limit(1).execute();
  if (others.length) throw conflict('A bulk load needs a database without other tenants: it suspends the indexes their writes rely on.');
  const pg = scope.dialect === 'postgres';
  // SQLite checks foreign keys per row unless switched off, which only works outside a transaction. The rows are
  // consistent by construction; PostgreSQL checks them all at once when its foreign keys are added back.
  const fkWasOn = !pg && Number((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(scope.db)).rows[0]?.foreign_keys) === 1;
  if (fkWasOn) await sql`pragma foreign_keys = off`.execute(scope.db);
  try {
    return await inTransaction(scope, async (tx) => {
      if (pg) {
        await sql`set local maintenance_work_mem = '512MB'`.execute(tx.db);
        await sql`set local synchronous_commit = off`.execute(tx.db);
      }
      const loaded = await suspendSchema(tx, LOADED, { triggers: true });
      const touches = await suspendSchema(tx, TOUCHES, { triggers: true });
      const rollups = await suspendSchema(tx, ROLLUPS, { triggers: true });
      const writer: BulkWriter = await bulkWriter(tx);
      phase('suspend');
      const size = opts.batchSize ?? (pg ? 10_000 : 20_000);
      let batch: Interaction[] = [];
      let count = 0;
      const flush = async () => {
        if (!batch.length) return;
        const t0 = performance.now();
        const rows = rowsOfBatch(tx.tenantId, batch, now, pg);
        const t1 = performance.now();
        await writer.write(rows);
        spent.rows += t1 - t0;
        spent.write += performance.now() - t1;
        count += batch.length;
        batch = [];
        opts.onProgress?.(count);
      };
      const it = interactions[Symbol.iterator]();
      for (;;) {
        const t0 = performance.now();
        const next = it.next();
        spent.generate += performance.now() - t0;
        if (next.done) break;
        batch.push(next.value);
        if (batch.length >= size) await flush();
      }
      await flush();
      await writer.finish();
      for (const [k, ms] of Object.entries(spent)) opts.onPhase?.(`batches: ${k}`, ms);
      for (const [table, ms] of writer.spent) opts.onPhase?.(`batches: write ${table}`, ms);
      phase('batches');
      await restoreSchema(tx, loaded);
      phase('indexes');
      // account_touches as its triggers make it: holders x timeline rows (migration 003's backfill, this tenant).
      await sql`insert into account_touches (tenant_id, user_id, occurred_at, interaction_id, account_id, kind, direction, minutes)
        select distinct h.tenant_id, h.user_id, ia.occurred_at, ia.interaction_id, ia.account_id, ia.kind, i.direction, coalesce(i.duration_minutes, 0)
        from interaction_holders h
        join interaction_accounts ia on ia.tenant_id = h.tenant_id and ia.interaction_id = h.interaction_id
        join interactions i on i.tenant_id = ia.tenant_id and i.id = ia.interaction_id
        where h.tenant_id = ${tx.tenantId}
        order by 2, 3, 4, 5`.execute(tx.db);
      phase('account_touches');
      // The rollups' statements look up neighbouring touches by key: planned on statistics, with the indexes back.
      await restoreSchema(tx, touches);
      phase('account_touches indexes');
      await analyzeTables(tx.db, [...LOADED, ...TOUCHES]);
      phase('analyze');
      await rebuildRollups(tx);
      phase('rollups');
      await restoreSchema(tx, rollups);
      await bumpLastContact(tx, [...accountIds]);
      await bumpDataVersion(tx);
      phase('rollup indexes, last contact');
      return count;
    }).finally(() => phase('commit'));
  } finally {
    if (fkWasOn) await sql`pragma foreign_keys = on`.execute(scope.db);
  }
}
