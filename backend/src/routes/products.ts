// The product catalogue (everyone reads it; managers and admins keep it) and what is sold to whom for how much.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { IdParam, problems } from './schemas.ts';
import { AccountProductsSchema, ProductCreate, ProductListQuery, ProductListSchema, ProductSchema, ProductUpdate, SalesFiguresSchema, SalesQuery } from './product-schemas.ts';
import { listProducts, getProduct } from '../store/products.ts';
import { createProduct, deleteProduct, updateProduct } from '../use-cases/products/save-product.ts';
import { accountSalesFigures, computeSalesFigures, type SalesFiguresAnswer } from '../use-cases/products/sales-figures.ts';
import { mayEditCatalogue, type Product } from '../domain/products.ts';
import { notFound } from '../domain/errors.ts';
import { actorOf, permissionView } from './views.ts';
import { periodFrom } from './analytics.ts';

const productView = (p: Product) => ({
  id: p.id, name: p.name, code: p.code, unitPrice: p.unitPrice, currency: p.currency, active: p.active, createdAt: p.createdAt, updatedAt: p.updatedAt,
});

const cells = (m: Map<string | null, number>) => [...m].map(([productId, wonCents]) => ({ productId, wonCents }));

function productColumns(f: SalesFiguresAnswer) {
  return f.products.map((p) => {
    const product = p.productId ? f.productsById.get(p.productId) : undefined;
    return { ...p, name: product?.name ?? null, code: product?.code ?? null, active: product ? product.active : null };
  });
}

// The whole history of one account's purchases: from the first supported day to far past any plan.
const ALL_TIME = { start: Date.UTC(1900, 0, 1), end: Date.UTC(3000, 0, 1), timeZone: 'Europe/Helsinki' };

export function productRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/products', operationId: 'listProducts', tags: ['Products'], security: bearer, summary: 'The product catalogue',
        request: { query: ProductListQuery },
        responses: { 200: { description: 'Products by name', content: { 'application/json': { schema: ProductListSchema } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const items = await listProducts(auth.scope, { includeInactive: c.req.valid('query').includeInactive });
        return c.json({ items: items.map(productView), can: { edit: permissionView(mayEditCatalogue(actorOf(auth))) } }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/products', operationId: 'createProduct', tags: ['Products'], security: bearer, summary: 'Add a product to the catalogue (managers and admins)',
        description: 'The currency is the tenant’s (EUR). A code another product already has is a 409 naming that product.',
        request: { body: { required: true, content: { 'application/json': { schema: ProductCreate } } } },
        responses: { 201: { description: 'Added', content: { 'application/json': { schema: ProductSchema } } }, ...problems(400, 401, 403, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(productView(await createProduct(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock())), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/products/{id}', operationId: 'getProduct', tags: ['Products'], security: bearer, summary: 'Read a product',
        request: { params: IdParam },
        responses: { 200: { description: 'The product', content: { 'application/json': { schema: ProductSchema } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const p = await getProduct(c.get('auth').scope, c.req.valid('param').id);
        if (!p) throw notFound('product');
        return c.json(productView(p), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/products/{id}', operationId: 'updateProduct', tags: ['Products'], security: bearer, summary: 'Change a product: name, code, list price, active (managers and admins)',
        description: 'A new list price applies to new lines; deals already quoted keep their prices. `active: false` deactivates the product instead of deleting it.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ProductUpdate } } } },
        responses: { 200: { description: 'Changed', content: { 'application/json': { schema: ProductSchema } } }, ...problems(400, 401, 403, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(productView(await updateProduct(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json'), deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete', path: '/products/{id}', operationId: 'deleteProduct', tags: ['Products'], security: bearer, summary: 'Delete a product no deal carries (managers and admins)',
        description: 'A product on any deal line is a 409: deactivate it instead (PATCH active: false).',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404, 409, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        await deleteProduct(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock());
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/analytics/products', operationId: 'getSalesByProduct', tags: ['Products'], security: bearer,
        summary: 'Won euros per product, account and month, and open pipeline per product',
        description:
          'The product × account table: rows are accounts, columns products, cells the euros won in the period (deals won between from and to, ' +
          'by their local day in `tz`). Each line counts quantity × unit price; a deal without lines counts its value under no product. ' +
          'A salesperson sees the deals they own and the deals on accounts they own; a manager or an admin their team’s (or `team=all`). EUR deals only.',
        request: { query: SalesQuery },
        responses: { 200: { description: 'The figures', content: { 'application/json': { schema: SalesFiguresSchema } } }, ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const period = periodFrom(q, deps.clock());
        const f = await computeSalesFigures(auth.scope, auth.user, { period, team: q.team });
        return c.json({
          period: { from: period.from, to: period.to, timeZone: period.timeZone },
          currency: 'EUR' as const,
          scope: f.scope,
          products: productColumns(f),
          accounts: {
            total: f.accounts.length,
            items: f.accounts.slice(0, q.limit).map((a) => ({ accountId: a.accountId, name: f.accountNames.get(a.accountId) ?? a.accountId, wonCents: a.wonCents, cells: cells(a.byProduct) })),
          },
          months: f.months.map((m) => ({ month: m.month, wonCents: m.wonCents, cells: cells(m.byProduct) })),
          totals: { wonCents: f.wonCents, openPipelineCents: f.openPipelineCents },
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/accounts/{id}/products', operationId: 'getAccountProducts', tags: ['Products'], security: bearer,
        summary: 'What an account has bought: won euros per product (all time) and its open pipeline per product',
        request: { params: IdParam },
        responses: { 200: { description: 'Per product', content: { 'application/json': { schema: AccountProductsSchema } } }, ...problems(400, 401, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const f = await accountSalesFigures(auth.scope, c.req.valid('param').id, ALL_TIME);
        return c.json({ currency: 'EUR' as const, products: productColumns(f), totals: { wonCents: f.wonCents, openPipelineCents: f.openPipelineCents } }, 200);
      },
    );
}
