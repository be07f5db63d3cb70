// "What the sync captured from my mailbox": every user sees what was stored from their own mailbox, in full
// (they hold it), and how much was skipped and why; the blocklist and thread visibility routes are in sync.ts.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import { problems } from './schemas.ts';
import { INTERACTION_KINDS, VISIBILITIES } from '../domain/types.ts';
import { listMailboxes } from '../store/mailboxes.ts';
import { skipCounts } from '../store/skip-counts.ts';
import { capturedPage } from '../store/captures.ts';
import { decodeCursor, encodeCursor } from './views.ts';

const MyCaptures = z.object({
  mailbox: z.object({
    id: z.string(), address: z.string(), mode: z.enum(['application', 'delegated']), enabled: z.boolean(),
    blockedAddresses: z.array(z.string()), blockedDomains: z.array(z.string()),
  }).nullable().openapi({ description: 'Your synced mailbox with your own blocklist; null when it is not synced' }),
  skipped: z.record(z.string(), z.number()).openapi({ description: 'Items not stored from your mailbox, by reason (private, personal, internal, automated, blocked, ...)' }),
  items: z.array(z.object({
    id: z.string(), kind: z.enum(INTERACTION_KINDS), occurredAt: z.number(), subject: z.string().nullable(), visibility: z.enum(VISIBILITIES),
    inThread: z.boolean().openapi({ description: 'Synced from an email thread: its visibility can be set with PUT /api/interactions/{id}/thread-visibility' }),
    accounts: z.array(z.object({ id: z.string(), name: z.string() })),
  })),
  next: z.string().nullable(),
}).openapi('MyCaptures');

export function myCaptureRoutes() {
  return newRouter().openapi(
    createRoute({
      method: 'get', path: '/sync/my-captures', operationId: 'listMyCaptures', tags: ['Sync'], security: bearer,
      summary: 'What the sync stored from your own mailbox, newest first, and what it skipped by reason',
      description: 'Keyset pagination: pass `next` back as `cursor`. Only interactions that come from your mailbox and are still in history are listed.',
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional().openapi({ description: 'The `next` cursor of the previous page' }),
        }),
      },
      responses: { 200: { description: 'A page', content: { 'application/json': { schema: MyCaptures } } }, ...problems(400, 401, 503) },
    }),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const mine = (await listMailboxes(auth.scope)).find((m) => m.userId === auth.user.id);
      if (!mine) return c.json({ mailbox: null, skipped: {}, items: [], next: null }, 200);
      const before = q.cursor ? decodeCursor(q.cursor) : undefined;
      const [page, skips] = await Promise.all([capturedPage(auth.scope, mine.id, { limit: q.limit, before }), skipCounts(auth.scope, mine.id)]);
      return c.json({
        mailbox: { id: mine.id, address: mine.address, mode: mine.mode, enabled: mine.enabled, blockedAddresses: mine.blockedAddresses, blockedDomains: mine.blockedDomains },
        skipped: Object.fromEntries(skips.map((s) => [s.reason, s.count])),
        items: page.items,
        next: page.next ? encodeCursor(page.next) : null,
      }, 200);
    },
  );
}
