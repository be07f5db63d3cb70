// A CSV export leaves Suhde with a copy of the data: which view and how many rows are written to the audit
// trail. The file itself is made in the browser from what the view already shows.
import type { Actor } from '../../domain/record-permissions.ts';
import { writeAudit } from '../../store/audit.ts';
import type { TenantScope } from '../../store/scope.ts';

export async function recordExport(scope: TenantScope, actor: Actor, exported: { view: string; rows: number }, now: number): Promise<void> {
  await writeAudit(scope, { actorId: actor.id, action: 'export.csv', entityType: 'export', entityId: exported.view, at: now, detail: { view: exported.view, rows: exported.rows } });
}
