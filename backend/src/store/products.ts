// The tenant's product catalogue, and the deal lines the sales figures are summed from. No rules here: who may
// change the catalogue and how a line is filled in are domain/products.ts's.
import type { Selectable } from 'kysely';
import type { ProductTable } from './database-products.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { productCodeKey, type Product } from '../domain/products.ts';
import { OPEN_STAGES } from '../domain/types.ts';
import { chunks, isUniqueViolation, type TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { writeAudit } from './audit.ts';

export interface ProductInput {
  name: string;
  code: string;
  unitPrice: number;
  currency: string;
  active: boolean;
}

function fromRow(r: Selectable<ProductTable>): Product {
  return {
    id: r.id, tenantId: r.tenant_id, name: r.name, code: r.code, unitPrice: Number(r.unit_price_cents), currency: r.currency,
    active: Number(r.active) === 1, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

export const duplicateCode = (code: string, holder: string) =>
  conflict(`The code “${code}” is already used by “${holder}” in the catalogue. Product codes must be unique: choose another code.`, [
    { field: 'code', message: `already used by “${holder}”` },
  ]);

/** The catalogue by name; deactivated products only when asked for (the catalogue page lists them apart). */
export async function listProducts(scope: TenantScope, f: { includeInactive?: boolean } = {}): Promise<Product[]> {
  let q = scope.db.selectFrom('products').selectAll().where('tenant_id', '=', scope.tenantId);
  if (!f.includeInactive) q = q.where('active', '=', 1);
  return (await q.orderBy('name').orderBy('id').limit(2000).execute()).map(fromRow);
}

export async function getProduct(scope: TenantScope, id: string): Promise<Product | null> {
  const r = await scope.db.selectFrom('products').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function productsByIds(scope: TenantScope, ids: readonly string[]): Promise<Map<string, Product>> {
  const out = new Map<string, Product>();
  for (const part of chunks([...new Set(ids)], 500)) {
    const rows = await scope.db.selectFrom('products').selectAll().where('tenant_id', '=', scope.tenantId).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, fromRow(r));
  }
  return out;
}

export async function productWithCode(scope: TenantScope, code: string): Promise<Product | null> {
  const r = await scope.db.selectFrom('products').selectAll().where('tenant_id', '=', scope.tenantId).where('code_key', '=', productCodeKey(code)).executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** How many deals (archived ones too) carry the product on a line: a product in use is deactivated, never deleted. */
export async function productUses(scope: TenantScope, id: string): Promise<number> {
  const r = await scope.db
    .selectFrom('opportunity_lines')
    .select((eb) => eb.fn.count<number>('opportunity_id').distinct().as('n'))
    .where('tenant_id', '=', scope.tenantId)
    .where('product_id', '=', id)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertProduct(scope: TenantScope, input: ProductInput, actorId: string | null, now: number, id: string = newId(now)): Promise<Product> {
  try {
    await scope.db
      .insertInto('products')
      .values({
        tenant_id: scope.tenantId, id, name: input.name, code: input.code.trim(), code_key: productCodeKey(input.code), unit_price_cents: input.unitPrice,
        currency: input.currency, active: input.active ? 1 : 0, created_at: now, updated_at: now, created_by: actorId,
      })
      .execute();
  } catch (e) {
    // Two managers adding the same code at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(e)) throw duplicateCode(input.code, (await productWithCode(scope, input.code))?.name ?? input.code);
    throw e;
  }
  await writeAudit(scope, { actorId, action: 'product.create', entityType: 'product', entityId: id, at: now, detail: { code: input.code, unitPrice: input.unitPrice } });
  return (await getProduct(scope, id))!;
}

export async function insertProducts(scope: TenantScope, products: readonly Product[]): Promise<void> {
  for (const part of chunks(products, 500)) {
    await scope.db
      .insertInto('products')
      .values(part.map((p) => ({
        tenant_id: scope.tenantId, id: p.id, name: p.name, code: p.code, code_key: productCodeKey(p.code), unit_price_cents: p.unitPrice,
        currency: p.currency, active: p.active ? 1 : 0, created_at: p.createdAt, updated_at: p.updatedAt, created_by: null,
      })))
      .execute();
  }
}

export async function updateProduct(scope: TenantScope, id: string, patch: Partial<Omit<ProductInput, 'currency'>>, actorId: string, now: number): Promise<Product> {
  try {
    await scope.db
      .updateTable('products')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.code !== undefined && { code: patch.code.trim(), code_key: productCodeKey(patch.code) }),
        ...(patch.unitPrice !== undefined && { unit_price_cents: patch.unitPrice }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        updated_at: now,
      })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', id)
      .execute();
  } catch (e) {
    if (isUniqueViolation(e) && patch.code !== undefined) throw duplicateCode(patch.code, (await productWithCode(scope, patch.code))?.name ?? patch.code);
    throw e;
  }
  const action = patch.active === false ? 'product.deactivate' : patch.active === true ? 'product.activate' : 'product.update';
  await writeAudit(scope, { actorId, action, entityType: 'product', entityId: id, at: now, detail: patch });
  const p = await getProduct(scope, id);
  if (!p) throw notFound('product');
  return p;
}

export async function deleteProduct(scope: TenantScope, id: string, actorId: string, now: number): Promise<void> {
  await scope.db.deleteFrom('products').where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
  await writeAudit(scope, { actorId, action: 'product.delete', entityType: 'product', entityId: id, at: now });
}

/** A deal's line (or, for a deal without lines, its whole value as one line) with what the figures need. */
export interface SoldLineRow {
  opportunityId: string;
  accountId: string;
  accountName: string;
  stage: string;
  closedAt: number | null;
  productId: string | null;
  product: string | null;
  quantity: number | null;
  unitPrice: number | null;
  value: number;
}

/**
 * The lines of the deals won in [start, end) and of the open deals, in one currency, of live deals on live
 * accounts. `people`: only deals a person in the list owns or that sit on an account one of them owns (null:
 * everyone's); `accountId`: one account's.
 */
export async function soldLines(
  scope: TenantScope,
  f: { people: readonly string[] | null; accountId?: string; start: number; end: number; currency: string },
): Promise<SoldLineRow[]> {
  if (f.people && f.people.length === 0) return [];
  let q = scope.db
    .selectFrom('opportunities as o')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.account_id'))
    .leftJoin('opportunity_lines as l', (j) => j.onRef('l.tenant_id', '=', 'o.tenant_id').onRef('l.opportunity_id', '=', 'o.id'))
    .select([
      'o.id as opportunityId', 'o.account_id as accountId', 'a.name as accountName', 'o.stage', 'o.closed_at as closedAt', 'o.value_cents as value',
      'l.product_id as productId', 'l.product', 'l.quantity', 'l.unit_price_cents as unitPrice',
    ])
    .where('o.tenant_id', '=', scope.tenantId)
    .where('o.deleted_at', 'is', null)
    .where('o.archived_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .where('a.archived_at', 'is', null)
    .where('o.currency', '=', f.currency)
    .where((eb) => eb.or([
      eb('o.stage', 'in', [...OPEN_STAGES]),
      eb.and([eb('o.stage', '=', 'won'), eb('o.closed_at', '>=', f.start), eb('o.closed_at', '<', f.end)]),
    ]));
  if (f.accountId) q = q.where('o.account_id', '=', f.accountId);
  if (f.people) {
    const people = [...f.people];
    q = q.where((eb) => eb.or([eb('o.owner_id', 'in', people), eb('a.owner_id', 'in', people)]));
  }
  const rows = await q.orderBy('o.id').orderBy('l.ordinal').execute();
  return rows.map((r) => ({
    opportunityId: r.opportunityId, accountId: r.accountId, accountName: r.accountName, stage: r.stage,
    closedAt: r.closedAt === null ? null : Number(r.closedAt), productId: r.productId ?? null, product: r.product ?? null,
    quantity: r.quantity === null ? null : Number(r.quantity), unitPrice: r.unitPrice === null ? null : Number(r.unitPrice), value: Number(r.value),
  }));
}
