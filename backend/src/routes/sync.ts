// Graph sync administration: health per mailbox, enabling a user's mailbox, and queueing a pass (admin only).
import { createRoute, z } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { requireRole } from '../http/authenticate.ts';
import { Domain, Email, IdParam, problems } from './schemas.ts';
import { syncHealth } from '../store/sync-health.ts';
import { getMailbox, insertMailbox, listMailboxes, updateMailbox } from '../store/mailboxes.ts';
import { clearBackoff, restartStream } from '../store/sync-cursors.ts';
import { mailboxStreams } from '../sync/streams.ts';
import { releaseBlockedItems } from '../use-cases/interactions/remove-interaction.ts';
import { setThreadVisibility } from '../use-cases/interactions/set-thread-visibility.ts';
import { inTransaction } from '../store/scope.ts';
import { VISIBILITIES } from '../domain/types.ts';
import { getUser } from '../store/users.ts';
import { DomainError, invalid, conflict, notFound } from '../domain/errors.ts';
import { isUniqueViolation } from '../store/scope.ts';
import { actorOf, mailboxHealthView, mailboxSettingsView } from './views.ts';
import { countReviewQueue } from '../use-cases/review/list-review-queue.ts';
import { writeAudit } from '../store/audit.ts';

const STREAM_STATES = ['waiting', 'syncing', 'backfilling', 'ok', 'failing', 'needs-admin'] as const;
const Folder = z.string().trim().min(1).max(120).regex(/^[A-Za-z0-9=_\-.]+$/, 'must be a well-known folder name (inbox, sentitems, archive) or a folder id');
const MailboxHealthSchema = z.object({
  mailbox: z.object({ id: z.string(), userId: z.string(), address: z.string(), mode: z.enum(['application', 'delegated']), enabled: z.boolean(), folders: z.array(z.string()) }),
  state: z.enum(['disabled', ...STREAM_STATES]).openapi({ description: 'The worst of its streams: needs-admin, failing, backfilling, syncing, waiting, ok' }),
  lastSuccessAt: z.number().nullable(),
  itemsSeen: z.number(),
  itemsStored: z.number(),
  skipped: z.record(z.string(), z.number()).openapi({ description: 'Items not stored, by reason: internal, personal, automated, private, blocked, draft, cancelled, ...' }),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  consecutiveFailures: z.number(),
  throttledMs: z.number().openapi({ description: 'Time spent waiting on Graph throttling (Retry-After or backoff)' }),
  streams: z.array(z.object({
    stream: z.string(), state: z.enum(STREAM_STATES), hasDeltaLink: z.boolean(), fullRoundInProgress: z.boolean(), updatedAt: z.number(),
    consecutiveFailures: z.number(),
    lastError: z.string().nullable(),
    lastErrorStatus: z.number().nullable().openapi({ description: 'The HTTP status Graph answered the failed pass with' }),
    lastErrorCode: z.string().nullable().openapi({ description: 'Graph’s error code, e.g. ErrorAccessDenied, MailboxNotEnabledForRESTAPI' }),
    lastErrorAt: z.number().nullable(),
    adminAction: z.string().nullable().openapi({ description: 'Set when the stream needs an admin: what to do, then restart the stream' }),
    nextAttemptAt: z.number().nullable().openapi({ description: 'A failing stream waits until then before its next scheduled pass (back-off, at most a day)' }),
    lastSuccessAt: z.number().nullable(),
    lastResyncAt: z.number().nullable().openapi({ description: 'When Graph last expired the delta token (410) and a full round started' }),
  })),
  unreadable: z.array(z.object({ stream: z.string(), graphId: z.string().nullable(), reason: z.string(), firstSeenAt: z.number(), lastSeenAt: z.number() }))
    .openapi({ description: 'Items Graph sent that could not be read, skipped so the stream goes on; the ten seen most recently' }),
  subscriptions: z.number(),
  nextRenewalAt: z.number().nullable(),
}).openapi('MailboxHealth');
const Window = {
  windowBackDays: z.number().int().min(0, 'must be 0 or more').max(3650, 'must be at most 3650 days').optional().openapi({ description: 'How far back the calendar is read; default 180' }),
  windowAheadDays: z.number().int().min(0, 'must be 0 or more').max(730, 'must be at most 730 days').optional().openapi({ description: 'How far ahead; default 90' }),
};
const Blocklist = {
  // Unicode or punycode in, the canonical form (domain/addresses.ts) stored, as everywhere in the API.
  blockedAddresses: z.array(z.string().max(320).pipe(Email)).max(500).optional().openapi({ description: 'Never captured from this mailbox, on top of the tenant’s blocklist' }),
  blockedDomains: z.array(z.string().max(253).pipe(Domain)).max(500).optional(),
};
const MailboxCreate = z.object({
  userId: z.string().min(1).max(64),
  folders: z.array(Folder).min(1).max(20).optional(),
  ...Window,
}).openapi('MailboxCreate');
const MailboxUpdate = z.object({ enabled: z.boolean().optional(), folders: z.array(Folder).min(1).max(20).optional(), ...Window, ...Blocklist }).openapi('MailboxUpdate');
const MailboxSettingsSchema = z.object({
  id: z.string(), enabled: z.boolean(), folders: z.array(z.string()), windowBackDays: z.number(), windowAheadDays: z.number(),
  blockedAddresses: z.array(z.string()), blockedDomains: z.array(z.string()),
}).openapi('MailboxSettings');

