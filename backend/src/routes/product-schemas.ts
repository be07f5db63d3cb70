// The product catalogue and the sales figures ("what is sold to whom for how much") as the API answers them.
import { z } from '@hono/zod-openapi';
import { isSupportedDate, isValidTimeZone, SUPPORTED_DATE_MESSAGE } from '../domain/period.ts';
import { PermissionSchema } from './permission-schemas.ts';

const Cents = z.number().int().openapi({ description: 'Integer cents (EUR)' });
const Count = z.number().int();
const Name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Code = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters')
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters').openapi({ description: 'Unique per tenant, compared without case', example: 'SCADA-LIC' });
const Price = z.number().int().min(0, 'must not be negative').max(1e13).openapi({ description: 'List price in integer cents' });
const IsoDate = z.iso.date('must be a date like 2026-09-30').refine(isSupportedDate, SUPPORTED_DATE_MESSAGE);

export const ProductSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    code: z.string(),
    unitPrice: Price,
    currency: z.string(),
    active: z.boolean().openapi({ description: 'Inactive products stay on the deals that carry them but cannot go on a new line' }),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('Product');

export const ProductListSchema = z
  .object({
    items: z.array(ProductSchema),
    can: z.object({ edit: PermissionSchema }).openapi({ description: 'Whether you may add, change and deactivate products, and why not' }),
  })
  .openapi('ProductList');

export const ProductListQuery = z.object({
  includeInactive: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').openapi({ description: 'true: deactivated products too' }),
});

export const ProductCreate = z
  .object({ name: Name, code: Code, unitPrice: Price, active: z.boolean().optional().openapi({ description: 'Default: true' }) })
  .strict()
  .openapi('ProductCreate');

export const ProductUpdate = z
  .object({ name: Name, code: Code, unitPrice: Price, active: z.boolean().openapi({ description: 'false deactivates the product: it is no longer offered for new lines' }) })
  .partial()
  .strict()
  .openapi('ProductUpdate');

export const SalesQuery = z.object({
  from: IsoDate.optional().openapi({ description: 'First day of the period (local); with `to`. Default: the last `days` days.' }),
  to: IsoDate.optional().openapi({ description: 'Last day of the period, inclusive' }),
  days: z.coerce.number().int().min(1).max(366).default(365).openapi({ description: 'Trailing period length when from/to are not given' }),
  tz: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone like Europe/Helsinki').default('Europe/Helsinki'),
  team: z.string().trim().min(1).max(100).optional()
    .openapi({ description: 'Managers and admins: a team name, or "all" for the whole organisation. Default: your own team. A salesperson always gets their own accounts and deals.' }),
  limit: z.coerce.number().int().min(1).max(2000).default(500).openapi({ description: 'How many accounts (rows) the table shows, the most won first' }),
});

const ProductColumn = z.object({
  productId: z.string().nullable().openapi({ description: 'null: lines not chosen from the catalogue, and deals without lines' }),
  name: z.string().nullable(),
  code: z.string().nullable(),
  active: z.boolean().nullable(),
  wonCents: Cents,
  wonDeals: Count,
  openPipelineCents: Cents.openapi({ description: 'The product’s lines on open deals now (not limited to the period)' }),
});
const Cell = z.object({ productId: z.string().nullable(), wonCents: Cents });

export const SalesFiguresSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    currency: z.literal('EUR'),
    scope: z.object({ kind: z.enum(['own', 'team', 'all']), team: z.string().nullable() }),
    products: z.array(ProductColumn).openapi({ description: 'The columns: every product with won or open euros, the most won first' }),
    accounts: z.object({
      total: Count,
      items: z.array(z.object({ accountId: z.string(), name: z.string(), wonCents: Cents, cells: z.array(Cell).openapi({ description: 'Won cents per product; products with nothing won are left out' }) })),
    }),
    months: z.array(z.object({ month: z.string().openapi({ example: '2026-11' }), wonCents: Cents, cells: z.array(Cell) })),
    totals: z.object({ wonCents: Cents, openPipelineCents: Cents }),
  })
  .openapi('SalesFigures');

export const AccountProductsSchema = z
  .object({
    currency: z.literal('EUR'),
    products: z.array(ProductColumn),
    totals: z.object({ wonCents: Cents, openPipelineCents: Cents }),
  })
  .openapi('AccountProducts');
