// The account list's saved views as the API takes and answers them; `filters` is the list's filter set,
// validated here so a shared view cannot carry what the account list would refuse.
import { z } from '@hono/zod-openapi';
import { LIFECYCLES, SIZES, TIERS } from '../domain/types.ts';
import { SAVED_VIEW_SCOPES } from '../domain/saved-views.ts';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

export const SavedViewFilters = z
  .object({
    q: text(200),
    tiers: z.array(z.enum(TIERS)).max(TIERS.length),
    ownerId: z.string().max(64).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
      .openapi({ description: '"" anyone, "me" whoever opens the view, or a colleague’s id' }),
    lifecycles: z.array(z.enum(LIFECYCLES)).max(LIFECYCLES.length),
    industry: text(100),
    region: text(100),
    size: z.union([z.enum(SIZES), z.literal('')]),
    overdue: z.boolean(),
    archived: z.boolean().optional().openapi({ description: '"Show archived": archived accounts too' }),
    sort: z.enum(['attention', 'name', 'lastContact', 'tier', 'pipeline']),
    order: z.enum(['asc', 'desc']),
  })
  .strict()
  .openapi('SavedViewFilters', { description: 'The account list’s filters (GET /accounts takes the same, as a query)' });

const Name = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const SavedViewSchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    name: z.string(),
    scope: z.enum(SAVED_VIEW_SCOPES).openapi({ description: '`mine`: only the owner sees it; `team`: also the colleagues in the owner’s team' }),
    filters: SavedViewFilters,
    createdAt: z.number(),
    updatedAt: z.number(),
    can: z.object({
      change: z.boolean().openapi({ description: 'Rename, change the filters, share or unshare: the owner only' }),
      delete: z.boolean().openapi({ description: 'The owner, or a manager of the team a shared view is shared with' }),
    }),
  })
  .openapi('SavedView');

export const SavedViewCreate = z
  .object({ name: Name, scope: z.enum(SAVED_VIEW_SCOPES).optional().openapi({ description: 'Left out: `mine`' }), filters: SavedViewFilters })
  .strict()
  .openapi('SavedViewCreate');

export const SavedViewUpdate = z
  .object({ name: Name.optional(), scope: z.enum(SAVED_VIEW_SCOPES).optional(), filters: SavedViewFilters.optional() })
  .strict()
  .openapi('SavedViewUpdate');
