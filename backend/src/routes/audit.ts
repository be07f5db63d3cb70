// The audit trail for admins (who did what, when, to which record) and the record of a CSV export.
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { Id, UserSchema, problems } from './schemas.ts';
import { actorOf, decodeCursor, encodeCursor, userView } from './views.ts';
import { listAuditEntries } from '../use-cases/audit/list-audit-entries.ts';
import { recordExport } from '../use-cases/audit/record-export.ts';
import { invalid } from '../domain/errors.ts';

const DAY_MS = 86_400_000;
const IsoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO date (2026-12-01) or date-time with an offset');

const AuditEntrySchema = z.object({
  id: Id,
  at: z.number().int().openapi({ description: 'When, in milliseconds since the epoch' }),
  actor: UserSchema.nullable().openapi({ description: 'Who; null for the system (the mailbox sync)' }),
  actorId: z.string().nullable(),
  action: z.string().openapi({ example: 'opportunity.stage' }),
  entity: z.object({ type: z.string(), id: z.string(), label: z.string().nullable().openapi({ description: 'A name for the record where one is cheap and not private' }) }),
  detail: z.object({
    fields: z.array(z.string()).openapi({ description: 'Names of the fields changed; their values are never in the trail' }),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).openapi({ description: 'Facts about the action: a stage move’s from and to, a row count' }),
  }),
}).openapi('AuditEntry');

function instant(value: string, field: string, endOfDay: boolean): number {
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw invalid(`${field} is not a real date.`, [{ field, message: 'not a real date' }]);
  // A date alone as the upper bound takes in that whole day.
  return value.length === 10 && endOfDay ? ms + DAY_MS : ms;
}

export function auditRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/audit', operationId: 'listAuditEntries', tags: ['Audit'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'The audit trail: who did what, when, to which record, newest first (admin)',
        request: {
          query: z.object({
            actorId: Id.optional().openapi({ description: 'Only what this user did' }),
            action: z.string().trim().min(1).max(64).regex(/^[a-z0-9_.-]+$/, 'must be an action or its start, like opportunity.').optional()
              .openapi({ description: 'An action or its start: "opportunity." finds every opportunity action' }),
            entityType: z.string().min(1).max(32).optional(),
            entityId: Id.optional(),
            from: IsoTime.optional().openapi({ description: 'From this date or instant (inclusive)' }),
            to: IsoTime.optional().openapi({ description: 'Until this instant (exclusive), or through this date' }),
            cursor: z.string().max(200).optional().openapi({ description: 'The `next` of the previous page' }),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
        responses: {
          200: { description: 'One page of entries', content: { 'application/json': { schema: z.object({ items: z.array(AuditEntrySchema), next: z.string().nullable() }) } } },
          ...problems(400, 401, 403, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const before = q.cursor ? decodeCursor(q.cursor) : undefined;
        const page = await listAuditEntries(auth.scope, actorOf(auth), {
          limit: q.limit,
          ...(q.actorId ? { actorId: q.actorId } : {}),
          ...(q.action ? { actionPrefix: q.action } : {}),
          ...(q.entityType ? { entityType: q.entityType } : {}),
          ...(q.entityId ? { entityId: q.entityId } : {}),
          ...(q.from ? { from: instant(q.from, 'from', false) } : {}),
          ...(q.to ? { to: instant(q.to, 'to', true) } : {}),
          ...(before ? { before: { at: before.occurredAt, id: before.id } } : {}),
        });
        return c.json({
          items: page.items.map((e) => ({ ...e, actor: e.actor ? userView(e.actor) : null })),
          next: page.next ? encodeCursor({ occurredAt: page.next.at, id: page.next.id }) : null,
        }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/audit/exports', operationId: 'recordExport', tags: ['Audit'], security: bearer,
        summary: 'Record a CSV export made in the app: which view and how many rows',
        request: {
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({
              view: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a view name like accounts or dashboard-reps'),
              rows: z.number().int().min(0).max(1_000_000),
            }).openapi('ExportRecord') } },
          },
        },
        responses: { 204: { description: 'Recorded' }, ...problems(400, 401, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        await recordExport(auth.scope, actorOf(auth), c.req.valid('json'), deps.clock());
        return c.body(null, 204);
      },
    );
}
