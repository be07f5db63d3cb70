import type { Selectable } from 'kysely';
import type { OpportunityTable } from './database.ts';
import { OPEN_STAGES, type Opportunity, type OpportunityLine, type Stage, type TenantSettings } from '../domain/types.ts';
import { chunks, inTransaction, type TenantScope } from './scope.ts';
import { runCompiledOnce } from './compiled-query.ts';
import { newId } from './ids.ts';
import { writeAudit } from './audit.ts';
import { notFound } from '../domain/errors.ts';
import { opportunityFigures, probabilityFor } from '../domain/opportunity-value.ts';
import type { ArchivedFilter } from '../domain/archive.ts';

export interface OpportunityInput {
  accountId: string;
  name: string;
  stage: Stage;
  /** Cents; ignored when lines are given (the value is then their sum, domain/opportunity-value.ts). */
  value: number;
  currency: string;
  lines: OpportunityLine[];
  expectedCloseDate: string | null;
  ownerId: string | null;
  /** Percent; defaults to the tenant's probability for the stage; won is 100 and lost 0 whatever is given. */
  probability?: number;
}

async function linesFor(scope: TenantScope, ids: string[]): Promise<Map<string, OpportunityLine[]>> {
  const out = new Map<string, OpportunityLine[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await scope.db
      .selectFrom('opportunity_lines')
      .selectAll()
      .where('tenant_id', '=', scope.tenantId)
      .where('opportunity_id', 'in', part)
      .orderBy('opportunity_id')
      .orderBy('ordinal')
      .execute();
    for (const r of rows) {
      out.set(r.opportunity_id, [...(out.get(r.opportunity_id) ?? []), { product: r.product, productId: r.product_id ?? null, quantity: r.quantity, unitPrice: r.unit_price_cents }]);
    }
  }
  return out;
}

function fromRow(r: Selectable<OpportunityTable>, lines: OpportunityLine[]): Opportunity {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    accountId: r.account_id,
    name: r.name,
    stage: r.stage as Stage,
    value: r.value_cents,
    currency: r.currency,
    lines,
    expectedCloseDate: r.expected_close_date,
    probability: r.probability,
    ownerId: r.owner_id,
    stageChangedAt: r.stage_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at ?? null,
  };
}

async function withLines(scope: TenantScope, rows: Selectable<OpportunityTable>[]): Promise<Opportunity[]> {
  const lines = await linesFor(scope, rows.map((r) => r.id));
  return rows.map((r) => fromRow(r, lines.get(r.id) ?? []));
}

export async function getOpportunity(scope: TenantScope, id: string): Promise<Opportunity | null> {
  const r = await scope.db
    .selectFrom('opportunities')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? (await withLines(scope, [r]))[0]! : null;
}