export function syncRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/sync/health', operationId: 'getSyncHealth', tags: ['Sync'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Graph sync health per mailbox (admin)',
        responses: { 200: { description: 'Mailboxes', content: { 'application/json': { schema: z.object({ items: z.array(MailboxHealthSchema), queue: z.string(), toReview: z.number().openapi({ description: 'Email and meetings stored with no account, waiting in the review queue' }) }) } } }, ...problems(401, 403, 503) },
      }),
      async (c) => c.json({
        items: (await syncHealth(c.get('auth').scope, deps.clock())).map(mailboxHealthView), queue: deps.sync?.queue.kind ?? 'off',
        toReview: await countReviewQueue(c.get('auth').scope, actorOf(c.get('auth'))),
      }, 200),
    )
    .openapi(
      createRoute({
        method: 'post', path: '/sync/mailboxes', operationId: 'enableMailboxSync', tags: ['Sync'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: "Enable Graph sync of a colleague's mailbox and calendar (admin; application permissions)",
        request: { body: { required: true, content: { 'application/json': { schema: MailboxCreate } } } },
        responses: { 201: { description: 'Enabled; a first pass is queued', content: { 'application/json': { schema: z.object({ id: z.string(), address: z.string() }) } } }, ...problems(400, 401, 403, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const body = c.req.valid('json');
        const user = await getUser(auth.scope, body.userId);
        if (!user) throw invalid('That user is not in your organisation.', [{ field: 'userId', message: 'unknown user' }]);
        if ((await listMailboxes(auth.scope)).some((m) => m.userId === user.id)) throw conflict(`${user.displayName}'s mailbox is already enabled; change it with PATCH.`);
        let mailbox;
        try {
          mailbox = await insertMailbox(auth.scope, {
            id: randomUUID(), userId: user.id, address: user.email, ...(body.folders ? { folders: body.folders } : {}),
            ...(body.windowBackDays !== undefined ? { windowBackDays: body.windowBackDays } : {}), ...(body.windowAheadDays !== undefined ? { windowAheadDays: body.windowAheadDays } : {}),
          }, deps.clock());
        } catch (e) {
          if (isUniqueViolation(e)) throw conflict(`The mailbox ${user.email} is already enabled.`);
          throw e;
        }
        await writeAudit(auth.scope, { actorId: auth.user.id, action: 'mailbox.enable', entityType: 'mailbox', entityId: mailbox.id, at: deps.clock(), detail: { mode: 'application' } });
        if (deps.sync) {
          // Polling still syncs the mailbox; change notifications are an accelerator, so a refusal is logged, not fatal.
          await deps.sync.ensureSubscriptions(auth.tenant.id, mailbox.id)
            .catch((e) => console.warn(`[sync] ${mailbox.id}: change notifications not subscribed: ${e instanceof Error ? e.message : e}`));
          await deps.sync.enqueueMailbox(auth.tenant.id, mailbox);
        }
        return c.json({ id: mailbox.id, address: mailbox.address }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'patch', path: '/sync/mailboxes/{id}', operationId: 'updateMailboxSync', tags: ['Sync'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Change a mailbox’s sync: on or off, folders, calendar window, its own blocklist (admin)',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MailboxUpdate } } } },
        responses: { 200: { description: 'Saved', content: { 'application/json': { schema: MailboxSettingsSchema } } }, ...problems(400, 401, 403, 404, 413, 415, 503) },
      }),
      async (c) => {
        const m = await inTransaction(c.get('auth').scope, async (tx) => {
          const updated = await updateMailbox(tx, c.req.valid('param').id, c.req.valid('json'));
          if (updated) await releaseBlockedItems(tx, updated, deps.clock());
          const { enabled } = c.req.valid('json');
          if (updated) await writeAudit(tx, { actorId: c.get('auth').user.id, action: enabled === undefined ? 'mailbox.update' : enabled ? 'mailbox.enable' : 'mailbox.disable', entityType: 'mailbox', entityId: updated.id, at: deps.clock(), detail: { fields: Object.keys(c.req.valid('json')) } });
          return updated;
        });
        if (!m) throw notFound('mailbox');
        return c.json(mailboxSettingsView(m), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put', path: '/sync/my-blocklist', operationId: 'replaceMyBlocklist', tags: ['Sync'], security: bearer,
        summary: 'Addresses and domains never to capture from your own mailbox (your doctor, your child’s school)',
        request: { body: { required: true, content: { 'application/json': { schema: z.object({ blockedAddresses: Blocklist.blockedAddresses.unwrap(), blockedDomains: Blocklist.blockedDomains.unwrap() }).openapi('MyBlocklist') } } } },
        responses: { 200: { description: 'Saved', content: { 'application/json': { schema: MailboxSettingsSchema } } }, ...problems(400, 401, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const mine = (await listMailboxes(auth.scope)).find((m) => m.userId === auth.user.id);
        if (!mine) throw conflict('Your mailbox is not synced, so there is nothing to block yet.');
        // What is already captured with someone now blocked goes too, in the same transaction.
        const m = await inTransaction(auth.scope, async (tx) => {
          const updated = (await updateMailbox(tx, mine.id, c.req.valid('json')))!;
          await releaseBlockedItems(tx, updated, deps.clock());
          return updated;
        });
        return c.json(mailboxSettingsView(m), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/sync/my-mailbox', operationId: 'connectMyMailbox', tags: ['Sync'], security: bearer,
        summary: 'Connect your own mailbox and calendar (delegated, on-behalf-of your sign-in)',
        description: 'Suhde reads your Inbox, Sent Items and calendar with your own delegated permissions (Mail.Read, Calendars.Read), starting now and again while you use Suhde. Your token is never stored.',
        responses: { 202: { description: 'Connected; the first pass runs now', content: { 'application/json': { schema: z.object({ mailboxId: z.string(), address: z.string(), mode: z.enum(['application', 'delegated']) }) } } }, ...problems(401, 409, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        if (!deps.sync?.canConnectOwnMailbox()) throw new DomainError('conflict', 'Sync not configured', 'This server cannot read mailboxes on your behalf (no Graph app credentials configured); ask your admin.');
        const assertion = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
        const { mailbox } = await deps.sync.connectOwnMailbox(auth.tenant.id, auth.user, assertion);
        await writeAudit(auth.scope, { actorId: auth.user.id, action: 'mailbox.enable', entityType: 'mailbox', entityId: mailbox.id, at: deps.clock(), detail: { mode: mailbox.mode } });
        return c.json({ mailboxId: mailbox.id, address: mailbox.address, mode: mailbox.mode }, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'put', path: '/interactions/{id}/thread-visibility', operationId: 'setThreadVisibility', tags: ['Sync'], security: bearer,
        summary: 'Set the visibility of a whole email thread synced from your mailbox, now and for mail to come',
        description: 'Only the owner of the mailbox the thread was synced from may do this. private: only the people who hold it; metadata: colleagues see that a contact happened; shared: all of it.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: z.object({ visibility: z.enum(VISIBILITIES) }).openapi('ThreadVisibility') } } } },
        responses: { 200: { description: 'Applied', content: { 'application/json': { schema: z.object({ visibility: z.enum(VISIBILITIES), interactionIds: z.array(z.string()) }) } } }, ...problems(400, 401, 404, 409, 413, 415, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const id = c.req.valid('param').id;
        const { visibility } = c.req.valid('json');
        const interactionIds = await setThreadVisibility(auth.scope, { userId: auth.user.id, role: auth.role }, id, visibility, deps.clock());
        return c.json({ visibility, interactionIds }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/sync/mailboxes/{id}/run', operationId: 'runMailboxSync', tags: ['Sync'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Queue a sync pass of every stream of a mailbox now (admin)',
        request: { params: IdParam },
        responses: { 202: { description: 'Queued', content: { 'application/json': { schema: z.object({ queued: z.array(z.string()) }) } } }, ...problems(400, 401, 403, 404, 409, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const m = await getMailbox(auth.scope, c.req.valid('param').id);
        if (!m) throw notFound('mailbox');
        if (!m.enabled) throw conflict('This mailbox’s sync is turned off; turn it on first.');
        if (!deps.sync) throw new DomainError('conflict', 'Sync not configured', 'This server has no Graph connection configured (see README, Configuration: GRAPH_*).');
        await clearBackoff(auth.scope, m.id);
        await deps.sync.enqueueMailbox(auth.tenant.id, m);
        return c.json({ queued: [...m.folders.map((f) => `mail:${f}`), 'calendar'] }, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/sync/mailboxes/{id}/streams/{stream}/restart', operationId: 'restartMailboxStream', tags: ['Sync'], security: bearer, middleware: [requireRole('admin')] as const,
        summary: 'Restart one stream of a mailbox from a full round (admin)',
        description: 'Drops the stream’s delta cursor and its failures and back-off, and queues a pass: a full round, merged by key, so nothing is stored twice. What an admin does after fixing what a needs-admin stream asked for, or for a stream that is stuck.',
        request: { params: z.object({ id: IdParam.shape.id, stream: z.string().min(1).max(160).openapi({ param: { name: 'stream', in: 'path' }, description: 'mail:<folder> or calendar', example: 'mail:inbox' }) }) },
        responses: { 202: { description: 'Restarted; a full round is queued', content: { 'application/json': { schema: z.object({ queued: z.array(z.string()) }) } } }, ...problems(400, 401, 403, 404, 409, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const { id, stream } = c.req.valid('param');
        const m = await getMailbox(auth.scope, id);
        if (!m) throw notFound('mailbox');
        const known = mailboxStreams(m.folders).find((s) => s === stream);
        if (!known) throw notFound('stream');
        if (!m.enabled) throw conflict('This mailbox’s sync is turned off; turn it on first.');
        if (!deps.sync) throw new DomainError('conflict', 'Sync not configured', 'This server has no Graph connection configured (see README, Configuration: GRAPH_*).');
        // A stream that never ran has no cursor: its first pass is a full round anyway.
        await restartStream(auth.scope, m.id, stream, deps.clock());
        await writeAudit(auth.scope, { actorId: auth.user.id, action: 'mailbox.restart-stream', entityType: 'mailbox', entityId: m.id, at: deps.clock(), detail: { stream } });
        await deps.sync.enqueueMailbox(auth.tenant.id, m, [known]);
        return c.json({ queued: [known] }, 202);
      },
    );
}
