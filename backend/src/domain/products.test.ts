import { describe, expect, it } from 'vitest';
import { mayEditCatalogue, productCodeKey, resolveLines, salesFigures, type FigureLine, type Product } from './products.ts';
import { DomainError } from './errors.ts';

const product = (over: Partial<Product> = {}): Product => ({
  id: 'p1', tenantId: 't', name: 'SCADA licence', code: 'SCADA-LIC', unitPrice: 1_800_000, currency: 'EUR', active: true, createdAt: 0, updatedAt: 0, ...over,
});
const catalogue = new Map([['p1', product()], ['p2', product({ id: 'p2', name: 'Old PLC', code: 'PLC-OLD', unitPrice: 5000, active: false })]]);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('the catalogue', () => {
  it('compares codes without case or surrounding space', () => {
    expect(productCodeKey('  Scada-LIC ')).toBe(productCodeKey('scada-lic'));
  });

  it('is a manager’s or an admin’s to change, with the reason for a salesperson', () => {
    expect(mayEditCatalogue({ id: 'm', role: 'manager' }).allowed).toBe(true);
    expect(mayEditCatalogue({ id: 'a', role: 'admin' }).allowed).toBe(true);
    const rep = mayEditCatalogue({ id: 'r', role: 'rep' });
    expect(rep).toEqual({ allowed: false, reason: expect.stringMatching(/manager or an admin/) });
  });
});

describe('resolveLines', () => {
  it('takes the catalogue’s name and list price unless the line gives its own', () => {
    const lines = resolveLines([{ productId: 'p1', quantity: 2 }, { productId: 'p1', quantity: 1, unitPrice: 1_500_000, product: 'SCADA (discounted)' }], catalogue, { currency: 'EUR' });
    expect(lines).toEqual([
      { product: 'SCADA licence', productId: 'p1', quantity: 2, unitPrice: 1_800_000 },
      { product: 'SCADA (discounted)', productId: 'p1', quantity: 1, unitPrice: 1_500_000 },
    ]);
  });

  it('keeps free-text lines, which need a name and a price', () => {
    expect(resolveLines([{ product: 'Travel', quantity: 1, unitPrice: 300 }], catalogue, { currency: 'EUR' })).toEqual([{ product: 'Travel', productId: null, quantity: 1, unitPrice: 300 }]);
    const e = refusal(() => resolveLines([{ product: 'Travel', quantity: 1 }], catalogue, { currency: 'EUR' }));
    expect(e.kind).toBe('invalid');
    expect(e.errors).toEqual([{ field: 'lines.0.unitPrice', message: expect.any(String) }]);
  });

  it('refuses a deactivated product on a new line but keeps it on a deal that already carries it', () => {
    const e = refusal(() => resolveLines([{ productId: 'p2', quantity: 1 }], catalogue, { currency: 'EUR' }));
    expect(e.kind).toBe('unprocessable');
    expect(e.detail).toMatch(/“Old PLC” \(PLC-OLD\) is no longer sold/);
    expect(e.errors[0]!.field).toBe('lines.0.productId');
    expect(resolveLines([{ productId: 'p2', quantity: 3 }], catalogue, { currency: 'EUR', kept: new Set(['p2']) })[0]).toMatchObject({ productId: 'p2', quantity: 3, unitPrice: 5000 });
  });

  it('refuses a product that is not in the catalogue, and a list price in another currency without a price of the deal’s own', () => {
    expect(refusal(() => resolveLines([{ productId: 'nope', quantity: 1 }], catalogue, { currency: 'EUR' })).errors[0]!.field).toBe('lines.0.productId');
    const sek = refusal(() => resolveLines([{ productId: 'p1', quantity: 1 }], catalogue, { currency: 'SEK' }));
    expect(sek.detail).toMatch(/priced in EUR and this deal is in SEK/);
    expect(resolveLines([{ productId: 'p1', quantity: 1, unitPrice: 99 }], catalogue, { currency: 'SEK' })[0]!.unitPrice).toBe(99);
  });
});

describe('salesFigures', () => {
  const line = (over: Partial<FigureLine>): FigureLine => ({ opportunityId: 'o1', accountId: 'a1', productId: 'p1', cents: 100, wonMonth: '2026-11', ...over });

  it('sums won lines per product, account and month and open lines per product', () => {
    const f = salesFigures([
      line({ cents: 1000 }),
      line({ productId: 'p2', cents: 250 }),
      line({ opportunityId: 'o2', accountId: 'a2', cents: 3000, wonMonth: '2026-10' }),
      line({ opportunityId: 'o3', accountId: 'a2', productId: null, cents: 700, wonMonth: '2026-10' }),
      line({ opportunityId: 'o4', accountId: 'a1', productId: 'p2', cents: 5000, wonMonth: null }),
    ]);
    expect(f.wonCents).toBe(4950);
    expect(f.openPipelineCents).toBe(5000);
    expect(f.products).toEqual([
      { productId: 'p1', wonCents: 4000, wonDeals: 2, openPipelineCents: 0 },
      { productId: null, wonCents: 700, wonDeals: 1, openPipelineCents: 0 },
      { productId: 'p2', wonCents: 250, wonDeals: 1, openPipelineCents: 5000 },
    ]);
    expect(f.accounts.map((a) => [a.accountId, a.wonCents, Object.fromEntries(a.byProduct)])).toEqual([
      ['a2', 3700, { p1: 3000, null: 700 }],
      ['a1', 1250, { p1: 1000, p2: 250 }],
    ]);
    expect(f.months.map((m) => [m.month, m.wonCents])).toEqual([['2026-10', 3700], ['2026-11', 1250]]);
  });

  it('is empty without lines', () => {
    expect(salesFigures([])).toMatchObject({ products: [], accounts: [], months: [], wonCents: 0, openPipelineCents: 0 });
  });
});