/** Names of opportunities by id (removed ones too: an old timeline item still names the deal it was about). */
export async function opportunityNames(scope: TenantScope, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, string>();
  for (const part of chunks(wanted, 500)) {
    // Asked by every timeline page that names a deal: compiled once per list length (store/compiled-query.ts).
    const rows = await runCompiledOnce<{ id: string; name: string }>(scope.db, `opportunity-names:${part.length}`, [scope.tenantId, ...part], (v) =>
      scope.db.selectFrom('opportunities').select(['id', 'name']).where('tenant_id', '=', v(0)).where('id', 'in', part.map((_, k) => v(k + 1))));
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

/** The accounts that are set aside: their deals leave every list and figure that is not the account's own. */
const archivedAccountIds = (scope: TenantScope) =>
  scope.db.selectFrom('accounts').select('id').where('tenant_id', '=', scope.tenantId).where('archived_at', 'is not', null);

/**
 * Archived opportunities are left out unless includeArchived; without an accountId so are the deals of archived
 * accounts (an archived account's own page still lists its deals).
 */
export async function listOpportunities(scope: TenantScope, f: { accountId?: string; ownerId?: string; stages?: Stage[]; includeArchived?: boolean; archived?: ArchivedFilter }): Promise<Opportunity[]> {
  let q = scope.db.selectFrom('opportunities').selectAll().where('tenant_id', '=', scope.tenantId).where('deleted_at', 'is', null);
  const archived = f.archived ?? (f.includeArchived ? 'include' : 'exclude');
  if (archived === 'exclude') q = q.where('archived_at', 'is', null);
  else if (archived === 'only') q = q.where('archived_at', 'is not', null);
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  else q = q.where('account_id', 'not in', archivedAccountIds(scope));
  if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
  if (f.stages?.length) q = q.where('stage', 'in', f.stages);
  return withLines(scope, await q.orderBy('expected_close_date').orderBy('id').limit(1000).execute());
}

export async function createOpportunity(scope: TenantScope, input: OpportunityInput, settings: TenantSettings, actorId: string | null, now: number): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    const account = await tx.db.selectFrom('accounts').select('id').where('tenant_id', '=', tx.tenantId).where('id', '=', input.accountId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!account) throw notFound('account');
    const id = newId(now);
    const closed = !OPEN_STAGES.includes(input.stage);
    // Value and probability are derived by the domain's one rule, so whatever writes here (the use case, the
    // demo, test fixtures) stores the same figures.
    const figures = opportunityFigures(input, settings.stageProbability);
    await tx.db
      .insertInto('opportunities')
      .values({
        tenant_id: tx.tenantId,
        id,
        account_id: input.accountId,
        name: input.name,
        stage: input.stage,
        value_cents: figures.value,
        currency: input.currency,
        expected_close_date: input.expectedCloseDate,
        probability: figures.probability,
        owner_id: input.ownerId,
        stage_changed_at: now,
        closed_at: closed ? now : null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
    await insertLines(tx, id, input.lines);
    await tx.db.insertInto('opportunity_stage_changes').values({ tenant_id: tx.tenantId, id: newId(now), opportunity_id: id, from_stage: null, to_stage: input.stage, at: now, by_user_id: actorId }).execute();
    await writeAudit(tx, { actorId, action: 'opportunity.create', entityType: 'opportunity', entityId: id, at: now });
    return (await getOpportunity(tx, id))!;
  });
}

async function insertLines(scope: TenantScope, id: string, lines: OpportunityLine[]) {
  await scope.db.deleteFrom('opportunity_lines').where('tenant_id', '=', scope.tenantId).where('opportunity_id', '=', id).execute();
  if (!lines.length) return;
  await scope.db
    .insertInto('opportunity_lines')
    .values(lines.map((l, ordinal) => ({ tenant_id: scope.tenantId, opportunity_id: id, ordinal, product: l.product, product_id: l.productId ?? null, quantity: l.quantity, unit_price_cents: l.unitPrice })))
    .execute();
}

/** Writes the columns given. With lines, the caller gives the value they add up to (opportunityFigures). */
export async function updateOpportunity(
  scope: TenantScope,
  id: string,
  patch: Partial<Omit<OpportunityInput, 'accountId' | 'stage'>>,
  actorId: string,
  now: number,
): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    const current = await getOpportunity(tx, id);
    if (!current) throw notFound('opportunity');
    await tx.db
      .updateTable('opportunities')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.currency !== undefined && { currency: patch.currency }),
        ...(patch.expectedCloseDate !== undefined && { expected_close_date: patch.expectedCloseDate }),
        ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
        ...(patch.value !== undefined && { value_cents: patch.value }),
        ...(patch.probability !== undefined && { probability: patch.probability }),
        updated_at: now,
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .execute();
    if (patch.lines) await insertLines(tx, id, patch.lines);
    await writeAudit(tx, { actorId, action: 'opportunity.update', entityType: 'opportunity', entityId: id, at: now, detail: Object.keys(patch) });
    return (await getOpportunity(tx, id))!;
  });
}

/** Archives (at a time) or restores (null) an opportunity, audited; its stage history and timeline stay. */
export async function setOpportunityArchived(scope: TenantScope, id: string, archivedAt: number | null, actorId: string, now: number): Promise<Opportunity> {
  await scope.db
    .updateTable('opportunities')
    .set({ archived_at: archivedAt, archived_by: archivedAt === null ? null : actorId, updated_at: now })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', id)
    .execute();
  await writeAudit(scope, { actorId, action: archivedAt === null ? 'opportunity.restore' : 'opportunity.archive', entityType: 'opportunity', entityId: id, at: now });
  const o = await getOpportunity(scope, id);
  if (!o) throw notFound('opportunity');
  return o;
}

