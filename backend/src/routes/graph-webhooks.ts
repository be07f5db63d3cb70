// Microsoft Graph's webhooks: change notifications and lifecycle notifications. Public (Graph sends no token);
// trust comes from each subscription's clientState. Answers fast: the validation handshake at once, and 202
// as soon as the work is queued ("Receive change notifications through webhooks").
import type { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { problem } from '../http/problem.ts';
import { GraphPayloadError, parseChangeNotifications } from '../graph/index.ts';
import type { SyncService } from '../sync/sync-service.ts';

export function graphWebhookRoutes(app: Hono<AppEnv>, sync: Pick<SyncService, 'acceptNotifications'>): void {
  for (const path of ['/graph/notifications', '/graph/lifecycle']) {
    app.post(path, async (c) => {
      // The handshake: Graph POSTs ?validationToken=... and wants it back, decoded, as text/plain within 10 s.
      const validationToken = c.req.query('validationToken');
      if (validationToken !== undefined) return c.text(validationToken, 200, { 'content-type': 'text/plain; charset=utf-8' });
      let notices;
      try {
        notices = parseChangeNotifications(await c.req.json());
      } catch (error) {
        const detail = error instanceof GraphPayloadError ? error.message : 'The body is not JSON.';
        return problem(c, 400, 'Not a change notification', `Expected Graph's changeNotificationCollection: ${detail}`);
      }
      const outcome = await sync.acceptNotifications(notices);
      if (outcome.accepted === 0 && outcome.refused > 0) {
        return problem(c, 403, 'Notification refused', 'No notification carried the clientState of a known subscription; nothing was done.');
      }
      return c.body(null, 202);
    });
  }
}
