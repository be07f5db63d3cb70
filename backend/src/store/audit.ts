import type { TenantScope } from './scope.ts';
import { newId } from './ids.ts';

export async function writeAudit(
  scope: TenantScope,
  entry: { actorId: string | null; action: string; entityType: string; entityId: string; at: number; detail?: unknown },
): Promise<void> {
  await scope.db
    .insertInto('audit_log')
    .values({
      tenant_id: scope.tenantId,
      id: newId(entry.at),
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

export async function auditTrail(scope: TenantScope, entityType: string, entityId: string) {
  return scope.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id as actorId', 'action', 'detail'])
    .where('tenant_id', '=', scope.tenantId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at', 'asc')
    .execute();
}