/** Records a stage change; whether the move is allowed is the caller's question (canMoveStage). */
export async function moveStage(scope: TenantScope, id: string, stage: Stage, settings: TenantSettings, actorId: string, now: number): Promise<Opportunity> {
  return inTransaction(scope, async (tx) => {
    const current = await getOpportunity(tx, id);
    if (!current) throw notFound('opportunity');
    await tx.db
      .updateTable('opportunities')
      .set({
        stage,
        probability: probabilityFor(stage, settings.stageProbability),
        stage_changed_at: now,
        closed_at: OPEN_STAGES.includes(stage) ? null : now,
        updated_at: now,
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', id)
      .execute();
    await tx.db.insertInto('opportunity_stage_changes').values({ tenant_id: tx.tenantId, id: newId(now), opportunity_id: id, from_stage: current.stage, to_stage: stage, at: now, by_user_id: actorId }).execute();
    await writeAudit(tx, { actorId, action: 'opportunity.stage', entityType: 'opportunity', entityId: id, at: now, detail: { from: current.stage, to: stage } });
    return (await getOpportunity(tx, id))!;
  });
}

export interface PipelineStageSummary {
  stage: Stage;
  count: number;
  valueCents: number;
  weightedCents: number;
}

/** Pipeline by stage (EUR only: other currencies are reported apart rather than converted at a guessed rate). */
export async function pipelineSummary(scope: TenantScope, f: { ownerId?: string; accountId?: string; currency?: string }): Promise<PipelineStageSummary[]> {
  let q = scope.db
    .selectFrom('opportunities')
    .select((eb) => [
      'stage',
      eb.fn.countAll<number>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('value_cents'), eb.val(0)).as('v'),
      eb.fn.coalesce(eb.fn.sum<number>(eb('value_cents', '*', eb.ref('probability'))), eb.val(0)).as('w'),
    ])
    .where('tenant_id', '=', scope.tenantId)
    .where('deleted_at', 'is', null)
    .where('archived_at', 'is', null)
    .where('account_id', 'not in', archivedAccountIds(scope))
    .where('currency', '=', f.currency ?? 'EUR');
  if (f.ownerId) q = q.where('owner_id', '=', f.ownerId);
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  const rows = await q.groupBy('stage').execute();
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return (['identified', 'contacted', 'offer', 'negotiation', 'won', 'lost'] as Stage[]).map((stage) => {
    const r = byStage.get(stage);
    return {
      stage,
      count: Number(r?.n ?? 0),
      valueCents: Number(r?.v ?? 0),
      weightedCents: Math.round(Number(r?.w ?? 0) / 100),
    };
  });
}

export async function insertOpportunities(scope: TenantScope, opps: Opportunity[]): Promise<void> {
  for (const part of chunks(opps, 500)) {
    await scope.db
      .insertInto('opportunities')
      .values(
        part.map((o) => ({
          tenant_id: scope.tenantId, id: o.id, account_id: o.accountId, name: o.name, stage: o.stage, value_cents: o.value,
          currency: o.currency, expected_close_date: o.expectedCloseDate, probability: o.probability, owner_id: o.ownerId,
          stage_changed_at: o.stageChangedAt, closed_at: OPEN_STAGES.includes(o.stage) ? null : o.stageChangedAt,
          created_at: o.createdAt, updated_at: o.updatedAt, deleted_at: null,
        })),
      )
      .execute();
    const lines = part.flatMap((o) =>
      o.lines.map((l, ordinal) => ({ tenant_id: scope.tenantId, opportunity_id: o.id, ordinal, product: l.product, product_id: l.productId ?? null, quantity: l.quantity, unit_price_cents: l.unitPrice })),
    );
    for (const lp of chunks(lines, 2000)) await scope.db.insertInto('opportunity_lines').values(lp).execute();
  }
}
