// The admins' audit trail: one page of who did what, newest first, with the people and records named and the
// detail reduced to field names and a few facts (domain/audit-detail.ts).
import { mayReadAuditTrail, type Actor } from '../../domain/record-permissions.ts';
import { auditDetailView, type AuditDetail } from '../../domain/audit-detail.ts';
import type { User } from '../../domain/types.ts';
import { auditActors, auditEntityLabels, auditPage, type AuditQuery } from '../../store/audit.ts';
import type { TenantScope } from '../../store/scope.ts';
import { requirePermission } from '../require-permission.ts';

export interface AuditListEntry {
  id: string;
  at: number;
  /** Null for the system (the mailbox sync); a deactivated colleague is still named. */
  actor: User | null;
  actorId: string | null;
  action: string;
  entity: { type: string; id: string; label: string | null };
  detail: AuditDetail;
}

export async function listAuditEntries(
  scope: TenantScope,
  actor: Actor,
  query: AuditQuery,
): Promise<{ items: AuditListEntry[]; next: { at: number; id: string } | null }> {
  requirePermission(mayReadAuditTrail(actor));
  const page = await auditPage(scope, query);
  const [people, labels] = await Promise.all([
    auditActors(scope, page.items.flatMap((e) => (e.actorId ? [e.actorId] : []))),
    auditEntityLabels(scope, page.items),
  ]);
  const byId = new Map(people.map((u) => [u.id, u]));
  return {
    items: page.items.map((e) => ({
      id: e.id,
      at: e.at,
      actor: (e.actorId && byId.get(e.actorId)) || null,
      actorId: e.actorId,
      action: e.action,
      entity: { type: e.entityType, id: e.entityId, label: labels.get(`${e.entityType}:${e.entityId}`) ?? null },
      detail: auditDetailView(e.action, e.detail),
    })),
    next: page.next,
  };
}
