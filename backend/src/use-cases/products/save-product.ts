// Adding and changing catalogue products (managers and admins): a code is unique per tenant, a product that
// deals carry is deactivated rather than deleted.
import { conflict, notFound } from '../../domain/errors.ts';
import { CATALOGUE_CURRENCY, mayEditCatalogue, type Product } from '../../domain/products.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import * as products from '../../store/products.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export interface NewProduct {
  name: string;
  code: string;
  unitPrice: number;
  active?: boolean | undefined;
}

export type ProductPatch = Partial<Omit<products.ProductInput, 'currency'>>;

async function requireCodeFree(scope: TenantScope, code: string, exceptId?: string): Promise<void> {
  const holder = await products.productWithCode(scope, code);
  if (holder && holder.id !== exceptId) throw products.duplicateCode(code.trim(), holder.name);
}

async function requireProduct(scope: TenantScope, id: string): Promise<Product> {
  const p = await products.getProduct(scope, id);
  if (!p) throw notFound('product');
  return p;
}

export async function createProduct(scope: TenantScope, actor: Actor, input: NewProduct, now: number): Promise<Product> {
  requirePermission(mayEditCatalogue(actor));
  return inTransaction(scope, async (tx) => {
    await requireCodeFree(tx, input.code);
    return products.insertProduct(tx, { name: input.name, code: input.code, unitPrice: input.unitPrice, currency: CATALOGUE_CURRENCY, active: input.active ?? true }, actor.id, now);
  });
}

/** Name, code, list price and active; a new list price applies to new lines, deals already quoted keep theirs. */
export async function updateProduct(scope: TenantScope, actor: Actor, id: string, patch: ProductPatch, now: number): Promise<Product> {
  requirePermission(mayEditCatalogue(actor));
  return inTransaction(scope, async (tx) => {
    await requireProduct(tx, id);
    if (patch.code !== undefined) await requireCodeFree(tx, patch.code, id);
    return products.updateProduct(tx, id, patch, actor.id, now);
  });
}

/** Only a product no deal has ever carried (one added by mistake): the figures of past deals name their products. */
export async function deleteProduct(scope: TenantScope, actor: Actor, id: string, now: number): Promise<void> {
  requirePermission(mayEditCatalogue(actor));
  await inTransaction(scope, async (tx) => {
    const p = await requireProduct(tx, id);
    const uses = await products.productUses(tx, id);
    if (uses > 0) {
      throw conflict(`“${p.name}” is on ${uses} ${uses === 1 ? 'deal' : 'deals'} and cannot be deleted: deactivate it instead, so it is no longer offered for new lines and past figures keep it.`);
    }
    await products.deleteProduct(tx, id, actor.id, now);
  });
}
