import { writeAudit } from '../../store/audit.ts';
import { saveNotificationSettings, type NotificationSettings } from '../../store/notifications.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { changedFields } from '../../domain/audit-detail.ts';
import { getNotificationSettings } from '../../store/notifications.ts';

/** A person chooses which activity-feed reminders they get, and in which language. Audited like any setting. */
export async function updateNotificationSettings(scope: TenantScope, userId: string, settings: NotificationSettings, now: number): Promise<NotificationSettings> {
  return inTransaction(scope, async (tx) => {
    const before = await getNotificationSettings(tx, userId);
    const saved = await saveNotificationSettings(tx, userId, settings, now);
    await writeAudit(tx, { actorId: userId, action: 'notification-settings.update', entityType: 'user', entityId: userId, at: now, detail: { fields: changedFields(before, saved) } });
    return saved;
  });
}
