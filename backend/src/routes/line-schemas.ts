// An opportunity's product lines as answered and as asked for. Apart from schemas.ts (which imports these) so
// the product catalogue's schemas can use them too without a cycle.
import { z } from '@hono/zod-openapi';

const Cents = z.number().int().min(0).max(1e13).openapi({ description: 'Integer cents' });
const ProductId = z.string().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');
const Name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const Quantity = z.number().positive().max(1e9);

export const OpportunityLineSchema = z
  .object({
    product: Name,
    productId: ProductId.nullable().openapi({ description: 'The catalogue product the line was chosen from; null for a free-text line' }),
    quantity: Quantity,
    unitPrice: Cents,
  })
  .openapi('OpportunityLine');

export const OpportunityLineInput = z
  .object({
    productId: ProductId.optional().openapi({ description: 'A product from GET /api/products: name and unit price default to its own. An inactive product is refused on a new line (422).' }),
    product: Name.optional().openapi({ description: 'Required without productId; with it, overrides the catalogue name' }),
    quantity: Quantity,
    unitPrice: Cents.optional().openapi({ description: 'Integer cents. Required without productId; with it, overrides the list price (a discount)' }),
  })
  .openapi('OpportunityLineInput');
