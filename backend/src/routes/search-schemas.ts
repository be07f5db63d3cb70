// The search API's schemas: the query and the grouped, highlighted answer.
import { z } from '@hono/zod-openapi';
import { MAX_QUERY_LENGTH } from '../domain/search-text.ts';
import { MAX_SEARCH_LIMIT, SEARCH_KINDS } from '../use-cases/search/search-records.ts';

export const SearchQuerySchema = z.object({
  // Length and content are checked by the use case, so an empty or too long query gets its reason in the problem.
  q: z.string().max(MAX_QUERY_LENGTH * 4).openapi({ description: `What to look for, at most ${MAX_QUERY_LENGTH} characters with at least one word of two letters; each word matches as a word prefix, case and accents aside ("mäk" finds Mäkinen and Makela)`, example: 'mäkinen' }),
  kinds: z.string().max(64).optional()
    .transform((s) => (s ? [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))] : undefined))
    .pipe(z.array(z.enum(SEARCH_KINDS)).min(1).optional())
    .openapi({ description: 'Comma-separated: `account`, `contact`, `interaction`. Default all three.', example: 'account,contact' }),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).optional().openapi({ description: `Hits per kind, 1-${MAX_SEARCH_LIMIT}; 5 when left out` }),
  includeArchived: z.enum(['true', 'false']).optional().transform((v) => v === 'true').openapi({ description: 'true: archived accounts (and their contacts and history) too' }),
});

const Highlight = z.array(z.object({ text: z.string(), match: z.boolean() })).nullable()
  .openapi({ description: 'A fragment of text the asker may read, split into the parts that match a word of the query and the rest; null when no readable text matched' });

export const SearchHitSchema = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string(),
    title: z.string().nullable().openapi({ description: 'Account or contact name; an interaction’s subject, null when the asker sees only that it happened (`redacted`) or it has none' }),
    accountId: z.string().nullable().openapi({ description: 'The account to open: the account itself, the contact’s account, the interaction’s (first) account' }),
    accountName: z.string().nullable(),
    itemKind: z.string().nullable().openapi({ description: 'Interactions: email, meeting, call, note, chat' }),
    occurredAt: z.number().nullable(),
    redacted: z.boolean().openapi({ description: 'A metadata-only interaction the asker does not hold: found and shown by who took part only' }),
    archived: z.boolean().openapi({ description: 'An archived account; a contact archived itself or on an archived account; an interaction on an archived account. Only found with `includeArchived=true`' }),
    accountArchived: z.boolean().openapi({ description: 'The account `accountId` names is archived. A contact archived on a live account is `archived` while its account is not: a client offering the account reads this' }),
    highlight: Highlight,
  })
  .openapi('SearchHit');

export const SearchResultSchema = z
  .object({
    words: z.array(z.string()).openapi({ description: 'The words searched for, folded (lower case, no accents)' }),
    accounts: z.array(SearchHitSchema),
    contacts: z.array(SearchHitSchema),
    interactions: z.array(SearchHitSchema),
  })
  .openapi('SearchResult');
