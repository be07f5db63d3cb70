// The tenant's product catalogue and what it sells: who may keep the catalogue, how an opportunity line chosen
// from it is filled in, and the won and open euros per product, account and month.
import { DomainError, invalid, type FieldError } from './errors.ts';
import type { Actor, Permission } from './record-permissions.ts';
import type { OpportunityLine } from './types.ts';
import { valueFromLines } from './opportunity-value.ts';

export interface Product {
  id: string;
  tenantId: string;
  name: string;
  code: string;
  /** List price in cents of `currency`. */
  unitPrice: number;
  currency: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A line as a request gives it: from the catalogue (productId; name and price default to the product's) or free text. */
export interface OpportunityLineInput {
  product?: string | undefined;
  productId?: string | null | undefined;
  quantity: number;
  unitPrice?: number | undefined;
}

/**
 * The catalogue's currency: the tenant's, which is EUR for every tenant today (the pipeline and the forecast
 * count EUR only). A price list per currency would be a column away.
 */
export const CATALOGUE_CURRENCY = 'EUR';

/** Codes compare without case or surrounding space: "scada-lic" is the same product as "SCADA-LIC". */
export function productCodeKey(code: string): string {
  return code.trim().toLowerCase();
}

/** Everyone reads the catalogue; prices and what is sold are a manager's or an admin's to set. */
export function mayEditCatalogue(actor: Actor): Permission {
  return actor.role === 'manager' || actor.role === 'admin'
    ? { allowed: true }
    : { allowed: false, reason: 'Only a manager or an admin can change the product catalogue.' };
}

const unprocessable = (detail: string, errors: FieldError[]) => new DomainError('unprocessable', 'Unprocessable', detail, errors);

/**
 * The stored lines of a deal. A line from the catalogue takes the product's name and list price unless the
 * request gives its own (a discount, a name the customer knows); a free-text line needs both. A deactivated
 * product cannot go on a new line, but a deal that already carries it keeps it when edited (`kept`), so
 * changing a quantity on an old deal does not fail. Prices are in the deal's currency: a product priced in
 * another one is refused rather than converted at a guessed rate.
 */
export function resolveLines(
  inputs: readonly OpportunityLineInput[],
  catalogue: ReadonlyMap<string, Product>,
  opts: { currency: string; kept?: ReadonlySet<string> },
): OpportunityLine[] {
  return inputs.map((l, i) => {
    const field = (name: string) => `lines.${i}.${name}`;
    if (!l.productId) {
      const missing: FieldError[] = [];
      if (!l.product) missing.push({ field: field('product'), message: 'required when the line is not from the catalogue' });
      if (l.unitPrice === undefined) missing.push({ field: field('unitPrice'), message: 'required when the line is not from the catalogue' });
      if (missing.length) throw invalid(`Line ${i + 1} needs a product from the catalogue, or a product name and a unit price.`, missing);
      return { product: l.product!, productId: null, quantity: l.quantity, unitPrice: l.unitPrice! };
    }
    const p = catalogue.get(l.productId);
    if (!p) throw unprocessable(`Line ${i + 1} names a product that is not in the catalogue.`, [{ field: field('productId'), message: 'no such product in the catalogue' }]);
    if (!p.active && !opts.kept?.has(p.id)) {
      throw unprocessable(`“${p.name}” (${p.code}) is no longer sold: it was deactivated in the catalogue. Choose an active product, or ask a manager to reactivate it.`, [
        { field: field('productId'), message: 'deactivated in the catalogue' },
      ]);
    }
    if (p.currency !== opts.currency && l.unitPrice === undefined) {
      throw unprocessable(`“${p.name}” is priced in ${p.currency} and this deal is in ${opts.currency}: give the line’s unit price in ${opts.currency}.`, [
        { field: field('unitPrice'), message: `required in ${opts.currency}` },
      ]);
    }
    return { product: l.product || p.name, productId: p.id, quantity: l.quantity, unitPrice: l.unitPrice ?? p.unitPrice };
  });
}

/** One line of a deal as the figures count it; a deal without lines is one line of its whole value, no product. */
export interface FigureLine {
  opportunityId: string;
  accountId: string;
  productId: string | null;
  /** The line's amount in cents (quantity × unit price, rounded as the deal's value is). */
  cents: number;
  /** Won: the local month it was won in (YYYY-MM); open: null. */
  wonMonth: string | null;
}

export function lineAmount(l: Pick<OpportunityLine, 'quantity' | 'unitPrice'>): number {
  return valueFromLines([{ product: '', quantity: l.quantity, unitPrice: l.unitPrice }]);
}

export interface ProductTotals {
  productId: string | null;
  wonCents: number;
  wonDeals: number;
  openPipelineCents: number;
}

export interface SalesFigures {
  /** Every product with won or open euros, the most won first; null is the lines not from the catalogue. */
  products: ProductTotals[];
  /** Won cents per account and product, accounts with the most won first. */
  accounts: { accountId: string; wonCents: number; byProduct: Map<string | null, number> }[];
  /** Won cents per month and product, in month order. */
  months: { month: string; wonCents: number; byProduct: Map<string | null, number> }[];
  wonCents: number;
  openPipelineCents: number;
}

const add = (m: Map<string | null, number>, k: string | null, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** Sums won lines per product, account and month, and open lines per product. Ties break by id, so the order is stable. */
export function salesFigures(lines: readonly FigureLine[]): SalesFigures {
  const products = new Map<string | null, { won: number; deals: Set<string>; open: number }>();
  const accounts = new Map<string, Map<string | null, number>>();
  const months = new Map<string, Map<string | null, number>>();
  let wonCents = 0;
  let openPipelineCents = 0;
  for (const l of lines) {
    const p = products.get(l.productId) ?? { won: 0, deals: new Set<string>(), open: 0 };
    products.set(l.productId, p);
    if (l.wonMonth === null) {
      p.open += l.cents;
      openPipelineCents += l.cents;
      continue;
    }
    p.won += l.cents;
    p.deals.add(l.opportunityId);
    wonCents += l.cents;
    if (!accounts.has(l.accountId)) accounts.set(l.accountId, new Map());
    add(accounts.get(l.accountId)!, l.productId, l.cents);
    if (!months.has(l.wonMonth)) months.set(l.wonMonth, new Map());
    add(months.get(l.wonMonth)!, l.productId, l.cents);
  }
  const sum = (m: Map<string | null, number>) => [...m.values()].reduce((n, v) => n + v, 0);
  const byId = (a: string | null, b: string | null) => (a ?? '\uffff').localeCompare(b ?? '\uffff');
  return {
    products: [...products]
      .map(([productId, p]) => ({ productId, wonCents: p.won, wonDeals: p.deals.size, openPipelineCents: p.open }))
      .sort((a, b) => b.wonCents - a.wonCents || b.openPipelineCents - a.openPipelineCents || byId(a.productId, b.productId)),
    accounts: [...accounts]
      .map(([accountId, byProduct]) => ({ accountId, wonCents: sum(byProduct), byProduct }))
      .sort((a, b) => b.wonCents - a.wonCents || a.accountId.localeCompare(b.accountId)),
    months: [...months].map(([month, byProduct]) => ({ month, wonCents: sum(byProduct), byProduct })).sort((a, b) => a.month.localeCompare(b.month)),
    wonCents,
    openPipelineCents,
  };
}
